// A short, stable digest of text (FNV-1a, 64 bits in two 32-bit lanes): spots edits, not attacks.

/** `digest('Phòng Nội vụ')` → 16 hex characters; the same text (NFC) always gives the same digest. */
export function digest(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const s = text.normalize('NFC');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
