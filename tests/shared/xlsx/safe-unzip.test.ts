import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../shared/xlsx/crc32.ts';
import { safeUnzip as unzipWith } from '../../../shared/xlsx/safe-unzip.ts';
import { NODE_CODEC } from '../../../server/workbook/node-codec.ts';

const safeUnzip = (
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: { maxEntries: number; maxUncompressed: number },
) => unzipWith(bytes, wanted, limits, NODE_CODEC);
import { rawZip } from '../../helpers/zip-tricks.ts';

const LIMITS = { maxEntries: 100, maxUncompressed: 1024 * 1024 };
const all = () => true;
const refusal = (bytes: Uint8Array, limits = LIMITS) => {
  const read = safeUnzip(bytes, all, limits);
  if (read.ok) throw new Error('expected a refusal');
  return read.error;
};

describe('crc32', () => {
  it('matches the standard check value and zlib on odd lengths', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(strToU8('a'))).toBe(0xe8b7be43);
  });
});

describe('safeUnzip', () => {
  it('reads what fflate writes, stored or deflated', () => {
    const bytes = zipSync({
      'a.xml': strToU8('<a>xin chào</a>'),
      'b/c.bin': [new Uint8Array([1, 2, 3]), { level: 0 }],
    });
    const read = safeUnzip(bytes, all, LIMITS);
    expect(read.ok && Object.keys(read.files)).toEqual(['a.xml', 'b/c.bin']);
    expect(read.ok && new TextDecoder().decode(read.files['a.xml'])).toBe('<a>xin chào</a>');
  });

  it('stops inflating at the declared size: 64 MB of spaces declared as 22 KB', () => {
    const bomb = rawZip([
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(64 * 1024 * 1024).fill(32), declaredSize: 22_000 },
    ]);
    const started = performance.now();
    expect(refusal(bomb, { maxEntries: 10, maxUncompressed: 50 * 1024 * 1024 })).toEqual({
      code: 'corrupt-zip',
      detail: '"xl/worksheets/sheet1.xml" inflates past its declared size',
    });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses an entry shorter than declared, and one whose CRC does not match', () => {
    expect(refusal(rawZip([{ name: 'a.xml', data: strToU8('<a/>'), declaredSize: 10 }]))).toEqual({
      code: 'corrupt-zip',
      detail: '"a.xml" has 4 bytes, its header says 10',
    });
    expect(refusal(rawZip([{ name: 'a.xml', data: strToU8('<a/>'), crc: 1234 }]))).toEqual({
      code: 'corrupt-zip',
      detail: '"a.xml" fails its CRC check',
    });
    expect(refusal(rawZip([{ name: 'a.xml', data: strToU8('<a/>'), method: 0, crc: 1234 }]))).toEqual({
      code: 'corrupt-zip',
      detail: '"a.xml" fails its CRC check',
    });
  });

  it('counts declared sizes against the limit before inflating anything', () => {
    const error = refusal(
      rawZip([
        { name: 'a', data: new Uint8Array(10) },
        { name: 'b', data: new Uint8Array(10), declaredSize: 2 * 1024 * 1024 },
      ]),
    );
    expect(error).toEqual({ code: 'too-large-uncompressed', bytes: 2 * 1024 * 1024 + 10, limit: 1024 * 1024 });
  });

  it('refuses overlapping entries (the non-recursive zip bomb)', () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `e${i}`, data: new Uint8Array(1000) }));
    expect(refusal(rawZip(entries, { overlapAll: true }))).toMatchObject({
      code: 'corrupt-zip',
      detail: expect.stringMatching(/overlap|names another entry/),
    });
  });

  it.each([['../evil.xml'], ['/etc/passwd'], ['xl\\..\\x.xml'], ['a/../../b'], ['nul\u0000.xml']])(
    'refuses the entry name %j',
    (name) => {
      expect(refusal(rawZip([{ name, data: strToU8('x') }]))).toMatchObject({
        code: 'corrupt-zip',
        detail: expect.stringContaining('unsafe entry name'),
      });
    },
  );

  it('refuses duplicate names, encrypted entries, unknown methods and too many entries', () => {
    expect(
      refusal(
        rawZip([
          { name: 'a', data: strToU8('1') },
          { name: 'a', data: strToU8('2') },
        ]),
      ).code,
    ).toBe('corrupt-zip');
    expect(refusal(rawZip([{ name: 'a', data: strToU8('1'), flags: 1 }]))).toEqual({
      code: 'corrupt-zip',
      detail: '"a" is encrypted',
    });
    const many = rawZip(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, data: strToU8('x') })));
    expect(refusal(many)).toEqual({ code: 'too-many-entries', entries: 101, limit: 100 });
  });

  it('refuses truncated archives and garbage after a zip signature', () => {
    const good = zipSync({ 'a.xml': strToU8('<a/>') });
    expect(refusal(good.subarray(0, good.length - 5)).code).toBe('corrupt-zip');
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(40)])).code).toBe('corrupt-zip');
    expect(refusal(strToU8('not a zip at all, just text')).code).toBe('not-a-zip');
  });
});
