// Text that XML 1.0 can hold: what it forbids (C0 controls but tab and new lines, lone surrogates, U+FFFE,
// U+FFFF) is dropped on the way in, so no workbook we write can be refused by Excel or openpyxl.

const FORBIDDEN_CLASS = String.raw`[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]`;
const FORBIDDEN = new RegExp(FORBIDDEN_CLASS, 'gu');
// Markup characters, or what XML forbids: one test, one replace.
const TEXT_TEST = new RegExp(`[<>&"]|${FORBIDDEN_CLASS}`, 'u');
const TEXT_ALL = new RegExp(`[<>&"]|${FORBIDDEN_CLASS}`, 'gu');
// A superset of both, without the unicode flag (4× faster on long texts): any surrogate sends the text to the exact test.
const MAYBE = new RegExp(String.raw`[<>&"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]`);
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/** `xmlSafe('a\uFFFFb\u0001c')` → `'abc'`; text already safe comes back as it is. */
export function xmlSafe(text: string): string {
  if (!MAYBE.test(text)) return text;
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text;
}

/**
 * Text written into XML (element text or a double-quoted attribute), in one pass: what XML forbids dropped as
 * `xmlSafe` drops it, `< > & "` escaped. `xmlText('a<b\u0001')` → `'a&lt;b'`. Most texts hold neither: the test alone runs.
 */
export function xmlText(text: string): string {
  return MAYBE.test(text) && TEXT_TEST.test(text) ? text.replace(TEXT_ALL, (c) => ESCAPES[c] ?? '') : text;
}
