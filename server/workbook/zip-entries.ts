// A zip of whole entries deflated natively (Node's zlib): the entries in the order given, with fixed timestamps, so
// the same entries always give the same bytes. The agency workbook's parts go through it (ExcelJS's JSZip writer, its
// pure-JS CRC and its asynchronous chunking were most of a workbook's time).
import { crc32, deflateRawSync } from 'node:zlib';
import { zipPieces } from './zip-write.ts';

export function zipEntries(entries: [name: string, data: Uint8Array | string][], level = 6): Buffer {
  const parts = entries.map(([name, content]) => {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    return { name, data: [deflateRawSync(data, { level })], crc: crc32(data) >>> 0, size: data.length };
  });
  return Buffer.concat([...zipPieces(parts)]);
}
