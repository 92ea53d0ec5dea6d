// A zip of whole entries deflated natively (Node's zlib): the entries in the order given, with fixed timestamps, so
// the same entries always give the same bytes. The agency workbook's parts go through it (ExcelJS's JSZip writer, its
// pure-JS CRC and its asynchronous chunking were most of a workbook's time).
import { crc32, deflateRawSync } from 'node:zlib';
import { zipPieces } from './zip-write.ts';

/**
 * Text parts seen lately, deflated: most of a workbook's parts (theme, styles, relationships, content types) are the
 * same text for every agency of a batch, and a zlib stream per part cost more than deflating it.
 */
const recent = new Map<string, { data: Buffer; crc: number; size: number }>();
const RECENT_LIMIT = 64;
const RECENT_MAX_CHARS = 1 << 16;
/** Deflate level: the parts are small, and level 4 deflated them faster than the default at nearly the same size. */
const LEVEL = 4;

function deflated(content: Uint8Array | string) {
  const key = typeof content === 'string' && content.length <= RECENT_MAX_CHARS ? content : null;
  const hit = key === null ? undefined : recent.get(key);
  if (hit) return hit;
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const part = { data: deflateRawSync(data, { level: LEVEL }), crc: crc32(data) >>> 0, size: data.length };
  if (key !== null) {
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
    recent.set(key, part);
  }
  return part;
}

export function zipEntries(entries: [name: string, data: Uint8Array | string][]): Buffer {
  const parts = entries.map(([name, content]) => {
    const { data, crc, size } = deflated(content);
    return { name, data: [data], crc, size };
  });
  return Buffer.concat([...zipPieces(parts)]);
}
