// What a Sheets range gives Apps Script, turned into the grid the shared reader judges: '' as null, a Date as
// the serial number Excel and the Sheets API give for the same cell (days since 30/12/1899, in the spreadsheet's
// time zone), so every host hands the reader the same values.
import type { CellValue } from '../../../shared/workbook/grid.ts';

/** "yyyy-MM-dd'T'HH:mm:ss" of a moment in the spreadsheet's time zone (Utilities.formatDate in Apps Script). */
export type LocalClock = (date: Date) => string;

const EPOCH = Date.UTC(1899, 11, 30);

export function serialOf(date: Date, local: LocalClock): number {
  const [d, t] = local(date).split('T') as [string, string];
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] = t.split(':').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, day, hh, mm, ss) - EPOCH) / 86_400_000;
}

export function cellValue(v: unknown, local: LocalClock): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') return serialOf(v as Date, local);
  return String(v);
}

/** A sheet's values from A1 as grid rows: trailing empty cells and rows dropped, as the other hosts give them. */
export function gridRows(values: unknown[][], local: LocalClock): CellValue[][] {
  const rows = values.map((row) => {
    const out = row.map((v) => cellValue(v, local));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}
