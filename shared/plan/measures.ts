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
  // A range: "đạt 10 - 13%/năm", "từ 10% đến 13%" reads as at least its lower end.
  [new RegExp(String.raw`(?:từ\s+)?(\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|đến)\s*\d+(?:[.,]\d+)?\s*%`, 'giu'), '>=', false],
  // "ít nhất 50% … đạt", and "ít nhất … đạt 40%": the words of the minimum anywhere before the number in its clause.
  [new RegExp(String.raw`(?:ít nhất|tối thiểu)\s+[^;.%\d]{1,80}?\s(?:đạt|là|bằng)\s+${NUM}`, 'giu'), '>=', false],
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
// "Toàn bộ hồ sơ được số hóa": all of them, 100%.
const ALL = /(?:^|\s)toàn bộ(?=\s)/giu;

/** "80% hồ sơ … trực tuyến trở lên": the threshold leads its subject and "trở lên" (≥) or "trở xuống" (≤) closes it. */
const TRAILING_AT_LEAST = new RegExp(String.raw`${NUM}\s+((?:[^\s;.%]+\s+){1,40}?)trở\s+(lên|xuống)`, 'gu');
// "trình độ … trung cấp trở lên", "từ 15 tuổi trở lên", "loại khá trở lên": a level or an age, not the comparator.
const LEVEL_BEFORE =
  /(?:trung cấp|cao cấp|sơ cấp|đại học|cao đẳng|thạc sĩ|tiến sĩ|khá|giỏi|tốt|tuổi|hạng\s+\S+|loại\s+\S+|bậc\s+\S+)\s+$/iu;

function findThresholds(text: string): Found[] {
  const found: Found[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const m of text.matchAll(TRAILING_AT_LEAST)) {
    if (LEVEL_BEFORE.test(m[2]!)) continue;
    // Only the number and its subject count as the threshold's place; "trở lên" is dropped from the label.
    const numberEnd = m.index + m[0].indexOf('%') + 1;
    found.push({
      comparator: m[3] === 'xuống' ? '<=' : '>=',
      value: Number(m[1]!.replace(',', '.')),
      start: m.index,
      end: numberEnd,
      postfix: false,
      label: m[2]!.trim(),
    });
  }
  for (const [pattern, comparator, postfix] of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken(start, end)) continue;
      const value = Number(m[1]!.replace(',', '.'));
      // "nếu dưới 30% thì …": a condition, not a target.
      const clause = text.slice(
        Math.max(text.lastIndexOf(';', start), text.lastIndexOf('.', start), text.lastIndexOf(',', start)) + 1,
        start,
      );
      if (/(?:^|\s)(?:nếu|khi|trường hợp)\s/iu.test(clause)) continue;
      // A threshold that ends its clause qualifies what comes before it.
      const after = text.slice(end).trimStart();
      found.push({ comparator, value, start, end, postfix: postfix || /^([,;.]|$)/.test(after) });
    }
  }
  for (const m of text.matchAll(ALL)) {
    const start = m.index + m[0].indexOf('t');
    if (!taken(start, start + 7)) found.push({ comparator: '=', value: 100, start, end: start + 7, postfix: false });
  }
  return found.sort((a, b) => a.start - b.start);
}

// A label is the measure's noun phrase: never a date fragment ("vào năm 2025", "Đến năm 2030,") nor the verb before the
// number ("… đạt", "… chiếm").
const DATE_FRAGMENT = /(?:^|\s)(?:vào|đến|trong|tới|từ)\s+(?:hết\s+)?năm\s+\d{4}(?=[\s,;.]|$)/giu;
const clean = (s: string) =>
  squash(squash(s).replace(DATE_FRAGMENT, ' '))
    .replace(/^[\s,;:.–-]+|[\s,;:.–-]+$/g, '')
    .replace(/^(?:phấn đấu\s+)?(?:đạt|đạt chỉ tiêu|chỉ tiêu)\s+/iu, '')
    .replace(/^phấn đấu(?:\s+|$)/iu, '')
    .replace(/\s+(?:đạt|chiếm|là|ở mức|đạt mức|phải đạt)$/iu, '')
    .replace(/^[\s,;:.–-]+|[\s,;:.–-]+$/g, '');

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
const TWO_WORD_UNITS = [
  'hội nghị',
  'mô hình',
  'văn bản',
  'cuộc thi',
  'lượt người',
  'câu lạc bộ',
  'sáng kiến',
  'đề tài',
  'công trình',
  'doanh nghiệp',
  'kịch bản',
  'hợp tác xã',
  'sản phẩm',
  'dự án',
  'lượt khách',
  'cơ sở',
  'nhiệm vụ',
];
// After a number these say an age, a date or a duration, never a thing counted.
const NOT_A_UNIT = /^(?:tuổi|năm|tháng|ngày|giờ|phút|quý|lần|%)$/iu;

interface Quantity {
  measure: Omit<Measure, 'id'>;
  start: number;
  end: number;
}

/** A count target ("Mỗi phường tổ chức ít nhất 02 lớp tập huấn"), or null. */
function parseCount(text: string, skip: (start: number, end: number) => boolean): Quantity[] {
  const out: Quantity[] = [];
  for (const [pattern, comparator] of COUNT_PATTERNS) {
    for (const m of text.matchAll(new RegExp(pattern.source, 'giu'))) {
      const words = m[2]!.trim().toLowerCase();
      const unit =
        TWO_WORD_UNITS.find((u) => words === u || words.startsWith(`${u} `)) ?? m[2]!.trim().split(/\s+/)[0]!;
      if (
        NOT_A_UNIT.test(unit) ||
        skip(m.index, m.index + m[0].length) ||
        out.some((q) => m.index < q.end && m.index + m[0].length > q.start)
      )
        continue;
      const number = m[1]!;
      const at = m.index + m[0].indexOf(number);
      // The label is the sentence without its threshold words: "Mỗi phường tổ chức lớp tập huấn chuyển đổi số".
      const before = text.slice(0, m.index + (m[0].startsWith(' ') ? 1 : 0)).replace(/\s+$/, '');
      const after = text
        .slice(at + number.length)
        .replace(/^\s+/, '')
        .replace(/\s+trở\s+lên/iu, '');
      const label = clean(`${before} ${after}`);
      const reporters = /^(?:mỗi|các|từng)\s+(?:ubnd\s+)?(?:phường|xã)/iu.test(label) ? 'wards-communes' : null;
      out.push({
        measure: { label, comparator, value: Number(number), unit, kind: 'count', reporters },
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
  return out;
}

const COMPARATOR_WORDS: ReadonlyArray<[RegExp, Comparator]> = [
  [/(?:ít nhất|tối thiểu|không dưới|không ít hơn)\s*$/iu, '>='],
  [/(?:tối đa|không quá|không vượt quá)\s*$/iu, '<='],
  [/(?:trên|hơn|vượt)\s*$/iu, '>'],
  [/(?:dưới|thấp hơn|còn dưới)\s*$/iu, '<'],
];
const comparatorBefore = (text: string, at: number): Comparator =>
  COMPARATOR_WORDS.find(([w]) => w.test(text.slice(Math.max(0, at - 24), at)))?.[1] ?? '=';
/** "1.500,5" → 1500.5: dots group thousands, a comma is the decimal point. */
const vietnameseNumber = (n: string) =>
  Number((/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(n) ? n.replace(/\./g, '') : n).replace(',', '.'));

// Ratios ("tăng 1,7 lần", "gấp 30 lần GRDP"), rates per population ("dưới 4/100.000 dân", "18 ca/1.000 trẻ"), amounts in a
// unit of measure ("đạt 400 triệu USD"), and "từ 05 bộ dữ liệu" (from five: at least five).
const RATIO = /(?:gấp|tăng(?:\s+(?:ít nhất|tối thiểu|trên))?)\s+(\d+(?:[.,]\d+)?)\s+lần/giu;
const RATE = /(\d+(?:[.,]\d+)?)\s*(?:(\p{L}+)\s*)?\/\s*(\d{1,3}(?:\.\d{3})+|\d{2,})\s+(\p{L}+)/gu;
const AMOUNT =
  /(?:đạt|khoảng|trên|tối thiểu|ít nhất|dưới|không quá|tối đa)\s+(\d+(?:[.,]\d+)*)\s+(triệu USD|tỷ USD|nghìn tỷ đồng|tỷ đồng|triệu đồng|nghìn tấn|tấn|ha|km|MW|lượt khách|nghìn lượt)(?=[\s,;.]|$)/giu;
const FROM_COUNT = /(?:^|\s)từ\s+(0\d|\d{1,3})\s+(?!%)([^\s,;.%\d]+(?:\s+[^\s,;.%\d]+)?)/giu;

function parseOtherQuantities(text: string, skip: (start: number, end: number) => boolean): Quantity[] {
  const out: Quantity[] = [];
  const free = (start: number, end: number) => !skip(start, end) && !out.some((q) => start < q.end && end > q.start);
  const clauseLabel = (start: number, end: number) =>
    clean(
      `${text.slice(Math.max(0, text.lastIndexOf(';', start) + 1, text.lastIndexOf('.', start - 2) + 1), start)} ${
        text.slice(end).split(/[;.](?:\s|$)/u)[0] ?? ''
      }`,
    );
  for (const m of text.matchAll(RATIO)) {
    const start = m.index,
      end = start + m[0].length;
    if (!free(start, end)) continue;
    const comparator: Comparator = /ít nhất|tối thiểu/iu.test(m[0]) ? '>=' : /trên/iu.test(m[0]) ? '>' : '=';
    out.push({
      measure: {
        label: clauseLabel(start, end),
        comparator,
        value: vietnameseNumber(m[1]!),
        unit: 'lần',
        kind: 'count',
        reporters: null,
      },
      start,
      end,
    });
  }
  for (const m of text.matchAll(RATE)) {
    const start = m.index,
      end = start + m[0].length;
    if (!free(start, end) || /^\d{4}$/.test(m[3]!) || (!/\./.test(m[3]!) && Number(m[3]) < 100)) continue;
    const unit = `${m[2] ?? ''}/${m[3]} ${m[4]}`;
    out.push({
      measure: {
        label: clauseLabel(start, end),
        comparator: comparatorBefore(text, start),
        value: vietnameseNumber(m[1]!),
        unit,
        kind: 'count',
        reporters: null,
      },
      start,
      end,
    });
  }
  for (const m of text.matchAll(AMOUNT)) {
    const at = m.index + m[0].indexOf(m[1]!);
    const start = m.index,
      end = start + m[0].length;
    if (!free(start, end)) continue;
    out.push({
      measure: {
        label: clauseLabel(start, end),
        comparator: comparatorBefore(text, at),
        value: vietnameseNumber(m[1]!),
        unit: m[2]!,
        kind: 'count',
        reporters: null,
      },
      start,
      end,
    });
  }
  for (const m of text.matchAll(FROM_COUNT)) {
    const words = m[2]!.trim().toLowerCase();
    const unit = TWO_WORD_UNITS.find((u) => words === u || words.startsWith(`${u} `)) ?? m[2]!.trim().split(/\s+/)[0]!;
    const start = m.index,
      end = start + m[0].length;
    if (NOT_A_UNIT.test(unit) || !free(start, end) || /trở\s+lên/u.test(text.slice(end, end + 40))) continue;
    out.push({
      measure: {
        label: clauseLabel(start, end),
        comparator: '>=',
        value: Number(m[1]),
        unit,
        kind: 'count',
        reporters: null,
      },
      start,
      end,
    });
  }
  return out;
}

/**
 * Reads the measures of one target. Each percentage is a measure; its label is the subject it
 * leads ("100% chi bộ duy trì…") or follows ("tỷ lệ cán bộ nữ từ 25% trở lên").
 */
export function parseMeasures(targetId: string, rawText: string): Measure[] {
  const text = squash(stripEmphasis(rawText)).replace(/[“”"]/g, '');
  const found = findThresholds(text);
  const percents: Quantity[] = found.map((f, i) => {
    let label: string;
    if (f.label) {
      label = clean(f.label);
    } else if (f.postfix) {
      const floor = i > 0 ? found[i - 1]!.end : 0;
      let from = Math.max(floor, text.lastIndexOf(',', f.start) + 1);
      // "Mức độ hài lòng của người dân, tổ chức đạt trên 90%": two words after the comma are no subject of their own.
      if (from > floor && clean(text.slice(from, f.start)).split(/\s+/).length <= 2)
        from = Math.max(floor, text.lastIndexOf(',', from - 2) + 1, text.lastIndexOf(';', from - 2) + 1);
      label = clean(text.slice(from, f.start));
    } else {
      const next = found[i + 1];
      let until = next ? (next.postfix ? text.lastIndexOf(',', next.start) : next.start) : text.length;
      if (until <= f.end) until = next ? next.start : text.length;
      label = clean(
        text
          .slice(f.end, until)
          .split(/[;.](?:\s|$)|,\s*(?:phấn đấu|phân đấu|thường xuyên|thực hiện tốt|giữ gìn)/u)[0] ?? '',
      );
      // "Tỷ lệ hồ sơ trực tuyến đạt 80% vào năm 2025": nothing but a date after the number, so the subject is before it.
      if (!label)
        label = clean(text.slice(Math.max(i > 0 ? found[i - 1]!.end : 0, text.lastIndexOf(',', f.start) + 1), f.start));
    }
    return {
      measure: { label, comparator: f.comparator, value: f.value, unit: '%', ...kindOf(label) },
      start: f.start,
      end: f.end,
    };
  });
  // A sentence with a percentage and a count yields both; a number already read as a percentage is no count.
  const inPercent = (start: number, end: number) => found.some((f) => start < f.end + 1 && end > f.start);
  const counts = parseCount(text, inPercent);
  const others = parseOtherQuantities(
    text,
    (start, end) => inPercent(start, end) || counts.some((q) => start < q.end && end > q.start),
  );
  const all = [...percents, ...counts, ...others].sort((a, b) => a.start - b.start);
  return all.map((q, i) => ({ id: all.length > 1 ? `${targetId}.${i + 1}` : targetId, ...q.measure }));
}
