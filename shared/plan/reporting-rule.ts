// The reporting rule of "Tổ chức thực hiện": how often, due before which day, through whom.
import type { PeriodKind, ReportingRule } from '../domain/plan.ts';
import { squash, stripEmphasis } from '../text/vietnamese.ts';
import { resolveAgencyList, type AgencyIndex } from '../directory/directory.ts';

const FREQUENCIES: ReadonlyArray<[RegExp, PeriodKind]> = [
  [/(?:0?6|sáu)\s+tháng|nửa năm|bán niên/giu, 'semiannual'],
  [/(?:0?1|một)\s+năm|hằng năm|hàng năm|cả năm|báo cáo năm|định kỳ năm|cuối năm/giu, 'annual'],
  [/(?:hằng|hàng|mỗi|định kỳ)\s+quý|theo quý/giu, 'quarterly'],
  [/(?:hằng|hàng|mỗi)\s+tháng|định kỳ\s+tháng/giu, 'monthly'],
];
const DUE = /trước\s+(?:ngày\s+)?(\d{1,2})(?:\s*[/.-]\s*(\d{1,2})|\s+tháng\s+(\d{1,2}))?/giu;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Finds deadlines in the sentences that speak of reporting: each "trước ngày DD/MM" belongs to the
 * nearest frequency before it. Quarterly and monthly rules name a day only, kept as "00-DD".
 */
export function parseReportingRule(paragraphs: string[], index: AgencyIndex): ReportingRule {
  const deadlines: ReportingRule['deadlines'] = [];
  let consolidator: string | null = null;
  for (const raw of paragraphs) {
    const text = squash(stripEmphasis(raw));
    if (!/báo cáo/i.test(text)) continue;
    const marks = FREQUENCIES.flatMap(([pattern, kind]) => [...text.matchAll(pattern)].map((m) => ({ at: m.index, kind })));
    for (const due of text.matchAll(DUE)) {
      const before = marks.filter((m) => m.at < due.index).sort((a, b) => b.at - a.at)[0];
      if (!before || deadlines.some((d) => d.kind === before.kind)) continue;
      const dayOfMonth = Number(due[1]);
      const month = Number(due[2] ?? due[3] ?? 0);
      if (dayOfMonth < 1 || dayOfMonth > 31 || month > 12) continue;
      const monthly = before.kind === 'quarterly' || before.kind === 'monthly';
      if (!monthly && month === 0) continue;
      deadlines.push({ kind: before.kind, dueBefore: `${pad(monthly ? 0 : month)}-${pad(dayOfMonth)}` });
    }
    consolidator ??= findConsolidator(text);
  }
  const resolved = consolidator ? resolveAgencyList(consolidator, index).resolved : [];
  const agency = resolved.length === 1 && resolved[0]!.agencies.length === 1 ? resolved[0]!.agencies[0]! : null;
  return { consolidator: agency?.name ?? consolidator, consolidatorId: agency?.id ?? null, deadlines };
}

function findConsolidator(text: string): string | null {
  const through = /\(?\s*qua\s+([^()]+?)\s*\)?\s*(?:để\s+tổng\s+hợp|tổng\s+hợp|[.;)]|$)/iu.exec(text);
  if (through) return through[1]!.trim();
  const to = /về\s+([^()]+?)\s+(?:để\s+)?tổng\s+hợp/iu.exec(text);
  if (to) return to[1]!.trim();
  const assigned = /(?:giao|đề nghị)\s+(.+?)\s+(?:theo dõi|tổng hợp|đôn đốc)/iu.exec(text);
  return assigned ? assigned[1]!.trim() : null;
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
