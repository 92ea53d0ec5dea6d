// Opening Office files (zip archives) from untrusted hands: the central directory is read and checked
// (entry count, names, overlaps, methods, encryption), and each wanted entry is inflated by the host's inflater
// with its output capped at the size its headers declare, then checked against its CRC-32. A zip that
// lies about its sizes stops at the declared size instead of inflating gigabytes.
import type { Codec } from './codec.ts';
import { InflateTooLarge } from './codec.ts';
import { crc32 } from './crc32.ts';

export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes of the entries that are read. */
  maxUncompressed: number;
}

export type ZipError =
  | { code: 'not-a-zip' }
  | { code: 'too-many-entries'; entries: number; limit: number }
  | { code: 'too-large-uncompressed'; bytes: number; limit: number }
  | { code: 'corrupt-zip'; detail: string };

export type ZipRead = { ok: true; files: Record<string, Uint8Array> } | { ok: false; error: ZipError };

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END_SIZE = 22;

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  localOffset: number;
  dataStart: number;
}

class Corrupt extends Error {}
const corrupt = (detail: string): never => {
  throw new Corrupt(detail);
};

/** A name that could climb out of a folder or hide: absolute, with "..", backslashes or control characters. */
function unsafeName(name: string): boolean {
  return (
    name.length === 0 ||
    name.startsWith('/') ||
    // eslint-disable-next-line no-control-regex
    /\\|[\x00-\x1f]/.test(name) ||
    name.split('/').some((part) => part === '..')
  );
}

function findEnd(view: DataView): number {
  const last = view.byteLength - END_SIZE;
  for (let at = last; at >= Math.max(0, last - 0xffff); at--) {
    if (view.getUint32(at, true) === END && at + END_SIZE + view.getUint16(at + 20, true) === view.byteLength)
      return at;
  }
  return -1;
}

function readEntries(bytes: Uint8Array, view: DataView, limits: ZipLimits, codec: Codec): Entry[] {
  const end = findEnd(view);
  if (end < 0) corrupt('no end of central directory');
  const count = view.getUint16(end + 10, true);
  const cdSize = view.getUint32(end + 12, true);
  const cdOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) corrupt('zip64 archives are not supported');
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count) corrupt('multi-disk archive');
  if (count > limits.maxEntries) throw new TooMany(count);
  if (cdOffset + cdSize > end) corrupt('central directory out of bounds');
  const entries: Entry[] = [];
  const names = new Set<string>();
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) corrupt(`central directory entry ${i + 1} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) corrupt(`central directory entry ${i + 1} is out of bounds`);
    const name = codec.utf8(bytes.subarray(at + 46, at + 46 + nameLength));
    if (unsafeName(name)) corrupt(`unsafe entry name "${name.slice(0, 80)}"`);
    if (names.has(name)) corrupt(`duplicate entry "${name.slice(0, 80)}"`);
    names.add(name);
    const entry: Entry = {
      name,
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      dataStart: 0,
    };
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff)
      corrupt('zip64 entries are not supported');
    const local = entry.localOffset;
    if (local + 30 > cdOffset || view.getUint32(local, true) !== LOCAL)
      corrupt(`local header of "${name.slice(0, 80)}" is damaged`);
    const localName = view.getUint16(local + 26, true);
    if (localName !== nameLength || codec.utf8(bytes.subarray(local + 30, local + 30 + localName)) !== name)
      corrupt(`local header of "${name.slice(0, 80)}" names another entry`);
    entry.dataStart = local + 30 + localName + view.getUint16(local + 28, true);
    if (entry.dataStart + entry.compressed > cdOffset) corrupt(`data of "${name.slice(0, 80)}" is out of bounds`);
    entries.push(entry);
    at = next;
  }
  // Entries that share bytes are the trick of "overlapping" zip bombs: every entry owns its own range.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1]!;
    if (before.dataStart + before.compressed > byOffset[i]!.localOffset)
      corrupt(`entries "${before.name.slice(0, 80)}" and "${byOffset[i]!.name.slice(0, 80)}" overlap`);
  }
  return entries;
}

class TooMany extends Error {
  constructor(readonly entries: number) {
    super('too many entries');
  }
}

function inflateCapped(codec: Codec, data: Uint8Array, size: number, label: string): Uint8Array {
  try {
    // The cap is the declared size: a stream that inflates past it is refused, not followed.
    return codec.inflateRaw(data, size);
  } catch (error) {
    return corrupt(
      error instanceof InflateTooLarge
        ? `${label} inflates past its declared size`
        : `${label} cannot be inflated (${(error as Error).message})`,
    );
  }
}

function inflate(bytes: Uint8Array, entry: Entry, codec: Codec): Uint8Array {
  const label = `"${entry.name.slice(0, 80)}"`;
  if (entry.flags & 0x1) corrupt(`${label} is encrypted`);
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressed);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressed !== entry.size) corrupt(`${label} is stored with two different sizes`);
    out = data;
  } else if (entry.method === 8) {
    out = inflateCapped(codec, data, entry.size, label);
  } else {
    return corrupt(`${label} uses compression method ${entry.method}`);
  }
  if (out.length !== entry.size) corrupt(`${label} has ${out.length} bytes, its header says ${entry.size}`);
  if ((codec.crc32 ? codec.crc32(out) : crc32(out)) !== entry.crc) corrupt(`${label} fails its CRC check`);
  return out;
}

/** Looks at the first bytes of a wanted entry before any entry is inflated whole; throws to refuse the archive. */
export type EntryHead = (name: string, head: Uint8Array) => void;
/** How much of each entry `head` is shown (when the host can inflate a prefix). */
const HEAD_BYTES = 4 * 1024 * 1024;

/**
 * Unzips only the entries `wanted` accepts (after showing `head` the start of each). The archive as a whole must be sound (its directory, names
 * and ranges); the wanted entries must together stay under the uncompressed limit, counted in bytes
 * really inflated, each equal to its declared size and CRC.
 */
export function safeUnzip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: ZipLimits,
  codec: Codec,
  head?: EntryHead,
): ZipRead {
  if (bytes.length < END_SIZE || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
    return { ok: false, error: { code: 'not-a-zip' } };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const entries = readEntries(bytes, view, limits, codec);
    const chosen = entries.filter((e) => wanted(e.name));
    const declared = chosen.reduce((sum, e) => sum + e.size, 0);
    if (declared > limits.maxUncompressed)
      return { ok: false, error: { code: 'too-large-uncompressed', bytes: declared, limit: limits.maxUncompressed } };
    const files: Record<string, Uint8Array> = {};
    if (head) {
      for (const entry of chosen) {
        const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressed);
        // A part no larger than the head is inflated (and checked) once, whole, and shown to `head` as it is; only a
        // larger one is inflated twice, its head first.
        if (entry.method === 8 && entry.size > HEAD_BYTES && codec.inflateRawHead)
          head(entry.name, codec.inflateRawHead(data, HEAD_BYTES));
        else if (entry.method === 0) head(entry.name, data.subarray(0, HEAD_BYTES));
        else if (entry.method === 8) head(entry.name, (files[entry.name] = inflate(bytes, entry, codec)));
      }
    }
    for (const entry of chosen) files[entry.name] ??= inflate(bytes, entry, codec);
    return { ok: true, files };
  } catch (error) {
    if (error instanceof TooMany)
      return { ok: false, error: { code: 'too-many-entries', entries: error.entries, limit: limits.maxEntries } };
    if (error instanceof Corrupt) return { ok: false, error: { code: 'corrupt-zip', detail: error.message } };
    throw error;
  }
}
