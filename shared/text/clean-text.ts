// The one gate every text passes on its way in (a plan document, corrections, the directory, contacts, comments,
// account labels, period exceptions, a workbook's cells): what XML 1.0 cannot hold dropped, DEL dropped, new lines
// made LF, then NFC. What passes is exactly what every writer writes and every reader reads back: ExcelJS drops DEL,
// and every XML reader turns CR and CR LF into LF, so a text holding either would read back as another text (and
// fail the locked-cell check of its own template).
import { nfc } from './vietnamese.ts';
import { xmlSafe } from './xml-safe.ts';

// What may need more than NFC: C0 controls (tab and LF stay), DEL, surrogates (paired ones stay), U+FFFE and U+FFFF.
const MAYBE_UNCLEAN = new RegExp(String.raw`[\u0000-\u0008\u000B-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]`);

/** `cleanText('x\u0001\uFFFF\u007Fy\r\nz\r')` → `'xy\nz\n'`; then NFC, so what was dropped cannot leave a decomposed text. */
export function cleanText(text: string): string {
  if (!MAYBE_UNCLEAN.test(text)) return nfc(text);
  return nfc(
    xmlSafe(text)
      .replace(/\r\n?/g, '\n')
      .replace(/\u007F/g, ''),
  );
}

/** Excel's limit for the text of one cell. */
export const CELL_TEXT_MAX = 32_767;

/** A writer was asked to write what it cannot write as it is: a fault of ours, never of the caller's input. */
export class UnwritableText extends Error {}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `text` cannot be written as it is into an XML part (a character XML 1.0 cannot hold; with `exact`, also DEL or
 * CR, which would not read back as written), or past `max` characters; null when it can.
 */
export function unwritableReason(
  text: string,
  { max = Infinity, exact = false }: { max?: number; exact?: boolean } = {},
): string | null {
  if (text.length > max) return `${text.length.toLocaleString('en')} characters (at most ${max.toLocaleString('en')})`;
  if (!MAYBE_UNCLEAN.test(text)) return null;
  const safe = xmlSafe(text);
  if (safe !== text) {
    let i = 0;
    while (i < safe.length && safe.codePointAt(i) === text.codePointAt(i)) i += safe.codePointAt(i)! > 0xffff ? 2 : 1;
    return `${hex(text.charCodeAt(i))} at ${i + 1}, which XML 1.0 cannot hold`;
  }
  const changed = exact ? /[\r\u007F]/.exec(text) : null;
  return changed
    ? `${hex(changed[0].charCodeAt(0))} at ${changed.index + 1}, which would not read back as written`
    : null;
}

/** Throws an UnwritableText naming the writer and the place unless `text` can be written as it is. */
export function assertWritable(
  text: string,
  writer: string,
  where: string,
  options: { max?: number; exact?: boolean } = {},
): void {
  const reason = unwritableReason(text, options);
  if (reason) throw new UnwritableText(`${writer}: asked to write ${reason} in ${where}`);
}
