// The natively deflated repack of a stored zip: the same entries and bytes, CRCs and sizes a strict reader
// accepts, the same bytes for the same input.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeUnzip } from '../../../shared/xlsx/safe-unzip.ts';
import { NODE_CODEC } from '../../../server/workbook/node-codec.ts';
import { repackZip } from '../../../server/workbook/zip-repack.ts';

const files = { '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': strToU8('<c>Tỷ lệ hồ sơ đúng hạn</c>'.repeat(500)), 'xl/empty.xml': new Uint8Array(0) };
const stored = zipSync(files, { level: 0 });

describe('repackZip', () => {
  it('keeps every entry, in order, byte for byte, with CRCs and sizes the strict reader checks', () => {
    const packed = repackZip(stored);
    expect(packed.length).toBeLessThan(stored.length / 10);
    const read = safeUnzip(packed, () => true, { maxEntries: 10, maxUncompressed: 1 << 20 }, NODE_CODEC);
    if (!read.ok) throw new Error(read.error.code);
    expect(Object.keys(read.files)).toEqual(Object.keys(files));
    for (const [name, data] of Object.entries(files)) expect(Buffer.from(read.files[name]!).equals(Buffer.from(data))).toBe(true);
  });

  it('gives the same bytes for the same input', () => {
    expect(Buffer.from(repackZip(stored)).equals(Buffer.from(repackZip(stored)))).toBe(true);
  });
});
