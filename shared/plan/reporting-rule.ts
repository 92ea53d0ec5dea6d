// The reporting rule of "Tổ chức thực hiện": how often, due before which day, through whom.
import type { PeriodKind, ReportingRule } from '../domain/plan.ts';
import { squash, stripEmphasis } from '../text/vietnamese.ts';
import { resolveAgencyList, type AgencyIndex } from '../directory/directory.ts';

const FREQUENCIES: ReadonlyArray<[RegExp, PeriodKind]> = [
  [/(?:0?6|sáu)\s+tháng|nửa năm|bán niên/giu, 'semiannual'],
  // "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)": the bare "năm" after "và" is the annual report.
  [
    /(?:0?1|một)\s+năm|h[ằà]ng\s+năm|cả năm|báo cáo năm|định kỳ năm|cuối năm|tổng kết năm|(?:và|,)\s+năm(?=\s*(?:\(|trước))/giu,
    'annual',
  ],
  [/(?:h[ằà]ng|mỗi|định kỳ)\s+quý|theo quý|cuối quý/giu, 'quarterly'],
  [/(?:h[ằà]ng|mỗi)\s+tháng|định kỳ\s+tháng/giu, 'monthly'],
];
// "trước ngày 15/6", "trước ngày 30 tháng 11", "trước ngày 01/6 và 15/11", "trước ngày 15" (a day of the month).
const DAY = String.raw`\d{1,2}(?:\s*[/.-]\s*\d{1,2}|\s+tháng\s+\d{1,2})?`;
const DUE = new RegExp(
  String.raw`(trước|chậm nhất(?:\s+(?:là|vào))?)\s+(?:ngày\s+)?(${DAY}(?:\s*(?:và|,)\s*(?:ngày\s+)?${DAY})*)`,
  'giu',
);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The day after day/month ("chậm nhất ngày 17/12" is due before 18/12); a monthly day stays a day of the month. */
const dayAfter = (d: { day: number; month: number }) =>
  d.month === 0
    ? { day: d.day + 1, month: 0 }
    : d.day >= DAYS_IN_MONTH[d.month - 1]!
      ? { day: 1, month: (d.month % 12) + 1 }
      : { day: d.day + 1, month: d.month };
const ONE_DAY = /(\d{1,2})(?:\s*[/.-]\s*(\d{1,2})|\s+tháng\s+(\d{1,2}))?/gu;
const pad = (n: number) => String(n).padStart(2, '0');
// Where a clause ends: a frequency is looked for within the clause of its date first.
const clauseEnd = /[;.]|,\s+(?=\S)/gu;

/** The frequency a date belongs to: within its clause the nearest before it, else the nearest after it, else any before. */
function frequencyFor(
  text: string,
  from: number,
  to: number,
  marks: { at: number; kind: PeriodKind }[],
): PeriodKind | null {
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
export function parseReportingRule(paragraphs: string[], index: AgencyIndex, bodies: BodyTask[] = []): ReportingRule {
  const deadlines: ReportingRule['deadlines'] = [];
  const texts = paragraphs.map((raw) => squash(stripEmphasis(raw))).filter((text) => /báo cáo/iu.test(text));
  for (const text of texts) {
    const marks = FREQUENCIES.flatMap(([pattern, kind]) =>
      [...text.matchAll(pattern)].map((m) => ({ at: m.index, kind })),
    );
    for (const due of text.matchAll(DUE)) {
      const kind = frequencyFor(text, due.index, due.index + due[0].length, marks);
      if (!kind) continue;
      const latest = /^chậm nhất/iu.test(due[1]!);
      const days = [...due[2]!.matchAll(ONE_DAY)]
        .map((d) => ({ day: Number(d[1]), month: Number(d[2] ?? d[3] ?? 0) }))
        .filter((d) => d.day >= 1 && d.day <= 31 && d.month <= 12)
        .map((d) => (latest ? dayAfter(d) : d));
      const monthly = kind === 'quarterly' || kind === 'monthly';
      const kinds: PeriodKind[] =
        days.length === 2 && kind === 'annual' && days.every((d) => d.month > 0)
          ? ['semiannual', 'annual']
          : days.map(() => kind);
      days.forEach((d, i) => {
        const k = kinds[i]!;
        if (deadlines.some((x) => x.kind === k) || (!monthly && d.month === 0)) return;
        deadlines.push({ kind: k, dueBefore: `${pad(monthly ? 0 : d.month)}-${pad(d.day)}` });
      });
    }
  }
  const consolidator = findConsolidator(texts, bodies);
  const resolved = consolidator ? resolveAgencyList(consolidator, index).resolved : [];
  const agency = resolved.length === 1 && resolved[0]!.agencies.length === 1 ? resolved[0]!.agencies[0]! : null;
  return { consolidator: agency?.name ?? consolidator, consolidatorId: agency?.id ?? null, deadlines };
}

/** A body's task (under its heading in "Tổ chức thực hiện"): the body that "tổng hợp, báo cáo" consolidates. */
export interface BodyTask {
  lead: string;
  text: string;
}

// Who consolidates, by the clause that says so, strongest first: "gửi về X để tổng hợp", "báo cáo kết quả … về X", the
// body whose own task is to "tổng hợp, báo cáo", "(qua X)", "báo cáo … qua X", "giao X theo dõi". Each clause is read
// within its sentence, and only the body's name is kept: never the words around it ("Sở Nội vụ trước ngày …").
const CONSOLIDATOR: RegExp[] = [
  /gửi\s+(?:báo cáo\s+)?(?:kết quả\s+)?(?:thực hiện\s+)?(?:về\s+)?([^.;]+?)\s+(?:để\s+)?tổng\s+hợp/iu,
  /về\s+([^().;]+?)\s+(?:để\s+)?tổng\s+hợp/iu,
  /(?:định kỳ|kết quả)[^.;]*?báo cáo[^.;]*?\svề\s+([^.;]+)|báo cáo\s+kết quả[^.;]*?\svề\s+([^.;]+)/iu,
];
const WEAK: RegExp[] = [
  /\(\s*qua\s+([^()]+?)\s*\)/iu,
  /\bqua\s+([^().;,]+?)\s+(?:để\s+)?tổng\s+hợp/iu,
  // "… báo cáo UBND thành phố qua Phòng Văn hóa và Thông tin." (not "thông qua").
  /báo cáo\s[^.;]*?(?<!thông\s)\bqua\s+([^().;,]+?)\s*(?:[.;]|$)/iu,
  /(?:giao|đề nghị)\s+([^.;]+?)\s+(?:theo dõi|tổng hợp|đôn đốc)/iu,
];
const BODY_START =
  /(?:^|\s)(Sở|Phòng(?!\s+(?:thủ|chống|ngừa))|Ban|UBND|Ủy ban|Uỷ ban|Công an|Bộ|Văn phòng|Trung tâm|Thanh tra|Chi cục|Cục|Liên đoàn|Cơ quan Thường trực)\s/gu;
const NAME_TAIL =
  /\s+(?:trước|chậm nhất|để|theo|định kỳ|trong|đồng gửi|đồng thời|và báo cáo|tổng hợp|kịp thời|xem xét)(?:\s.*)?$|[,(].*$/u;

/** The body a clause names: from the last body's name it holds, without the words after it. */
function bodyIn(raw: string): string | null {
  // "về Ban Chỉ huy … qua Văn phòng Ban Chỉ huy … để tổng hợp": the body it goes through consolidates.
  const words = raw.split(/\s(?<!thông\s)qua\s/u).at(-1)!;
  const starts = [...words.matchAll(BODY_START)].map((m) => m.index + (m[0].startsWith(' ') ? 1 : 0));
  const from = starts.length ? starts[starts.length - 1]! : 0;
  const name = words
    .slice(from)
    .replace(NAME_TAIL, '')
    .replace(/[,;.\s]+$/u, '')
    .trim();
  return name && name.split(/\s+/).length <= 14 ? name : null;
}

const sentences = (texts: string[]) => texts.flatMap((t) => t.split(/(?<=[.;])\s+(?=\p{Lu})/u));

function findConsolidator(texts: string[], bodies: BodyTask[]): string | null {
  const all = sentences(texts);
  const first = (patterns: RegExp[]) => {
    for (const pattern of patterns) {
      for (const text of all) {
        const m = pattern.exec(text);
        const words = m?.slice(1).find((g) => g);
        if (!words) continue;
        // "UBND tỉnh (qua Sở Nội vụ)": the body in parentheses is the one that consolidates.
        const through = /\(\s*qua\s+([^()]+?)\s*\)/iu.exec(words);
        const body = bodyIn(through ? through[1]! : words);
        if (body) return body;
      }
    }
    return null;
  };
  const strong = first(CONSOLIDATOR);
  if (strong) return strong;
  // A body whose own task is to consolidate: "Tổng hợp kết quả thực hiện, định kỳ báo cáo UBND tỉnh".
  const own = bodies.find((b) => /tổng hợp,?\s+(?:báo cáo|kết quả|tình hình)/iu.test(b.text));
  if (own) return own.lead;
  return first(WEAK);
}

/** A deadline in words: "6 tháng trước 15/6", "quý trước ngày 15 tháng cuối quý", "tháng trước ngày 15 hằng tháng". */
export function deadlineText(d: {
  kind: 'semiannual' | 'annual' | 'quarterly' | 'monthly';
  dueBefore: string;
}): string {
  const [month, day] = d.dueBefore.split('-').map(Number) as [number, number];
  switch (d.kind) {
    case 'semiannual':
      return `6 tháng trước ${day}/${month}`;
    case 'annual':
      return `năm trước ${day}/${month}`;
    case 'quarterly':
      return `quý trước ngày ${day} tháng cuối quý`;
    case 'monthly':
      return `tháng trước ngày ${day} hằng tháng`;
  }
}
