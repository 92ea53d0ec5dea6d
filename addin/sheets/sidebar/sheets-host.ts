// The Google Sheets host of the sidebar: every spreadsheet call goes to the add-on's server side in one
// google.script.run round trip (reading the grid, colouring cells, moving the selection).
import type { Grid } from '../../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../../shared/workbook/issue.ts';
import { CellsNotColoured, type WorkbookHost } from '../../sidebar/host.ts';
import type { AddonServer } from './bridge.ts';

export class SheetsHost implements WorkbookHost {
  readonly name = 'Google Sheets';
  constructor(private readonly server: AddonServer) {}
  readGrid(): Promise<Grid> {
    return this.server.readWorkbook();
  }
  /** The others are coloured all the same; the cells that could not be are named in the error. */
  async showIssues(issues: WorkbookIssue[]): Promise<void> {
    const shown = await this.server.showIssues(issues.map((i) => ({ sheet: i.at.sheet, cell: i.at.cell })));
    const skipped = shown?.skipped ?? [];
    if (skipped.length === 0) return;
    throw new CellsNotColoured(skipped.map((p) => `${p.sheet}!${p.cell}`));
  }
  select(sheet: string, cell: string): Promise<void> {
    return this.server.selectCell({ sheet, cell });
  }
}
