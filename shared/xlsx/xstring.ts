// Excel's escapes in cell text (ECMA-376 Part 1, §22.9.2.19 ST_Xstring): `_x` + four hex digits + `_` stands for
// that UTF-16 code unit, so a CR Word pasted is written `_x000D_` and a control character `_x0001_`; a literal
// `_xHHHH_` in the text has its `_` written `_x005F_`. Readers decode, writers encode; nothing decodes twice.
import { cleanText } from '../text/clean-text.ts';

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
// The `_` of each literal escape in a text (found without consuming, so `_x005F_x000D_` has two).
const LITERAL = /_(?=x[0-9A-Fa-f]{4}_)/g;

/**
 * Cell text as Excel means it: `'a_x000D_\nb_x005F_x000D_'` → `'a\nb_x000D_'`. What the escapes stood for passes
 * the text gate (what XML cannot hold dropped, CR LF and CR made LF). Text without `_x` comes back as it is.
 */
export function decodeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  let decoded = false;
  const out = text.replace(ESCAPE, (_, h: string) => {
    decoded = true;
    return String.fromCharCode(parseInt(h, 16));
  });
  return decoded ? cleanText(out) : text;
}

/** Cell text as a writer writes it: every literal `_xHHHH_` keeps its `_` as `_x005F_`. `encodeXstring('_x000D_')` → `'_x005F_x000D_'`. */
export function encodeXstring(text: string): string {
  return text.includes('_x') ? text.replace(LITERAL, '_x005F_') : text;
}
