// The only way the sidebar touches a spreadsheet. Excel (Office.js), Google Sheets and a plain .xlsx file each
// implement it; the sidebar never knows which.
import type { Grid } from '../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';

export interface WorkbookHost {
  /** What the host is called in messages ("Excel", "tệp .xlsx"). */
  readonly name: string;
  /** Every sheet the reader needs, the very hidden metadata sheet included, in one round trip. */
  readGrid(): Promise<Grid>;
  /** Highlights the cells of the issues; cells highlighted before and not listed now get their look back. Cells it
   * could not colour or give back are skipped, the others done, and then named by a CellsNotColoured. */
  showIssues(issues: WorkbookIssue[]): Promise<void>;
  /** Moves the selection to a cell. */
  select(sheet: string, cell: string): Promise<void>;
}

/** A host that cannot do what the sidebar needs (an Excel without the API set), said plainly. */
export class HostUnsupported extends Error {}

/** Cells the host could not colour (a sheet protected without "format cells"): the others were. The message names
 * them ("Nhiệm vụ!E7, Chỉ tiêu!F9"), the first ten and then how many. */
export class CellsNotColoured extends Error {
  constructor(readonly cells: string[]) {
    super(`${cells.slice(0, 10).join(', ')}${cells.length > 10 ? `, … (${cells.length})` : ''}`);
  }
}
