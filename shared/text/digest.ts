// A short, stable digest of text (FNV-1a, 64 bits in two 32-bit lanes): spots edits, not attacks.

// The texts digested are mostly the same few thousand (task titles, labels checked on every submission): kept.
const known = new Map<string, string>();
const KNOWN_MAX = 20_000;

/** `digest('Phòng Nội vụ')` → 16 hex characters; the same text (NFC) always gives the same digest. */
export function digest(text: string): string {
  const hit = known.get(text);
  if (hit !== undefined) return hit;
  const value = compute(text);
  if (known.size >= KNOWN_MAX) known.clear();
  if (text.length <= 4096) known.set(text, value);
  return value;
}

function compute(text: string): string {
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
