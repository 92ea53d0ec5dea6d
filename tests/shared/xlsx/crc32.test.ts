import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine } from '../../../shared/xlsx/crc32.ts';

const bytes = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 3)) & 0xff);

describe('crc32', () => {
  it('gives the check value and agrees with zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    for (const n of [0, 1, 3, 4, 5, 1000]) expect(crc32(bytes(n, n))).toBe(zlibCrc32(bytes(n, n)) >>> 0);
  });

  it('combines the CRCs of two pieces into the CRC of both, whatever their lengths', () => {
    for (const [a, b] of [
      [0, 0],
      [0, 7],
      [7, 0],
      [1, 1],
      [5, 1000],
      [65_536, 3],
      [3, 100_003],
      [1 << 20, (1 << 20) + 1],
    ] as const) {
      const left = bytes(a, 1);
      const right = bytes(b, 2);
      const whole = new Uint8Array(a + b);
      whole.set(left);
      whole.set(right, a);
      expect(crc32Combine(crc32(left), crc32(right), b), `${a}+${b}`).toBe(crc32(whole));
    }
  });

  it('chains over many pieces as one stream would', () => {
    const pieces = Array.from({ length: 50 }, (_, i) => bytes(i * 37 + 1, i));
    const combined = pieces.reduce((crc, p) => crc32Combine(crc, crc32(p), p.length), 0);
    expect(combined).toBe(zlibCrc32(Buffer.concat(pieces)) >>> 0);
  });
});
