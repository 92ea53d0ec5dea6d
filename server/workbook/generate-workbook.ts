// The generator: a TemplateModel → .xlsx (ExcelJS) with validation on every input cell, locks and print setup.
import ExcelJS from 'exceljs';
import type { CellValue } from '../../shared/workbook/grid.ts';
import {
  ASSESSMENT_SHEET, GUIDE_SHEET, META_SHEET, NO, STATUS_LABELS, TARGETS_SHEET, TASKS_SHEET, YES, columnIndex, columnLetter,
  dataRow, type ColumnSpec, type DataSheetSpec,
} from '../../shared/workbook/spec.ts';
import { buildTemplateGrid } from '../../shared/workbook/template-grid.ts';
import type { TemplateModel } from '../../shared/workbook/template-model.ts';

export interface GenerateOptions {
  /** Sheet password; none by default (ExcelJS's default spin count costs 0.3–0.4 s per protected sheet). */
  password?: string;
  contact?: string;
}

const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const NOT_APPLICABLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: 'Times New Roman', size: 12 };

type Validation = ExcelJS.DataValidation;
/** ExcelJS has range validations (worksheet.dataValidations) but its typings omit them. */
type WithRangeValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: Validation): void } };

const listOf = (items: string[]) => [`"${items.join(',')}"`];
function validationFor(column: ColumnSpec): Validation | null {
  // Excel caps titles at 32 and texts at 255 characters; a line break in an attribute reads as a space.
  const prompt = (vi: string, en: string) => ({ showInputMessage: true, promptTitle: column.vi, prompt: `${vi} (${en})` });
  const stop = (vi: string, en: string) => ({ showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: 'Giá trị không hợp lệ', error: `${vi} (${en})` });
  switch (column.type) {
    case 'status':
      return { type: 'list', allowBlank: true, formulae: listOf(Object.values(STATUS_LABELS)),
        ...prompt('Chọn tình trạng thực hiện.', 'Choose the status.'),
        ...stop('Chọn một tình trạng trong danh sách.', 'Choose a status from the list.') };
    case 'progress':
      return { type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 100],
        ...prompt('Số nguyên từ 0 đến 100.', 'A whole number from 0 to 100.'),
        ...stop('Tiến độ là số nguyên từ 0 đến 100.', 'Progress is a whole number from 0 to 100.') };
    case 'count':
      return { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0],
        ...prompt('Số nguyên, từ 0 trở lên.', 'A whole number, 0 or more.'),
        ...stop('Chỉ nhập số nguyên không âm.', 'Enter a whole number, 0 or more.') };
    case 'yes-no':
      return { type: 'list', allowBlank: true, formulae: listOf([YES, NO]),
        ...prompt('Chọn Có hoặc Không.', 'Choose Có (yes) or Không (no).'),
        ...stop('Chỉ chọn Có hoặc Không.', 'Choose Có or Không only.') };
    case 'text':
      return { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [column.maxLength ?? 32767],
        ...prompt(`Tối đa ${column.maxLength} ký tự.`, `At most ${column.maxLength} characters.`),
        ...stop(`Nội dung dài quá ${column.maxLength} ký tự.`, `The text is longer than ${column.maxLength} characters.`) };
    default:
      return null;
  }
}

/** Contiguous runs of rows (1-based) as "E5:E9" ranges: one validation per range, never per cell (exceljs #1427). */
function runs(rows: number[], letter: string): string[] {
  const out: string[] = [];
  let start = -1;
  rows.forEach((row, i) => {
    if (start < 0) start = row;
    if (rows[i + 1] !== row + 1) { out.push(start === row ? `${letter}${row}` : `${letter}${start}:${letter}${row}`); start = -1; }
  });
  return out;
}

function styleDataSheet(ws: ExcelJS.Worksheet, spec: DataSheetSpec, rows: CellValue[][], inputRowsByColumn: (column: ColumnSpec) => number[]) {
  const headerRow = spec.headerRow;
  ws.columns = spec.columns.map((c) => ({ width: c.width }));
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, c) => { if (v !== null) row.getCell(c + 1).value = v; });
  });
  ws.getCell('A1').font = { ...FONT, bold: true, size: 14 };
  ws.getCell('A2').font = { ...FONT, italic: true };
  ws.getCell('A3').font = { ...FONT, italic: true, color: { argb: 'FF595959' } };
  const header = ws.getRow(headerRow);
  header.height = 48;
  spec.columns.forEach((_, c) => {
    const cell = header.getCell(c + 1);
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  const last = rows.length;
  spec.columns.forEach((column, c) => {
    const inputRows = new Set(column.input ? inputRowsByColumn(column) : []);
    for (let r = headerRow + 1; r <= last; r++) {
      const cell = ws.getCell(r, c + 1);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { wrapText: column.type === 'text' || column.type === 'label', vertical: 'top' };
      if (inputRows.has(r)) cell.protection = { locked: false };
      else cell.fill = column.input ? NOT_APPLICABLE_FILL : LOCKED_FILL;
    }
    const validation = validationFor(column);
    if (validation) for (const range of runs([...inputRows], columnLetter(c))) (ws as WithRangeValidations).dataValidations.add(range, validation);
  });
  // Row heights from the locked text they hold: LibreOffice does not fit wrapped rows on open.
  for (let r = headerRow + 1; r <= last; r++) {
    const lines = Math.max(2, ...spec.columns.map((column, c) => {
      const value = rows[r - 1]?.[c];
      return typeof value === 'string' ? Math.ceil((value.length * 1.1) / column.width) : 1;
    }));
    ws.getRow(r).height = Math.min(409, lines * 15.5 + 4);
  }
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: headerRow, activeCell: `${columnLetter(spec.columns.findIndex((c) => c.input))}${headerRow + 1}` }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${headerRow}`,
    margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
}

/** Writes an agency's reporting workbook; deterministic for the same model and options. */
export async function generateWorkbook(model: TemplateModel, options: GenerateOptions = {}): Promise<Buffer> {
  const grid = buildTemplateGrid(model, options.contact);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Plan Reporting';
  wb.created = new Date(model.meta.generatedAt);
  wb.modified = wb.created;
  wb.calcProperties.fullCalcOnLoad = true;

  const guide = wb.addWorksheet(GUIDE_SHEET.name, { properties: { tabColor: { argb: 'FF2F5597' } } });
  guide.columns = [{ width: 32 }, { width: 100 }];
  grid[GUIDE_SHEET.name]!.forEach((values, i) => values.forEach((v, c) => { guide.getCell(i + 1, c + 1).value = v; }));
  guide.getCell('A1').font = { ...FONT, bold: true, size: 16 };
  guide.getCell('A2').font = { ...FONT, italic: true };
  for (let r = 3; r <= grid[GUIDE_SHEET.name]!.length; r++) {
    guide.getCell(r, 1).font = { ...FONT, bold: true };
    guide.getCell(r, 1).alignment = { vertical: 'top', wrapText: true };
    guide.getCell(r, 2).font = FONT;
    guide.getCell(r, 2).alignment = { vertical: 'top', wrapText: true };
  }
  guide.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

  const taskRows = model.tasks.map((_, i) => dataRow(TASKS_SHEET, i));
  styleDataSheet(wb.addWorksheet(TASKS_SHEET.name), TASKS_SHEET, grid[TASKS_SHEET.name]!, () => taskRows);

  const targets = wb.addWorksheet(TARGETS_SHEET.name);
  const measureRow = (i: number) => dataRow(TARGETS_SHEET, i);
  const ratioRows = model.measures.flatMap((m, i) => (m.kind === 'ratio' ? [measureRow(i)] : []));
  const yesNoRows = model.measures.flatMap((m, i) => (m.kind === 'yes-no' ? [measureRow(i)] : []));
  styleDataSheet(targets, TARGETS_SHEET, grid[TARGETS_SHEET.name]!, (column) =>
    column.key === 'yes' ? yesNoRows : column.key === 'note' ? [...ratioRows, ...yesNoRows].sort((a, b) => a - b) : ratioRows);
  const [num, den, yes, ratio] = ['numerator', 'denominator', 'yes', 'ratio'].map((k) => columnLetter(columnIndex(TARGETS_SHEET, k)));
  model.measures.forEach((m, i) => {
    const r = measureRow(i);
    const formula = m.kind === 'ratio'
      ? `IF(AND(ISNUMBER(${num}${r}),ISNUMBER(${den}${r}),${den}${r}>0),ROUND(${num}${r}/${den}${r}*100,1),"")`
      : `IF(${yes}${r}="${YES}",100,IF(${yes}${r}="${NO}",0,""))`;
    targets.getCell(`${ratio}${r}`).value = { formula, result: '' } as ExcelJS.CellFormulaValue;
    targets.getCell(`${ratio}${r}`).numFmt = '0.0';
  });

  const assessmentRows = grid[ASSESSMENT_SHEET.name]!.slice(ASSESSMENT_SHEET.headerRow).map((_, i) => dataRow(ASSESSMENT_SHEET, i));
  const assessment = wb.addWorksheet(ASSESSMENT_SHEET.name);
  styleDataSheet(assessment, ASSESSMENT_SHEET, grid[ASSESSMENT_SHEET.name]!, () => assessmentRows);
  for (const r of assessmentRows) assessment.getRow(r).height = 120;

  const meta = wb.addWorksheet(META_SHEET.name, { state: 'veryHidden' });
  grid[META_SHEET.name]!.forEach((values, i) => values.forEach((v, c) => { meta.getCell(i + 1, c + 1).value = v; }));

  // formatCells lets the add-in highlight a cell with an issue (and restore it) without unprotecting the sheet.
  const protection = { selectLockedCells: true, selectUnlockedCells: true, formatCells: true, formatColumns: true, formatRows: true };
  for (const ws of [guide, wb.getWorksheet(TASKS_SHEET.name)!, targets, assessment, meta]) {
    await ws.protect(options.password ?? '', options.password ? { ...protection, spinCount: 100_000 } : protection);
  }
  // The guide is the active tab: LibreOffice un-hides a hidden sheet that is the active one.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
