// The generator: a TemplateModel → .xlsx (ExcelJS) with validation on every input cell, locks and print setup.
import type ExcelJS from 'exceljs';
import { assertWritable, CELL_TEXT_MAX } from '../../shared/text/clean-text.ts';
import type { CellValue } from '../../shared/workbook/grid.ts';
import { encodeXstring } from '../../shared/xlsx/xstring.ts';
import {
  ASSESSMENT_SHEET,
  GUIDE_SHEET,
  META_SHEET,
  NO,
  TARGETS_SHEET,
  TASKS_SHEET,
  YES,
  columnIndex,
  columnLetter,
  dataRow,
  type ColumnSpec,
  type DataSheetSpec,
} from '../../shared/workbook/spec.ts';
import { inputRows, inputRule, runsOf } from '../../shared/workbook/input-cells.ts';
import { zipEntries } from './zip-entries.ts';
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
type WithRangeValidations = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, validation: Validation): void };
};

/** The shared input rule as an Excel validation (titles are capped at 32 and texts at 255 characters by Excel). */
function validationFor(column: ColumnSpec): Validation | null {
  const rule = inputRule(column);
  if (!rule) return null;
  const words = {
    showInputMessage: true,
    promptTitle: column.vi,
    prompt: `${rule.prompt.vi} (${rule.prompt.en})`,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: 'Giá trị không hợp lệ',
    error: `${rule.error.vi} (${rule.error.en})`,
  };
  switch (rule.kind) {
    case 'list':
      return { type: 'list', allowBlank: true, formulae: [`"${rule.items.join(',')}"`], ...words };
    case 'whole':
      return rule.max === null
        ? { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [rule.min], ...words }
        : { type: 'whole', operator: 'between', allowBlank: true, formulae: [rule.min, rule.max], ...words };
    case 'text-length':
      return { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [rule.max], ...words };
  }
}

/**
 * A grid value as ExcelJS is given it: text that reads back exactly as written (ExcelJS drops what XML forbids and DEL,
 * XML readers turn CR into LF, Excel holds 32,767 characters in a cell) or a fault of ours, and a literal `_xHHHH_`
 * escaped as Excel escapes it (ExcelJS does not).
 */
function written(value: CellValue, sheet: string, row: number, column: number): Exclude<CellValue, null> | null {
  if (typeof value !== 'string') return value;
  assertWritable(value, 'template writer', `${sheet}!${columnLetter(column)}${row + 1}`, {
    max: CELL_TEXT_MAX,
    exact: true,
  });
  return encodeXstring(value);
}

const runs = (rows: number[], letter: string) =>
  runsOf(rows).map(([a, b]) => (a === b ? `${letter}${a}` : `${letter}${a}:${letter}${b}`));

function styleDataSheet(ws: ExcelJS.Worksheet, spec: DataSheetSpec, rows: CellValue[][], model: TemplateModel) {
  const headerRow = spec.headerRow;
  ws.columns = spec.columns.map((c) => ({ width: c.width }));
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, c) => {
      if (v !== null) row.getCell(c + 1).value = written(v, spec.name, i, c);
    });
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
    const open = inputRows(model, spec, column);
    const inputSet = new Set(open);
    for (let r = headerRow + 1; r <= last; r++) {
      const cell = ws.getCell(r, c + 1);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { wrapText: column.type === 'text' || column.type === 'label', vertical: 'top' };
      if (inputSet.has(r)) cell.protection = { locked: false };
      else cell.fill = column.input ? NOT_APPLICABLE_FILL : LOCKED_FILL;
    }
    const validation = validationFor(column);
    if (validation)
      for (const range of runs(open, columnLetter(c)))
        (ws as WithRangeValidations).dataValidations.add(range, validation);
  });
  // Row heights from the locked text they hold: LibreOffice does not fit wrapped rows on open.
  for (let r = headerRow + 1; r <= last; r++) {
    const lines = Math.max(
      2,
      ...spec.columns.map((column, c) => {
        const value = rows[r - 1]?.[c];
        return typeof value === 'string' ? Math.ceil((value.length * 1.1) / column.width) : 1;
      }),
    );
    ws.getRow(r).height = Math.min(409, lines * 15.5 + 4);
  }
  ws.views = [
    {
      state: 'frozen',
      xSplit: 2,
      ySplit: headerRow,
      activeCell: `${columnLetter(spec.columns.findIndex((c) => c.input))}${headerRow + 1}`,
    },
  ];
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${headerRow}`,
    margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** Writes an agency's reporting workbook; deterministic for the same model and options. */
export async function generateWorkbook(model: TemplateModel, options: GenerateOptions = {}): Promise<Buffer> {
  const grid = buildTemplateGrid(model, options.contact);
  // ExcelJS (150 ms and 20 MB to load) is loaded by the first workbook, not by every command that might write one.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Plan Reporting';
  wb.created = new Date(model.meta.generatedAt);
  wb.modified = wb.created;
  wb.calcProperties.fullCalcOnLoad = true;

  const guide = wb.addWorksheet(GUIDE_SHEET.name, { properties: { tabColor: { argb: 'FF2F5597' } } });
  guide.columns = [{ width: 32 }, { width: 100 }];
  grid[GUIDE_SHEET.name]!.forEach((values, i) =>
    values.forEach((v, c) => {
      guide.getCell(i + 1, c + 1).value = written(v, GUIDE_SHEET.name, i, c);
    }),
  );
  guide.getCell('A1').font = { ...FONT, bold: true, size: 16 };
  guide.getCell('A2').font = { ...FONT, italic: true };
  for (let r = 3; r <= grid[GUIDE_SHEET.name]!.length; r++) {
    guide.getCell(r, 1).font = { ...FONT, bold: true };
    guide.getCell(r, 1).alignment = { vertical: 'top', wrapText: true };
    guide.getCell(r, 2).font = FONT;
    guide.getCell(r, 2).alignment = { vertical: 'top', wrapText: true };
  }
  guide.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

  styleDataSheet(wb.addWorksheet(TASKS_SHEET.name), TASKS_SHEET, grid[TASKS_SHEET.name]!, model);

  const targets = wb.addWorksheet(TARGETS_SHEET.name);
  const measureRow = (i: number) => dataRow(TARGETS_SHEET, i);
  styleDataSheet(targets, TARGETS_SHEET, grid[TARGETS_SHEET.name]!, model);
  const [num, den, yes, ratio] = ['numerator', 'denominator', 'yes', 'ratio'].map((k) =>
    columnLetter(columnIndex(TARGETS_SHEET, k)),
  );
  model.measures.forEach((m, i) => {
    // A count is its own value: the ratio column stays empty.
    if (m.kind === 'count') return;
    const r = measureRow(i);
    const formula =
      m.kind === 'ratio'
        ? `IF(AND(ISNUMBER(${num}${r}),ISNUMBER(${den}${r}),${den}${r}>0),ROUND(${num}${r}/${den}${r}*100,1),"")`
        : `IF(${yes}${r}="${YES}",100,IF(${yes}${r}="${NO}",0,""))`;
    targets.getCell(`${ratio}${r}`).value = { formula, result: '' } as ExcelJS.CellFormulaValue;
    targets.getCell(`${ratio}${r}`).numFmt = '0.0';
  });

  const assessment = wb.addWorksheet(ASSESSMENT_SHEET.name);
  styleDataSheet(assessment, ASSESSMENT_SHEET, grid[ASSESSMENT_SHEET.name]!, model);
  for (const r of inputRows(model, ASSESSMENT_SHEET, ASSESSMENT_SHEET.columns[1]!)) assessment.getRow(r).height = 120;

  const meta = wb.addWorksheet(META_SHEET.name, { state: 'veryHidden' });
  grid[META_SHEET.name]!.forEach((values, i) =>
    values.forEach((v, c) => {
      meta.getCell(i + 1, c + 1).value = written(v, META_SHEET.name, i, c);
    }),
  );

  // formatCells lets the add-in highlight a cell with an issue (and restore it) without unprotecting the sheet.
  const protection = {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatCells: true,
    formatColumns: true,
    formatRows: true,
  };
  for (const ws of [guide, wb.getWorksheet(TASKS_SHEET.name)!, targets, assessment, meta]) {
    await ws.protect(options.password ?? '', options.password ? { ...protection, spinCount: 100_000 } : protection);
  }
  // The guide is the active tab: LibreOffice un-hides a hidden sheet that is the active one.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return zipEntries(await renderParts(wb));
}

/** The part-writing steps of ExcelJS's XLSX.write (exceljs 4.4 lib/xlsx/xlsx.js), which a zip writer is handed. */
interface XlsxSteps {
  prepareModel(model: unknown, options: object): void;
  [step: string]: unknown;
}
const STEPS = [
  'addContentTypes',
  'addOfficeRels',
  'addWorkbookRels',
  'addWorksheets',
  'addSharedStrings',
  'addDrawings',
  'addTables',
  'addThemes',
  'addStyles',
  'addMedia',
  'addApp',
  'addCore',
  'addWorkbook',
] as const;

/**
 * The workbook's parts as ExcelJS renders them, in the order its own write() takes (the same steps, one after
 * another), collected instead of being handed to its JSZip writer: JSZip's pure-JS CRC, its asynchronous chunking
 * and its deflate (or, stored, our unzipping it again) were over a third of a workbook's time. The zip is ours.
 */
async function renderParts(wb: ExcelJS.Workbook): Promise<[string, Uint8Array | string][]> {
  const xlsx = wb.xlsx as unknown as XlsxSteps;
  const missing = STEPS.filter((step) => typeof xlsx[step] !== 'function');
  if (missing.length > 0 || typeof xlsx.prepareModel !== 'function')
    throw new Error(`ExcelJS no longer has ${missing.join(', ') || 'prepareModel'}: check its version`);
  const parts = new Map<string, Uint8Array | string>();
  const zip = {
    append: (data: Uint8Array | string, o: { name: string; base64?: boolean }) => {
      parts.set(o.name, o.base64 ? Buffer.from(String(data), 'base64') : data);
    },
  };
  const { model } = wb as unknown as { model: unknown };
  xlsx.prepareModel(model, {});
  for (const step of STEPS)
    await (xlsx[step] as (zip: unknown, model: unknown) => Promise<void>).call(xlsx, zip, model);
  return [...parts];
}
