// Opening Office files (zip archives) within bounds: entry count, declared and actual uncompressed size.
import { unzipSync, type UnzipFileInfo } from 'fflate';

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

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/**
 * Unzips only the entries `wanted` accepts, refusing archives whose central directory lists too
 * many entries or too many bytes; sizes are the declared ones, checked again after inflating.
 */
export function safeUnzip(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits): ZipRead {
  if (bytes.length < 22 || !LOCAL_HEADER.every((b, i) => bytes[i] === b)) return { ok: false, error: { code: 'not-a-zip' } };
  let entries = 0;
  let declared = 0;
  let refused: ZipError | null = null;
  const filter = (file: UnzipFileInfo) => {
    entries += 1;
    if (entries > limits.maxEntries) refused ??= { code: 'too-many-entries', entries, limit: limits.maxEntries };
    if (!wanted(file.name)) return false;
    declared += file.originalSize;
    if (declared > limits.maxUncompressed) refused ??= { code: 'too-large-uncompressed', bytes: declared, limit: limits.maxUncompressed };
    return refused === null;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter });
  } catch (error) {
    if (refused) return { ok: false, error: refused };
    return { ok: false, error: { code: 'corrupt-zip', detail: (error as Error).message } };
  }
  if (refused) return { ok: false, error: refused };
  const actual = Object.values(files).reduce((sum, f) => sum + f.length, 0);
  if (actual > limits.maxUncompressed) return { ok: false, error: { code: 'too-large-uncompressed', bytes: actual, limit: limits.maxUncompressed } };
  return { ok: true, files };
}
