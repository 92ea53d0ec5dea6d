// One chart description, drawn three ways: DrawingML in the master (its numbers read from the overview's cells), SVG
// on the page, PNG from that SVG in the .docx. It holds the data, so any drawing agrees with the cells it names.

/** A cell range of a sheet, 1-based and inclusive: one column, rows `from`..`to`. */
export interface CellRange {
  sheet: string;
  column: number;
  from: number;
  to: number;
}

export interface ChartSeries {
  name: string;
  /** The cell holding the series' name (a table's header). */
  nameCell: CellRange;
  values: (number | null)[];
  valuesRange: CellRange;
  /** "RRGGBB". */
  color: string;
}

export type ChartKind = 'stacked-bar' | 'clustered-bar';

export interface ChartDescription {
  /** A short stable name: the part's and the page's file name ("reporting", "targets", "tasks"). */
  name: string;
  kind: ChartKind;
  title: { vi: string; en: string };
  /** The value axis's title. */
  axis: { vi: string; en: string };
  categories: string[];
  categoriesRange: CellRange;
  series: ChartSeries[];
  /** A fixed top of the value axis (100 for percentages), else drawn from the data. */
  max?: number;
}

/** The title as every sheet and screen writes it: Vietnamese first. */
export const chartTitle = (c: Pick<ChartDescription, 'title'>) => `${c.title.vi} / ${c.title.en}`;

/** "A", "B" … "Z", "AA" from a 1-based column. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** An absolute reference, its sheet quoted: `'Tổng quan'!$B$10:$B$12`. */
export function rangeRef(r: CellRange): string {
  const col = `$${columnName(r.column)}$`;
  return `'${r.sheet.replaceAll("'", "''")}'!${col}${r.from}${r.to === r.from ? '' : `:${col}${r.to}`}`;
}

/** The colours of the states, shared by every drawing. */
export const COLORS = {
  green: '70AD47',
  amber: 'FFC000',
  red: 'E06666',
  purple: '8E7CC3',
  grey: 'A5A5A5',
  blue: '4472C4',
  navy: '1F3864',
} as const;
