// The reporting workbook, declared once: sheets, columns, headers, widths, types, lists, limits, locks.
// The generator, the upload parser, both add-in hosts and the Google puller all read this.
import type { ReportRole, TaskStatus } from '../domain/report.ts';

export const TEMPLATE_VERSION = 2;

export type ValueType = 'code' | 'label' | 'status' | 'progress' | 'text' | 'count' | 'yes-no' | 'ratio';

export interface ColumnSpec {
  key: string;
  vi: string;
  en: string;
  width: number;
  /** Input cells are unlocked and validated; the rest are locked. */
  input: boolean;
  type: ValueType;
  maxLength?: number;
}

export interface DataSheetSpec {
  key: 'tasks' | 'targets' | 'assessment';
  name: string;
  nameEn: string;
  title: { vi: string; en: string };
  /** 1-based row of the column headers; data starts on the next row. */
  headerRow: number;
  columns: ColumnSpec[];
}

export const STATUS_LABELS: Record<TaskStatus, string> = {
  'not-started': 'Chưa triển khai',
  'in-progress': 'Đang thực hiện',
  done: 'Đã hoàn thành',
  ongoing: 'Thực hiện thường xuyên',
};
export const ROLE_LABELS: Record<ReportRole, string> = {
  lead: 'Chủ trì',
  coordinating: 'Phối hợp',
  focus: 'Thực hiện (trọng tâm)',
};
export const YES = 'Có';
export const NO = 'Không';
export const MEASURE_HOW = { ratio: 'Số lượng / Tổng số', 'yes-no': 'Có / Không', count: 'Số lượng' } as const;

export const LIMITS = {
  results: 2000,
  outputs: 1000,
  difficulties: 1000,
  proposals: 1000,
  note: 500,
  assessment: 4000,
} as const;

const HEADER_ROW = 4;

export const TASKS_SHEET: DataSheetSpec = {
  key: 'tasks',
  name: 'Nhiệm vụ',
  nameEn: 'Tasks',
  title: { vi: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ', en: 'Progress on assigned tasks' },
  headerRow: HEADER_ROW,
  columns: [
    { key: 'code', vi: 'Mã', en: 'Code', width: 7, input: false, type: 'code' },
    { key: 'title', vi: 'Nhiệm vụ', en: 'Task', width: 60, input: false, type: 'label' },
    { key: 'role', vi: 'Vai trò', en: 'Role', width: 14, input: false, type: 'label' },
    { key: 'timeframe', vi: 'Thời gian thực hiện', en: 'Timeframe', width: 16, input: false, type: 'label' },
    { key: 'status', vi: 'Tình trạng', en: 'Status', width: 20, input: true, type: 'status' },
    { key: 'progress', vi: 'Tiến độ (%)', en: 'Progress, %', width: 10, input: true, type: 'progress' },
    {
      key: 'results',
      vi: 'Kết quả thực hiện',
      en: 'Results',
      width: 50,
      input: true,
      type: 'text',
      maxLength: LIMITS.results,
    },
    {
      key: 'outputs',
      vi: 'Văn bản, sản phẩm',
      en: 'Output documents',
      width: 30,
      input: true,
      type: 'text',
      maxLength: LIMITS.outputs,
    },
    {
      key: 'difficulties',
      vi: 'Khó khăn, vướng mắc',
      en: 'Difficulties',
      width: 30,
      input: true,
      type: 'text',
      maxLength: LIMITS.difficulties,
    },
    {
      key: 'proposals',
      vi: 'Đề xuất, kiến nghị',
      en: 'Proposals',
      width: 30,
      input: true,
      type: 'text',
      maxLength: LIMITS.proposals,
    },
  ],
};

export const TARGETS_SHEET: DataSheetSpec = {
  key: 'targets',
  name: 'Chỉ tiêu',
  nameEn: 'Targets',
  title: { vi: 'KẾT QUẢ THỰC HIỆN CHỈ TIÊU', en: 'Target measures' },
  headerRow: HEADER_ROW,
  columns: [
    { key: 'code', vi: 'Mã', en: 'Code', width: 7, input: false, type: 'code' },
    { key: 'label', vi: 'Chỉ tiêu', en: 'Measure', width: 55, input: false, type: 'label' },
    { key: 'threshold', vi: 'Mức phấn đấu', en: 'Threshold', width: 12, input: false, type: 'label' },
    { key: 'how', vi: 'Cách báo cáo', en: 'How to report', width: 18, input: false, type: 'label' },
    { key: 'numerator', vi: 'Số lượng đạt', en: 'Numerator', width: 12, input: true, type: 'count' },
    { key: 'denominator', vi: 'Tổng số', en: 'Denominator', width: 12, input: true, type: 'count' },
    { key: 'yes', vi: 'Có/Không', en: 'Yes/No', width: 11, input: true, type: 'yes-no' },
    { key: 'ratio', vi: 'Tỷ lệ (%)', en: 'Ratio, %', width: 10, input: false, type: 'ratio' },
    { key: 'note', vi: 'Ghi chú', en: 'Note', width: 40, input: true, type: 'text', maxLength: LIMITS.note },
  ],
};

export const ASSESSMENT_SHEET: DataSheetSpec = {
  key: 'assessment',
  name: 'Đánh giá chung',
  nameEn: 'General assessment',
  title: { vi: 'ĐÁNH GIÁ CHUNG', en: 'General assessment' },
  headerRow: HEADER_ROW,
  columns: [
    { key: 'section', vi: 'Nội dung', en: 'Section', width: 36, input: false, type: 'label' },
    {
      key: 'text',
      vi: 'Đánh giá',
      en: 'Assessment',
      width: 100,
      input: true,
      type: 'text',
      maxLength: LIMITS.assessment,
    },
  ],
};

/** The rows of the assessment sheet, in the usual outline of a Vietnamese report. */
export const ASSESSMENT_ROWS = [
  { key: 'results', vi: 'I. Kết quả đạt được', en: 'Results achieved' },
  { key: 'shortcomings', vi: 'II. Hạn chế, nguyên nhân', en: 'Shortcomings and causes' },
  { key: 'nextSteps', vi: 'III. Phương hướng, nhiệm vụ thời gian tới', en: 'Next steps' },
  { key: 'proposals', vi: 'IV. Đề xuất, kiến nghị', en: 'Proposals' },
] as const;

/** The guide: a label and its text on each row. */
export const GUIDE_SHEET = { name: 'Hướng dẫn', nameEn: 'Guide', columnCount: 2 } as const;
/** Very hidden: template version, plan, period, agency and the row maps, a key and its value on each row. */
export const META_SHEET = { name: '_meta', columnCount: 2 } as const;

export const DATA_SHEETS: readonly DataSheetSpec[] = [TASKS_SHEET, TARGETS_SHEET, ASSESSMENT_SHEET];

/** The sheets a host hands the shared reader, the hidden metadata sheet included (the guide is not read). */
export const READ_SHEETS: readonly string[] = [...DATA_SHEETS.map((s) => s.name), META_SHEET.name];

/** The columns of every sheet a template has, added up: its cells are at most this many per row of the longest sheet. */
export const TEMPLATE_COLUMNS =
  GUIDE_SHEET.columnCount + DATA_SHEETS.reduce((n, s) => n + s.columns.length, 0) + META_SHEET.columnCount;

/** Column letter of a 0-based index: 0 → "A", 27 → "AB". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based column and a 1-based row. */
export const a1 = (column: number, row: number) => `${columnLetter(column)}${row}`;

/** The 1-based row of a sheet's n-th data row (0-based n): rows follow the header in the model's order. */
export const dataRow = (sheet: DataSheetSpec, index: number) => sheet.headerRow + 1 + index;

/** 0-based index of a column key in its sheet. */
export function columnIndex(sheet: DataSheetSpec, key: string): number {
  const i = sheet.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`No column ${key} in ${sheet.key}`);
  return i;
}

/** The header text of a column: Vietnamese, then English on a second line. */
export const headerText = (column: ColumnSpec) => `${column.vi}\n(${column.en})`;
