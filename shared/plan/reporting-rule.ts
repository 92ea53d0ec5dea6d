// The reporting rule of "Tổ chức thực hiện": how often, due before which day, through whom.
import type { PeriodKind, ReportingRule } from '../domain/plan.ts';
import { squash, stripEmphasis } from '../text/vietnamese.ts';
import { resolveAgencyList, type AgencyIndex } from '../directory/directory.ts';

const FREQUENCIES: ReadonlyArray<[RegExp, PeriodKind]> = [
  [/(?:0?6|sáu)\s+tháng|nửa năm|bán niên/giu, 'semiannual'],
  [/(?:0?1|một)\s+năm|h[ằà]ng\s+năm|cả năm|báo cáo năm|định kỳ năm|cuối năm/giu, 'annual'],
  [/(?:h[ằà]ng|mỗi|định kỳ)\s+quý|theo quý|cuối quý/giu, 'quarterly'],
  [/(?:h[ằà]ng|mỗi)\s+tháng|định kỳ\s+tháng/giu, 'monthly'],
];
// "trước ngày 15/6", "trước ngày 30 tháng 11", "trước ngày 01/6 và 15/11", "trước ngày 15" (a day of the month).
const DAY = String.raw`\d{1,2}(?:\s*[/.-]\s*\d{1,2}|\s+tháng\s+\d{1,2})?`;
const DUE = new RegExp(String.raw`trước\s+(?:ngày\s+)?(${DAY}(?:\s*(?:và|,)\s*(?:ngày\s+)?${DAY})*)`, 'giu');
const ONE_DAY = /(\d{1,2})(?:\s*[/.-]\s*(\d{1,2})|\s+tháng\s+(\d{1,2}))?/gu;
const pad = (n: number) => String(n).padStart(2, '0');
// Where a clause ends: a frequency is looked for within the clause of its date first.
const clauseEnd = /[;.]|,\s+(?=\S)/gu;

/** The frequency a date belongs to: within its clause the nearest before it, else the nearest after it, else any before. */
function frequencyFor(text: string, from: number, to: number, marks: { at: number; kind: PeriodKind }[]): PeriodKind | null {
  const bounds = [0, ...[...text.matchAll(clauseEnd)].map((m) => m.index + 1), text.length];
  const start = Math.max(...bounds.filter((b) => b <= from));
  const end = Math.min(...bounds.filter((b) => b >= to));
  const before = marks.filter((m) => m.at < from && m.at >= start).sort((a, b) => b.at - a.at)[0];
  const after = marks.filter((m) => m.at >= to && m.at < end).sort((a, b) => a.at - b.at)[0];
  return (before ?? after ?? marks.filter((m) => m.at < from).sort((a, b) => b.at - a.at)[0])?.kind ?? null;
}

/**
 * Finds deadlines in the sentences that speak of reporting: each "trước ngày DD/MM" belongs to the frequency of its
 * clause, written before it ("Định kỳ 6 tháng (trước ngày 15/6)") or after it ("trước ngày 30 tháng 11 hằng năm").
 * Two dates of one yearly rule ("trước ngày 01/6 và 15/11 hằng năm") are the 6-month and the annual report.
 * Quarterly and monthly rules name a day only, kept as "00-DD".
 */
export function parseReportingRule(paragraphs: string[], index: AgencyIndex): ReportingRule {
  const deadlines: ReportingRule['deadlines'] = [];
  const texts = paragraphs.map((raw) => squash(stripEmphasis(raw))).filter((text) => /báo cáo/iu.test(text));
  for (const text of texts) {
    const marks = FREQUENCIES.flatMap(([pattern, kind]) => [...text.matchAll(pattern)].map((m) => ({ at: m.index, kind })));
    for (const due of text.matchAll(DUE)) {
      const kind = frequencyFor(text, due.index, due.index + due[0].length, marks);
      if (!kind) continue;
      const days = [...due[1]!.matchAll(ONE_DAY)].map((d) => ({ day: Number(d[1]), month: Number(d[2] ?? d[3] ?? 0) }))
        .filter((d) => d.day >= 1 && d.day <= 31 && d.month <= 12);
      const monthly = kind === 'quarterly' || kind === 'monthly';
      const kinds: PeriodKind[] = days.length === 2 && kind === 'annual' && days.every((d) => d.month > 0) ? ['semiannual', 'annual'] : days.map(() => kind);
      days.forEach((d, i) => {
        const k = kinds[i]!;
        if (deadlines.some((x) => x.kind === k) || (!monthly && d.month === 0)) return;
        deadlines.push({ kind: k, dueBefore: `${pad(monthly ? 0 : d.month)}-${pad(d.day)}` });
      });
    }
  }
  const consolidator = findConsolidator(texts);
  const resolved = consolidator ? resolveAgencyList(consolidator, index).resolved : [];
  const agency = resolved.length === 1 && resolved[0]!.agencies.length === 1 ? resolved[0]!.agencies[0]! : null;
  return { consolidator: agency?.name ?? consolidator, consolidatorId: agency?.id ?? null, deadlines };
}

// Who consolidates, by the clause that says so, strongest first: "gửi về X để tổng hợp", "(qua X)", "về X để tổng
// hợp", "qua X tổng hợp", "giao X theo dõi". Each form is looked for in every reporting sentence before the next.
const CONSOLIDATOR: RegExp[] = [
  /gửi\s+(?:báo cáo\s+)?(?:kết quả\s+)?(?:thực hiện\s+)?về\s+(.+?)\s+(?:để\s+)?tổng\s+hợp/iu,
  /\(\s*qua\s+([^()]+?)\s*\)/iu,
  /về\s+([^()]+?)\s+(?:để\s+)?tổng\s+hợp/iu,
  /\bqua\s+([^().;,]+?)\s+(?:để\s+)?tổng\s+hợp/iu,
  // "… báo cáo UBND thành phố qua Phòng Văn hóa và Thông tin." (not "thông qua").
  /báo cáo\s[^.;]*?(?<!thông\s)\bqua\s+([^().;,]+?)\s*(?:[.;]|$)/iu,
  /(?:giao|đề nghị)\s+(.+?)\s+(?:theo dõi|tổng hợp|đôn đốc)/iu,
];

function findConsolidator(texts: string[]): string | null {
  for (const pattern of CONSOLIDATOR) {
    for (const text of texts) {
      const m = pattern.exec(text);
      if (!m) continue;
      // "UBND tỉnh (qua Sở Nội vụ)": the body in parentheses is the one that consolidates.
      const through = /\(\s*qua\s+([^()]+?)\s*\)/iu.exec(m[1]!);
      return (through ? through[1]! : m[1]!).replace(/[,;]+$/, '').trim();
    }
  }
  return null;
}

/** A deadline in words: "6 tháng trước 15/6", "quý trước ngày 15 tháng cuối quý", "tháng trước ngày 15 hằng tháng". */
export function deadlineText(d: { kind: 'semiannual' | 'annual' | 'quarterly' | 'monthly'; dueBefore: string }): string {
  const [month, day] = d.dueBefore.split('-').map(Number) as [number, number];
  switch (d.kind) {
    case 'semiannual': return `6 tháng trước ${day}/${month}`;
    case 'annual': return `năm trước ${day}/${month}`;
    case 'quarterly': return `quý trước ngày ${day} tháng cuối quý`;
    case 'monthly': return `tháng trước ngày ${day} hằng tháng`;
  }
}
