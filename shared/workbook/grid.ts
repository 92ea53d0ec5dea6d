// What every reader (ExcelJS, Office.js, SpreadsheetApp, Sheets API) turns a workbook into.
export type CellValue = string | number | boolean | null;
/** Sheet name → rows (0-based) of cells (0-based); row 0 is the sheet's row 1. */
export type Grid = Record<string, CellValue[][]>;

export const cellAt = (rows: CellValue[][] | undefined, row: number, column: number): CellValue =>
  rows?.[row]?.[column] ?? null;

export const isBlank = (v: CellValue) => v === null || (typeof v === 'string' && v.trim() === '');
