// The natively deflated zip of whole entries: the same entries and bytes, CRCs and sizes a strict reader accepts,
// the same bytes for the same input.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeUnzip } from '../../../shared/xlsx/safe-unzip.ts';
import { NODE_CODEC } from '../../../server/workbook/node-codec.ts';
import { zipEntries } from '../../../server/workbook/zip-entries.ts';

const entries: [string, Uint8Array | string][] = [
  ['[Content_Types].xml', '<Types/>'],
  ['xl/worksheets/sheet1.xml', '<c>Tỷ lệ hồ sơ đúng hạn</c>'.repeat(500)],
  ['xl/empty.xml', new Uint8Array(0)],
  ['xl/media/image1.bin', Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff)],
];
const bytes = (data: Uint8Array | string) => (typeof data === 'string' ? strToU8(data) : data);

describe('zipEntries', () => {
  it('keeps every entry, in order, byte for byte, with CRCs and sizes the strict reader checks', () => {
    const packed = zipEntries(entries);
    expect(packed.length).toBeLessThan(entries.reduce((n, [, d]) => n + bytes(d).length, 0) / 2);
    const read = safeUnzip(packed, () => true, { maxEntries: 10, maxUncompressed: 1 << 20 }, NODE_CODEC);
    if (!read.ok) throw new Error(read.error.code);
    expect(Object.keys(read.files)).toEqual(entries.map(([name]) => name));
    for (const [name, data] of entries)
      expect(Buffer.from(read.files[name]!).equals(Buffer.from(bytes(data)))).toBe(true);
  });

  it('gives the same bytes for the same input', () => {
    expect(zipEntries(entries).equals(zipEntries(entries))).toBe(true);
  });

  it('reuses a text part deflated before only for the very same text', () => {
    const read = (packed: Uint8Array) => {
      const r = safeUnzip(packed, () => true, { maxEntries: 10, maxUncompressed: 1 << 20 }, NODE_CODEC);
      if (!r.ok) throw new Error(r.error.code);
      return Buffer.from(r.files['xl/worksheets/sheet1.xml']!).toString('utf8');
    };
    const first = '<c>Phường 1</c>'.repeat(200);
    const second = '<c>Phường 2</c>'.repeat(200);
    expect(read(zipEntries([['xl/worksheets/sheet1.xml', first]]))).toBe(first);
    expect(read(zipEntries([['xl/worksheets/sheet1.xml', second]]))).toBe(second);
    expect(read(zipEntries([['xl/worksheets/sheet1.xml', first]]))).toBe(first);
  });
});
