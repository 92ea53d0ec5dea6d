// Timeframes as plans write them: "Thực hiện thường xuyên", "Quý III/2024", "Trước ngày 30/9/2024", "Quý IV/2025 –
// Quý II/2026", "Từ 01/7/2025", "Năm 2026 và các năm tiếp theo"… The words as written are kept beside the form.
import type { Timeframe } from '../domain/plan.ts';
import { hasPhrase, squash, stripEmphasis } from '../text/vietnamese.ts';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const ONGOING = ['thường xuyên', 'liên tục', 'định kỳ'];
const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A point in time as a span of days: a date, a month, a quarter or a year. */
type Span = { start: string; end: string };
const DATE =
  /(\d{1,2})(?:\s*[/.]\s*|-)(\d{1,2})(?:\s*[/.]\s*|-)(\d{4})|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const QUARTER = /qu[ýí]\s+([ivx]+|[1-4])\s*(?:\/|năm|-|–)\s*(\d{4})/iu;
const MONTH = /tháng\s+(\d{1,2})\s*(?:\/|năm|-)\s*(\d{4})/iu;
const YEAR = /(?:^|\s)(?:năm\s+)?(\d{4})\b/iu;

/** The first date, quarter or month a text names, read once for both a single timeframe and a range's ends. */
type Point =
  | { kind: 'date'; date: string | null }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number };
function pointOf(text: string): Point | null {
  let m: RegExpExecArray | null;
  // A date wins over the words around it: "Hoàn thành trước ngày 30/9/2024" (null: a date that does not exist).
  if ((m = DATE.exec(text)))
    return { kind: 'date', date: validDate(Number(m[3] ?? m[6]), Number(m[2] ?? m[5]), Number(m[1] ?? m[4])) };
  if ((m = QUARTER.exec(text))) {
    const quarter = ROMAN[m[1]!.toLowerCase()] ?? Number(m[1]);
    if (quarter >= 1 && quarter <= 4) return { kind: 'quarter', year: Number(m[2]), quarter };
  }
  if ((m = MONTH.exec(text))) {
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) return { kind: 'month', year: Number(m[2]), month };
  }
  return null;
}

/** A point in time as the days it covers; a bare year counts here ("2025 – 2026" ends). */
function spanOf(text: string): Span | null {
  const p = pointOf(text);
  if (p?.kind === 'date') return p.date ? { start: p.date, end: p.date } : null;
  if (p?.kind === 'quarter')
    return {
      start: `${p.year}-${pad(p.quarter * 3 - 2)}-01`,
      end: `${p.year}-${pad(p.quarter * 3)}-${lastDay(p.year, p.quarter * 3)}`,
    };
  if (p?.kind === 'month')
    return { start: `${p.year}-${pad(p.month)}-01`, end: `${p.year}-${pad(p.month)}-${lastDay(p.year, p.month)}` };
  const m = YEAR.exec(text);
  return m ? { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` } : null;
}

// Timeframes tied to an event: kept as written, read as a kind of their own (no warning).
const EVENT =
  /^(?:theo\s+(?:tiến độ|kế hoạch|lộ trình|yêu cầu|chỉ đạo|hướng dẫn)|(?:ngay\s+)?sau khi\s|khi\s+(?:có|được)\s|song song(?:\s+với)?\s|đồng thời với\s|trong thời gian\s)/iu;

const EVERY: ReadonlyArray<[RegExp, 'year' | 'quarter' | 'month']> = [
  [/h[ằà]ng\s+năm|mỗi\s+năm|các\s+năm\s+tiếp\s+theo|năm\s+tiếp\s+theo/iu, 'year'],
  [/h[ằà]ng\s+quý|mỗi\s+quý/iu, 'quarter'],
  [/h[ằà]ng\s+tháng|mỗi\s+tháng/iu, 'month'],
];

/**
 * Reads a timeframe. `parseTimeframe('Quý III/2024')` → `{ kind: 'quarter', year: 2024, quarter: 3 }`;
 * text it cannot read comes back as `{ kind: 'unrecognised' }` for the caller to report.
 */
export function parseTimeframe(raw: string): Timeframe {
  const text = squash(stripEmphasis(raw)).replace(/[.;]+$/, '');
  let m: RegExpExecArray | null;

  // Recurring: "Hằng năm", "Thường xuyên, hằng năm", "Năm 2026 và các năm tiếp theo".
  const every = EVERY.find(([pattern]) => pattern.test(text))?.[1];
  if (every) {
    const from = /năm\s+(\d{4})/iu.exec(text);
    return { kind: 'recurring', every, fromYear: from ? Number(from[1]) : null, text };
  }
  // Months of one year: "Tháng 10 - 11/2025".
  if ((m = /tháng\s+(\d{1,2})\s*[-–—]\s*(\d{1,2})\s*\/\s*(\d{4})/iu.exec(text))) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a >= 1 && a <= b && b <= 12)
      return { kind: 'range', start: `${y}-${pad(a)}-01`, end: `${y}-${pad(b)}-${lastDay(y, b)}`, text };
  }
  // A range: "Quý IV/2025 – Quý II/2026", "Từ tháng 7/2025 đến tháng 12/2025" (a hyphen counts only with spaces round it).
  const range = /^(?:.*?\btừ\s+|)(.+?)(?:\s*[–—]\s*|\s+-\s+|\s+đến\s+(?:hết\s+)?)(.+)$/iu.exec(text);
  if (range && !/^\d{4}\s*[-–—]\s*\d{4}$/.test(text)) {
    const [from, to] = [spanOf(range[1]!), spanOf(range[2]!)];
    if (from && to && from.start <= to.end) return { kind: 'range', start: from.start, end: to.end, text };
  }
  // A start: "Từ 01/7/2025", "Từ tháng 7/2025", "Bắt đầu từ năm 2025".
  if (/(?:^|\s)từ\s/iu.test(text) && !/trước|hoàn thành/iu.test(text)) {
    const from = spanOf(text.replace(/^.*?\btừ\s+/iu, ''));
    if (from) return { kind: 'from', date: from.start, text };
  }
  // "Trước ngày 30/9/2024", "Quý III/2026", "Quý III năm 2026", the old spelling "Quí IV-2025", "Tháng 9/2024".
  const point = pointOf(text);
  if (point?.kind === 'date')
    return point.date ? { kind: 'by-date', date: point.date, text } : { kind: 'unrecognised', text };
  if (point) return { ...point, text };
  if ((m = /(\d{4})\s*[-–—]\s*(\d{4})/.exec(text))) {
    return { kind: 'years', fromYear: Number(m[1]), toYear: Number(m[2]), text };
  }
  if ((m = /(?:^|\s)năm\s+(\d{4})\b/i.exec(text)) || (m = /^(\d{4})$/.exec(text))) {
    return { kind: 'within-year', year: Number(m[1]), text };
  }
  if (ONGOING.some((phrase) => hasPhrase(text, phrase))) return { kind: 'ongoing', text };
  if (EVENT.test(text)) return { kind: 'event', text };
  return { kind: 'unrecognised', text };
}

// A deadline inside a task's sentence: "Hoàn thành, báo cáo kết quả … trong tháng 11/2025". Only where the sentence says
// it is a deadline (hoàn thành, trước ngày, chậm nhất), so that a year in passing ("Nghị quyết … năm 2025") is never
// read as one; a yearly report's day ("trước ngày 15/12 hằng năm") belongs to the reporting rule, not to the task.
const PROSE_DUE =
  /(?:trước|chậm nhất|trong|vào)\s+(?:ngày\s+)?(?:\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|qu[ýí]\s+[IVX\d]+\s*\/\s*\d{4}|tháng\s+\d{1,2}\s*\/\s*\d{4}|năm\s+\d{4})/iu;

/** The words of a deadline written inside a sentence, for `parseTimeframe`, or null. */
export function timeframeInProse(text: string): string | null {
  if (!/hoàn thành|trước ngày|chậm nhất/iu.test(text)) return null;
  return PROSE_DUE.exec(text)?.[0] ?? null;
}
