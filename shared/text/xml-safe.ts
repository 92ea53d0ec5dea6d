// Text that XML 1.0 can hold: what it forbids (C0 controls but tab and new lines, lone surrogates, U+FFFE,
// U+FFFF) is dropped on the way in, so no workbook we write can be refused by Excel or openpyxl.

const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `xmlSafe('a\uFFFFb\u0001c')` → `'abc'`; text already safe comes back as it is. */
export function xmlSafe(text: string): string {
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text;
}
