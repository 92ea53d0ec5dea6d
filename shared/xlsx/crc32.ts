// CRC-32 (IEEE 802.3, as zip uses it), slicing by 4 over precomputed tables, for hosts without a native one (the
// browser; Node has zlib.crc32 since 20.15), and the combination of two CRCs without the bytes they cover.

const TABLES = (() => {
  const t = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let s = 1; s < 4; s++) t[s * 256 + n] = (t[(s - 1) * 256 + n]! >>> 8) ^ t[t[(s - 1) * 256 + n]! & 0xff]!;
  }
  return t;
})();

/** The CRC-32 of `bytes`, unsigned. `crc32(new TextEncoder().encode('123456789'))` → 0xcbf43926. */
export function crc32(bytes: Uint8Array): number {
  const t = TABLES;
  let c = -1;
  let i = 0;
  const end4 = bytes.length & ~3;
  for (; i < end4; i += 4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[(c >>> 24) & 0xff]!;
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const POLY = 0xedb88320;

/** a·b modulo the CRC polynomial (both reflected, as CRC-32 keeps them). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m /= 2;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0…31. */
const X2N = (() => {
  const t = new Array<number>(32);
  let p = 0x40000000; // x^1
  t[0] = p;
  for (let k = 1; k < 32; k++) t[k] = p = multiplyModP(p, p);
  return t;
})();

/**
 * The CRC-32 of A followed by B, from crc(A), crc(B) and B's length (zlib's crc32_combine): pieces compressed and
 * checked apart can be stitched into one zip entry without reading their bytes again.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  // crc(AB) = crc(A)·x^(8·|B|) + crc(B)  (mod P)
  let p = 0x80000000; // x^0
  let k = 3;
  for (let n = lengthB; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multiplyModP(X2N[k & 31]!, p);
  return (multiplyModP(p, crcA >>> 0) ^ crcB) >>> 0;
}
