// The labelled lines under a task ("- Cơ quan chủ trì: …") and the columns of a task table, by their many names.
import { hasPhrase, matchKey, squash, stripEmphasis } from '../text/vietnamese.ts';
import { parseTimeframe } from './timeframe.ts';

export type Field = 'lead' | 'coordinating' | 'timeframe' | 'products' | 'title' | 'number' | 'note';

const NAMES: Record<Field, string[]> = {
  lead: [
    'cơ quan chủ trì',
    'đơn vị chủ trì',
    'chủ trì',
    'cơ quan đơn vị chủ trì',
    'cơ quan chủ trì thực hiện',
    'cơ quan thực hiện',
    'đơn vị thực hiện',
    'cơ quan đơn vị thực hiện',
    'đơn vị chủ trì thực hiện',
    'cơ quan chịu trách nhiệm',
    'trách nhiệm thực hiện',
    'cơ quan chủ trì tham mưu',
    'đơn vị tham mưu',
    'cơ quan tham mưu',
    'cơ quan đơn vị chủ trì thực hiện',
    'chủ trì thực hiện',
    'đơn vị chủ trì tham mưu',
    'đơn vị chủ trì tham mưu thực hiện',
    'cơ quan chủ trì tham mưu thực hiện',
  ],
  coordinating: [
    'cơ quan phối hợp',
    'đơn vị phối hợp',
    'phối hợp',
    'cơ quan đơn vị phối hợp',
    'cơ quan phối hợp thực hiện',
    'đơn vị phối hợp thực hiện',
    'phối hợp thực hiện',
  ],
  timeframe: [
    'thời gian thực hiện',
    'thời hạn hoàn thành',
    'thời gian hoàn thành',
    'tiến độ',
    'tiến độ thực hiện',
    'thời hạn',
    'thời gian',
    'tiến độ hoàn thành',
    'thời hạn thực hiện',
    'thời gian triển khai',
  ],
  products: [
    'sản phẩm',
    'sản phẩm đầu ra',
    'kết quả sản phẩm',
    'hình thức văn bản',
    'sản phẩm dự kiến',
    'dự kiến sản phẩm',
    'kết quả đầu ra',
    'sản phẩm hoàn thành',
    'hình thức sản phẩm',
    'kết quả dự kiến',
  ],
  title: [
    'nội dung',
    'nội dung nhiệm vụ',
    'nhiệm vụ',
    'tên nhiệm vụ',
    'nội dung công việc',
    'nhiệm vụ giải pháp',
    'nội dung thực hiện',
    'công việc',
    'nhiệm vụ cụ thể',
    'nội dung nhiệm vụ giải pháp',
    'tên nhiệm vụ đề án',
  ],
  number: ['stt', 'số thứ tự', 'tt'],
  note: ['ghi chú'],
};

const BY_KEY = new Map<string, Field>();
for (const [field, names] of Object.entries(NAMES) as [Field, string[]][]) {
  for (const name of names) BY_KEY.set(matchKey(name.replace(/\//g, ' ')), field);
}

/** The field a label or a column header names, or null. `fieldOf('Cơ quan/Đơn vị thực hiện')` → `'lead'`. */
export function fieldOf(label: string): Field | null {
  return BY_KEY.get(matchKey(stripEmphasis(label).replace(/[/&]/g, ' '))) ?? null;
}

// A table column by the meaning of its header, however it is worded ("NHIỆM VỤ VÀ GIẢI PHÁP", "Thời gian dự kiến hoàn
// thành", "Cơ quan chủ trì thực hiện", "Tên nhiệm vụ/dự án"): the first rule whose words it holds.
const COLUMN_WORDS: ReadonlyArray<[Field, string[]]> = [
  ['note', ['ghi chú']],
  ['coordinating', ['phối hợp']],
  ['lead', ['chủ trì', 'thực hiện', 'trách nhiệm', 'đầu mối']],
  ['timeframe', ['thời gian', 'thời hạn', 'hoàn thành', 'tiến độ', 'thời điểm']],
  ['products', ['sản phẩm', 'kết quả']],
  ['title', ['nhiệm vụ', 'nội dung', 'công việc', 'giải pháp', 'hoạt động', 'đề án', 'dự án']],
];

/** The field a table column holds, by its header's words. `columnOf('Thời gian dự kiến hoàn thành')` → `'timeframe'`. */
export function columnOf(header: string): Field | null {
  const exact = fieldOf(header);
  if (exact) return exact;
  const text = stripEmphasis(header).replace(/[/&]/g, ' ');
  if (!text.trim() || text.length > 60) return null;
  return COLUMN_WORDS.find(([, words]) => words.some((w) => hasPhrase(text, w)))?.[0] ?? null;
}

// "- Cơ quan chủ trì: …", and in the lettered layout "b) Cơ quan thực hiện: …".
const LABEL_LINE = /^\s*(?:[-–+•*]|[a-zđ]\))?\s*([^:：]{2,60}?)\s*[:：]\s*(.*)$/u;
const clean = (value: string) => squash(stripEmphasis(value)).replace(/[.;,]+$/, '');

function asLabel(text: string): { field: Field; value: string } | null {
  const m = LABEL_LINE.exec(stripEmphasis(text));
  if (!m) return null;
  const field = fieldOf(m[1]!);
  if (field === null || field === 'title' || field === 'number' || field === 'note') return null;
  return { field, value: m[2]! };
}

// "Thời gian thực hiện Quý IV/2025": the label without its colon, taken only when what follows reads as a timeframe.
const TIMEFRAME_NO_COLON =
  /^\s*(?:[-–+•*]|[a-zđ]\))?\s*(thời gian thực hiện|thời gian hoàn thành|thời hạn hoàn thành|thời hạn thực hiện|tiến độ thực hiện)\s+(\S.*)$/iu;
function timeframeWithoutColon(text: string): { field: Field; value: string } | null {
  const m = TIMEFRAME_NO_COLON.exec(stripEmphasis(text));
  if (!m) return null;
  const value = m[2]!.replace(/^(?:là|trong|:)\s+/iu, (w) => (/^trong/iu.test(w) ? w : ''));
  return parseTimeframe(value).kind === 'unrecognised' ? null : { field: 'timeframe', value };
}

/**
 * Reads "- Cơ quan chủ trì: Phòng Nội vụ." into `[{ field: 'lead', value: 'Phòng Nội vụ' }]`; one line may
 * carry several labels ("Chủ trì: Phòng Y tế; thời gian: Quý II/2024"). Only the assignment fields and
 * products count as labels; other "X: y" lines are prose.
 */
export function labelledFields(text: string): { field: Field; value: string }[] {
  const first = asLabel(text) ?? timeframeWithoutColon(text);
  if (!first) return [];
  const out: { field: Field; value: string }[] = [];
  // Split the value where a further known label begins after ";" or ".".
  const pieces = first.value.split(/[;.]\s+(?=[^;.:：]{2,60}[:：])/u);
  let current = { field: first.field, value: pieces[0]! };
  for (const piece of pieces.slice(1)) {
    const next = asLabel(piece);
    if (next) {
      out.push({ field: current.field, value: clean(current.value) });
      current = next;
    } else current = { field: current.field, value: `${current.value}; ${piece}` };
  }
  out.push({ field: current.field, value: clean(current.value) });
  return out;
}

/**
 * A lettered line of the layout "1.1. Tên nhiệm vụ / a) Nhiệm vụ: … / b) Cơ quan thực hiện: / c) Thời gian thực hiện: …":
 * the field it names (the task's text included, as 'title') and its value, possibly empty (the lines below carry it).
 */
export function letteredField(text: string): { field: Field; value: string } | null {
  const m = /^\s*[a-zđ]\)\s*([^:：]{2,60}?)\s*[:：]\s*(.*)$/u.exec(stripEmphasis(text));
  if (!m) return null;
  const field = fieldOf(m[1]!);
  return field && field !== 'number' ? { field, value: clean(m[2]!) } : null;
}

/**
 * A line shaped like a label the parser does not know ("- Kinh phí: Ngân sách tỉnh."): its label, for a warning.
 * Short (at most five words), capitalised, without digits, so that a sentence ending in a colon is not one.
 */
export function unknownLabel(text: string): string | null {
  const m = LABEL_LINE.exec(stripEmphasis(text));
  if (!m || !m[2]!.trim() || fieldOf(m[1]!) !== null) return null;
  const label = m[1]!.trim();
  const first = label.charAt(0);
  if (
    first !== first.toUpperCase() ||
    first === first.toLowerCase() ||
    /\d/.test(label) ||
    label.split(/\s+/).length > 5
  )
    return null;
  return label;
}

/**
 * Labels written inside a task's own line, in parentheses: "Rà soát thủ tục (Cơ quan chủ trì: Phòng Tư
 * pháp; Thời gian: Quý II/2024)". Returns the title without them.
 */
export function inlineFields(title: string): { title: string; fields: { field: Field; value: string }[] } {
  const m = /\s*\(([^()]*[:：][^()]*)\)\s*\.?$/u.exec(title);
  if (!m) return { title, fields: [] };
  const fields = labelledFields(m[1]!);
  return fields.length ? { title: title.slice(0, m.index).trim(), fields } : { title, fields: [] };
}
