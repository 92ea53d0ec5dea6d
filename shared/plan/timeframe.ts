// Timeframes as plans write them: "Thực hiện thường xuyên", "Quý III/2024", "Trước ngày 30/9/2024"…
import type { Timeframe } from '../domain/plan.ts';
import { hasPhrase, squash, stripEmphasis } from '../text/vietnamese.ts';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const ONGOING = ['thường xuyên', 'hằng năm', 'hàng năm', 'liên tục', 'định kỳ', 'hằng quý', 'hằng tháng'];
const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/**
 * Reads a timeframe. `parseTimeframe('Quý III/2024')` → `{ kind: 'quarter', year: 2024, quarter: 3 }`;
 * text it cannot read comes back as `{ kind: 'unrecognised' }` for the caller to report.
 */
export function parseTimeframe(raw: string): Timeframe {
  const text = squash(stripEmphasis(raw)).replace(/[.;]+$/, '');
  let m: RegExpExecArray | null;

  // A date wins over the words around it: "Hoàn thành trước ngày 30/9/2024".
  if ((m = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(text)) ||
      (m = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i.exec(text))) {
    const date = validDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (date) return { kind: 'by-date', date, text };
    return { kind: 'unrecognised', text };
  }
  // "Quý III/2026", "Quý III năm 2026", and the old spelling "Quí IV-2025".
  if ((m = /qu[ýí]\s+([ivx]+|[1-4])\s*(?:\/|năm|-|–)\s*(\d{4})/i.exec(text))) {
    const q = ROMAN[m[1]!.toLowerCase()] ?? Number(m[1]);
    if (q >= 1 && q <= 4) return { kind: 'quarter', year: Number(m[2]), quarter: q, text };
  }
  if ((m = /tháng\s+(\d{1,2})\s*(?:\/|năm|-)\s*(\d{4})/i.exec(text))) {
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) return { kind: 'month', year: Number(m[2]), month, text };
  }
  if ((m = /(\d{4})\s*[-–—]\s*(\d{4})/.exec(text))) {
    return { kind: 'years', fromYear: Number(m[1]), toYear: Number(m[2]), text };
  }
  if ((m = /(?:^|\s)năm\s+(\d{4})\b/i.exec(text)) || (m = /^(\d{4})$/.exec(text))) {
    return { kind: 'within-year', year: Number(m[1]), text };
  }
  if (ONGOING.some((phrase) => hasPhrase(text, phrase))) return { kind: 'ongoing', text };
  return { kind: 'unrecognised', text };
}
