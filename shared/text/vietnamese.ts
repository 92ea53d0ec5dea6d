// Vietnamese text helpers: NFC on the way in, and a matching key that survives the ways people type names.

/** Unicode NFC, the one form stored everywhere. `nfc('Pho\u0300ng')` → `'Phòng'`. */
const MAYBE_NOT_NFC = new RegExp(String.raw`[^\u0000-\u02FF\u1E00-\u1EFF]`);

export function nfc(text: string): string {
  // Text only of characters below U+0300 and the precomposed Latin letters U+1E00–U+1EFF (all of Vietnamese written
  // precomposed) is NFC already: none of them changes, is reordered or composes with a neighbour. Only other text is
  // normalised (that was 3% of a submission's time).
  return MAYBE_NOT_NFC.test(text) ? text.normalize('NFC') : text;
}

// Zero-width spaces and joiners, and the byte-order mark, that Word and web pages leave in text.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

// The five tone marks as combining characters (grave, acute, tilde, hook above, dot below).
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bubnd\b/g, 'ủy ban nhân dân'],
  [/\bhđnd\b/g, 'hội đồng nhân dân'],
  [/\bmttqvn\b/g, 'mặt trận tổ quốc việt nam'],
  [/\bmttq\b/g, 'mặt trận tổ quốc việt nam'],
  [/\btp\b/g, 'thành phố'],
  [/\btpvt\b/g, 'thành phố vũng tàu'],
];

/**
 * Moves each syllable's tone mark to the end of the syllable, so "hoà" and "hòa" (old and new
 * placement) give the same string. Works on NFD text.
 */
function canonicalToneOrder(nfdText: string): string {
  return nfdText.replace(/[^\s\p{P}]+/gu, (syllable) => {
    const tones = syllable.match(TONE_MARKS);
    return tones ? syllable.replace(TONE_MARKS, '') + tones.join('') : syllable;
  });
}

/**
 * Key for matching names: ignores case, spacing, dashes, tone-mark placement, composed or
 * decomposed input, and the usual abbreviations. `matchKey('UBND  Phường Thắng Nhất')` equals
 * `matchKey('ủy ban nhân dân phường thắng nhất')`.
 */
export function matchKey(text: string): string {
  let key = nfc(text).replace(INVISIBLE, '').toLowerCase();
  key = key.replace(/[‐‑‒–—−-]/g, ' ').replace(/[.,;:()"“”'‘’*]/g, ' ');
  key = key.replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of ABBREVIATIONS) key = key.replace(pattern, replacement);
  return nfc(canonicalToneOrder(key.normalize('NFD')));
}

/** ASCII slug for ids: `slug('Phòng Nội vụ')` → `'phong-noi-vu'`. */
export function slug(text: string): string {
  return nfc(text)
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Collapses runs of white space and trims; drops zero-width characters; keeps the text otherwise as written. */
export function squash(text: string): string {
  return nfc(text).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Removes the markdown-like emphasis marks (`*…*`) and stray quotes that plans carry from Word exports. */
export function stripEmphasis(text: string): string {
  return text.replace(/\*+/g, '').trim();
}

// Built on first use: nothing in shared/ builds a costly object at import time (a pane or Apps Script may never sort).
let collator: Intl.Collator | null = null;
/** Vietnamese collation order (a < ă < â < b … đ after d), numbers in numeric order. */
export function compareVietnamese(a: string, b: string): number {
  collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  return collator.compare(a, b);
}

/** True when `phrase` occurs in `text`, compared by matchKey. `hasPhrase('Thực hiện Thường Xuyên.', 'thường xuyên')`. */
export function hasPhrase(text: string, phrase: string): boolean {
  return ` ${matchKey(text)} `.includes(` ${matchKey(phrase)} `);
}
