// Turning what people type into cells into values: "80%", " 80 ", "1.200" (Vietnamese thousands), "có".
import type { TaskStatus } from '../domain/report.ts';
import { cleanText } from '../text/clean-text.ts';
import { matchKey } from '../text/vietnamese.ts';
import { isBlank, type CellValue } from './grid.ts';
import { NO, STATUS_LABELS, YES } from './spec.ts';

export type Coerced<T> = { ok: true; value: T } | { ok: false };

/** Text of a cell through the text gate (what XML forbids and DEL dropped, new lines LF, NFC), trimmed; numbers and booleans as they would show. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return cleanText(value).trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * A whole number from a cell: a number, or text like " 80 ", "80%", "1.200" or "1 200".
 * `wholeNumber('80%')` → 80; `wholeNumber(0.8)` fails (a fraction, not a whole number).
 */
export function wholeNumber(value: CellValue, { percent = false } = {}): Coerced<number | null> {
  if (isBlank(value)) return { ok: true, value: null };
  if (typeof value === 'number') return Number.isInteger(value) ? { ok: true, value } : { ok: false };
  if (typeof value !== 'string') return { ok: false };
  let text = value.trim().replace(/\s+/g, '');
  if (percent) text = text.replace(/%$/, '');
  if (/^-?\d{1,3}([.\s]\d{3})+$/.test(text)) text = text.replace(/[.\s]/g, '');
  text = text.replace(/^(-?\d+)[.,]0+$/, '$1');
  return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false };
}

const STATUS_BY_LABEL = new Map(Object.entries(STATUS_LABELS).map(([status, label]) => [label, status as TaskStatus]));
const STATUS_BY_KEY = new Map(
  Object.entries(STATUS_LABELS).map(([status, label]) => [matchKey(label), status as TaskStatus]),
);

/** A status from its label, matched without regard to case and spacing. */
export function taskStatus(value: CellValue): Coerced<TaskStatus | null> {
  if (isBlank(value)) return { ok: true, value: null };
  const text = cellText(value);
  const status = STATUS_BY_LABEL.get(text) ?? STATUS_BY_KEY.get(matchKey(text));
  return status ? { ok: true, value: status } : { ok: false };
}

/** Có → true, Không → false (also TRUE/FALSE from a checkbox). */
export function yesNo(value: CellValue): Coerced<boolean | null> {
  if (isBlank(value)) return { ok: true, value: null };
  if (typeof value === 'boolean') return { ok: true, value };
  const text = cellText(value);
  if (text === YES) return { ok: true, value: true };
  if (text === NO) return { ok: true, value: false };
  const key = matchKey(text);
  if (key === matchKey(YES)) return { ok: true, value: true };
  if (key === matchKey(NO)) return { ok: true, value: false };
  return { ok: false };
}
