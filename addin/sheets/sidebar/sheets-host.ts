// The Google Sheets host of the sidebar: every spreadsheet call goes to the add-on's server side in one
// google.script.run round trip (reading the grid, colouring cells, moving the selection).
import type { Grid } from '../../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../../shared/workbook/issue.ts';
import type { WorkbookHost } from '../../sidebar/host.ts';
import type { AddonServer } from './bridge.ts';

export class SheetsHost implements WorkbookHost {
  readonly name = 'Google Sheets';
  constructor(private readonly server: AddonServer) {}
  readGrid(): Promise<Grid> { return this.server.readWorkbook(); }
  showIssues(issues: WorkbookIssue[]): Promise<void> { return this.server.showIssues(issues.map((i) => ({ sheet: i.at.sheet, cell: i.at.cell }))); }
  select(sheet: string, cell: string): Promise<void> { return this.server.selectCell({ sheet, cell }); }
}
