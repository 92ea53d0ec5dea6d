// Which cells of an agency's workbook take input, and the rule each input column holds, declared once: the .xlsx
// generator writes them as Excel data validations, the Google side as Sheets validation rules and protection.
import {
  ASSESSMENT_ROWS,
  ASSESSMENT_SHEET,
  DATA_SHEETS,
  NO,
  STATUS_LABELS,
  TARGETS_SHEET,
  TASKS_SHEET,
  YES,
  dataRow,
  type ColumnSpec,
  type DataSheetSpec,
} from './spec.ts';
import type { TemplateModel } from './template-model.ts';

type Words = { vi: string; en: string };
export type InputRule =
  | { kind: 'list'; items: string[]; prompt: Words; error: Words }
  | { kind: 'whole'; min: number; max: number | null; prompt: Words; error: Words }
  | { kind: 'text-length'; max: number; prompt: Words; error: Words };

/** The rule of an input column, or null where any value will do. */
export function inputRule(column: ColumnSpec): InputRule | null {
  switch (column.type) {
    case 'status':
      return {
        kind: 'list',
        items: Object.values(STATUS_LABELS),
        prompt: { vi: 'Chọn tình trạng thực hiện.', en: 'Choose the status.' },
        error: { vi: 'Chọn một tình trạng trong danh sách.', en: 'Choose a status from the list.' },
      };
    case 'progress':
      return {
        kind: 'whole',
        min: 0,
        max: 100,
        prompt: { vi: 'Số nguyên từ 0 đến 100.', en: 'A whole number from 0 to 100.' },
        error: { vi: 'Tiến độ là số nguyên từ 0 đến 100.', en: 'Progress is a whole number from 0 to 100.' },
      };
    case 'count':
      return {
        kind: 'whole',
        min: 0,
        max: null,
        prompt: { vi: 'Số nguyên, từ 0 trở lên.', en: 'A whole number, 0 or more.' },
        error: { vi: 'Chỉ nhập số nguyên không âm.', en: 'Enter a whole number, 0 or more.' },
      };
    case 'yes-no':
      return {
        kind: 'list',
        items: [YES, NO],
        prompt: { vi: 'Chọn Có hoặc Không.', en: 'Choose Có (yes) or Không (no).' },
        error: { vi: 'Chỉ chọn Có hoặc Không.', en: 'Choose Có or Không only.' },
      };
    case 'text': {
      const max = column.maxLength ?? 32767;
      return {
        kind: 'text-length',
        max,
        prompt: { vi: `Tối đa ${max} ký tự.`, en: `At most ${max} characters.` },
        error: { vi: `Nội dung dài quá ${max} ký tự.`, en: `The text is longer than ${max} characters.` },
      };
    }
    default:
      return null;
  }
}

/** The rows (1-based) of a sheet where an input column is open: a yes/no measure takes no numbers, a ratio no Có/Không. */
export function inputRows(model: TemplateModel, sheet: DataSheetSpec, column: ColumnSpec): number[] {
  if (!column.input) return [];
  if (sheet === TASKS_SHEET) return model.tasks.map((_, i) => dataRow(TASKS_SHEET, i));
  if (sheet === ASSESSMENT_SHEET) return ASSESSMENT_ROWS.map((_, i) => dataRow(ASSESSMENT_SHEET, i));
  const of = (kinds: string[]) =>
    model.measures.flatMap((m, i) => (kinds.includes(m.kind) ? [dataRow(TARGETS_SHEET, i)] : []));
  if (column.key === 'yes') return of(['yes-no']);
  if (column.key === 'note') return of(['ratio', 'yes-no', 'count']);
  if (column.key === 'numerator') return of(['ratio', 'count']);
  return of(['ratio']);
}

/** Contiguous runs of rows as [first, last] pairs: one rule per run, never per cell. */
export function runsOf(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  rows.forEach((row, i) => {
    if (start < 0) start = row;
    if (rows[i + 1] !== row + 1) {
      out.push([start, row]);
      start = -1;
    }
  });
  return out;
}

export interface InputBlock {
  sheet: DataSheetSpec;
  column: number;
  rows: [number, number];
  rule: InputRule | null;
}

/** Every block of input cells of a workbook, with its rule. */
export function inputBlocks(model: TemplateModel): InputBlock[] {
  return DATA_SHEETS.flatMap((sheet) =>
    sheet.columns.flatMap((column, c) =>
      runsOf(inputRows(model, sheet, column)).map((rows) => ({ sheet, column: c, rows, rule: inputRule(column) })),
    ),
  );
}
