// Target measures in words: "100% …", "từ 25% trở lên" (≥ 25), "trên 50%" (> 50), "không quá 5%" (≤ 5).
import type { Comparator, Measure, MeasureKind } from '../domain/plan.ts';
import { matchKey, squash, stripEmphasis } from '../text/vietnamese.ts';

interface Found {
  comparator: Comparator;
  value: number;
  start: number;
  end: number;
  /** The threshold follows its subject ("cán bộ nữ từ 25% trở lên"), rather than leading it ("100% chi bộ"). */
  postfix: boolean;
  /** The subject, when the pattern itself delimits it ("80% hồ sơ trở lên"). */
  label?: string;
}

const NUM = String.raw`(\d+(?:[.,]\d+)?)\s*%`;
const PATTERNS: ReadonlyArray<[RegExp, Comparator, boolean]> = [
  [new RegExp(String.raw`(?:từ|đạt từ)\s+${NUM}\s+trở\s+lên`, 'giu'), '>=', true],
  // The signs as written: "≥ 30%", "> 50%", "≤ 5%".
  [new RegExp(String.raw`(?:≥|>=)\s*${NUM}`, 'gu'), '>=', false],
  [new RegExp(String.raw`(?:≤|<=)\s*${NUM}`, 'gu'), '<=', false],
  [new RegExp(String.raw`>\s*${NUM}`, 'gu'), '>', false],
  [new RegExp(String.raw`<\s*${NUM}`, 'gu'), '<', false],
  [new RegExp(String.raw`(?:ít nhất|tối thiểu|không dưới|không thấp hơn)\s+${NUM}`, 'giu'), '>=', false],
  [new RegExp(String.raw`(?:trên|hơn|vượt)\s+${NUM}`, 'giu'), '>', false],
  [new RegExp(String.raw`(?:không quá|không vượt quá|tối đa)\s+${NUM}`, 'giu'), '<=', false],
  [new RegExp(String.raw`(?:dưới|thấp hơn)\s+${NUM}`, 'giu'), '<', false],
  [new RegExp(NUM, 'gu'), '=', false],
];

/** "80% hồ sơ trở lên": the threshold leads its subject and "trở lên" closes it (≥). */
const TRAILING_AT_LEAST = new RegExp(String.raw`${NUM}\s+((?:[^\s;.%]+\s+){1,10}?)trở\s+lên`, 'gu');

function findThresholds(text: string): Found[] {
  const found: Found[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const m of text.matchAll(TRAILING_AT_LEAST)) {
    // Only the number and its subject count as the threshold's place; "trở lên" is dropped from the label.
    const numberEnd = m.index + m[0].indexOf('%') + 1;
    found.push({ comparator: '>=', value: Number(m[1]!.replace(',', '.')), start: m.index, end: numberEnd, postfix: false, label: m[2]!.trim() });
  }
  for (const [pattern, comparator, postfix] of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken(start, end)) continue;
      const value = Number(m[1]!.replace(',', '.'));
      // A threshold that ends its clause qualifies what comes before it.
      const after = text.slice(end).trimStart();
      found.push({ comparator, value, start, end, postfix: postfix || /^([,;.]|$)/.test(after) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const clean = (s: string) => squash(s).replace(/^[\s,;:.–-]+|[\s,;:.–-]+$/g, '').replace(/^(đạt|đạt chỉ tiêu|chỉ tiêu)\s+/i, '');

// Subjects that are units themselves: each one answers Có/Không, and the share of "Có" is the value.
const UNIT_SUBJECTS = ['cơ quan', 'các cơ quan', 'đơn vị', 'các đơn vị', 'địa phương'];
const WARD_SUBJECTS = ['phường', 'xã', 'cấp xã', 'các phường', 'ủy ban nhân dân cấp xã'];

function kindOf(label: string): { kind: MeasureKind; reporters: string | null } {
  const key = `${matchKey(label)} `;
  const leads = (phrase: string) => key.startsWith(`${matchKey(phrase)} `);
  if (WARD_SUBJECTS.some(leads)) return { kind: 'yes-no', reporters: 'wards-communes' };
  if (UNIT_SUBJECTS.some(leads)) return { kind: 'yes-no', reporters: null };
  return { kind: 'ratio', reporters: null };
}

// Counts: "ít nhất 02 lớp", "tối thiểu 3 buổi", "không quá 5 cuộc", "02 lớp trở lên" — a comparator word is needed,
// so that a number in passing ("Nghị quyết số 28") is never a target.
const COUNT_PATTERNS: ReadonlyArray<[RegExp, Comparator]> = [
  [/(?:ít nhất|tối thiểu|không dưới|không ít hơn)\s+(\d{1,6})\s+(?!%)([^\s,;.%\d]+(?:\s+[^\s,;.%\d]+)?)/iu, '>='],
  [/(?:tối đa|không quá|không vượt quá)\s+(\d{1,6})\s+(?!%)([^\s,;.%\d]+(?:\s+[^\s,;.%\d]+)?)/iu, '<='],
  [/(?:^|\s)(?:trên|hơn)\s+(\d{1,6})\s+(?!%)([^\s,;.%\d]+(?:\s+[^\s,;.%\d]+)?)/iu, '>'],
  [/(?:^|\s)(\d{1,6})\s+((?:[^\s,;.%\d]+\s+){1,8}?)trở\s+lên/iu, '>='],
];
// Units of two words; any other unit is the first word after the number.
const TWO_WORD_UNITS = ['hội nghị', 'mô hình', 'văn bản', 'cuộc thi', 'lượt người', 'câu lạc bộ', 'sáng kiến', 'đề tài', 'công trình'];

/** A count target ("Mỗi phường tổ chức ít nhất 02 lớp tập huấn"), or null. */
function parseCount(targetId: string, text: string): Measure | null {
  for (const [pattern, comparator] of COUNT_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const words = m[2]!.trim().toLowerCase();
    const unit = TWO_WORD_UNITS.find((u) => words === u || words.startsWith(`${u} `)) ?? m[2]!.trim().split(/\s+/)[0]!;
    const number = m[1]!;
    const at = m.index + m[0].indexOf(number);
    // The label is the sentence without its threshold words: "Mỗi phường tổ chức lớp tập huấn chuyển đổi số".
    const before = text.slice(0, m.index + (m[0].startsWith(' ') ? 1 : 0)).replace(/\s+$/, '');
    const after = text.slice(at + number.length).replace(/^\s+/, '').replace(/\s+trở\s+lên/iu, '');
    const label = clean(`${before} ${after}`);
    const reporters = /^(?:mỗi|các|từng)\s+(?:ubnd\s+)?(?:phường|xã)/iu.test(label) ? 'wards-communes' : null;
    return { id: targetId, label, comparator, value: Number(number), unit, kind: 'count', reporters };
  }
  return null;
}

/**
 * Reads the measures of one target. Each percentage is a measure; its label is the subject it
 * leads ("100% chi bộ duy trì…") or follows ("tỷ lệ cán bộ nữ từ 25% trở lên").
 */
export function parseMeasures(targetId: string, rawText: string): Measure[] {
  const text = squash(stripEmphasis(rawText)).replace(/[“”"]/g, '');
  const found = findThresholds(text);
  if (found.length === 0) {
    const count = parseCount(targetId, text);
    return count ? [count] : [];
  }
  return found.map((f, i) => {
    let label: string;
    if (f.label) {
      label = clean(f.label);
    } else if (f.postfix) {
      const from = Math.max(i > 0 ? found[i - 1]!.end : 0, text.lastIndexOf(',', f.start) + 1);
      label = clean(text.slice(from, f.start));
    } else {
      const next = found[i + 1];
      let until = next ? (next.postfix ? text.lastIndexOf(',', next.start) : next.start) : text.length;
      if (until <= f.end) until = next ? next.start : text.length;
      label = clean(text.slice(f.end, until).split(/[;.](?:\s|$)|,\s*(?:phấn đấu|phân đấu|thường xuyên|thực hiện tốt|giữ gìn)/u)[0] ?? '');
    }
    return {
      id: found.length > 1 ? `${targetId}.${i + 1}` : targetId,
      label,
      comparator: f.comparator,
      value: f.value,
      unit: '%' as const,
      ...kindOf(label),
    };
  });
}
