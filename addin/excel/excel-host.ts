// The Excel host of the sidebar: the only module that calls Excel.run. Reads every sheet the reader needs in
// one batch, retries while the user is editing a cell, highlights issue cells (the generated sheets allow
// formatCells, so highlighting works on protected sheets) and restores their look.
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import { READ_SHEETS } from '../../shared/workbook/spec.ts';
import { HostUnsupported, type WorkbookHost } from '../sidebar/host.ts';

/** The Excel API set this host needs: getItemOrNullObject and getUsedRangeOrNullObject came in 1.4. */
export const REQUIRED_API = { set: 'ExcelApi', version: '1.4' } as const;
export const HIGHLIGHT = '#FDE7E9';

/** What the host needs of Office.js: Excel.run and the requirement check (injected, so tests pass a mock). */
export interface OfficeApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}


const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Excel.run, tried again while a cell is being edited (Excel refuses API calls in cell-edit mode). */
export async function runWhenEditable<T>(office: OfficeApi, batch: (context: Excel.RequestContext) => Promise<T>, attempts = 6, delayMs = 500): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await office.run(batch);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'InvalidOperationInCellEditMode' || i >= attempts) {
        if (code === 'InvalidOperationInCellEditMode') throw new Error('Excel đang ở chế độ sửa ô; bấm Enter hoặc Esc rồi thử lại. / Excel is editing a cell; press Enter or Esc and try again.', { cause: error });
        throw error;
      }
      await wait(delayMs);
    }
  }
}

/** The used range's values placed from A1, '' as null. */
function toRows(values: unknown[][], rowIndex: number, columnIndex: number): CellValue[][] {
  const rows: CellValue[][] = Array.from({ length: rowIndex }, () => []);
  for (const row of values) {
    const out: CellValue[] = Array.from({ length: columnIndex }, () => null);
    for (const v of row) out.push(v === '' || v === undefined ? null : (v as CellValue));
    while (out.length && out.at(-1) === null) out.pop();
    rows.push(out);
  }
  return rows;
}

export class ExcelHost implements WorkbookHost {
  readonly name = 'Excel';
  /** Cells highlighted now ("Sheet!A1") with the fill they had before. */
  private readonly highlighted = new Map<string, string | null>();

  constructor(private readonly office: OfficeApi) {}

  private requireApi() {
    if (!this.office.isSetSupported(REQUIRED_API.set, REQUIRED_API.version)) {
      throw new HostUnsupported(`Phiên bản Excel này chưa có ${REQUIRED_API.set} ${REQUIRED_API.version}; hãy cập nhật Office, hoặc nộp tệp tại trang /addin/ của máy chủ báo cáo. / ` +
        `This Excel lacks ${REQUIRED_API.set} ${REQUIRED_API.version}; update Office, or submit the file at the service's /addin/ page.`);
    }
  }

  async readGrid(): Promise<Grid> {
    this.requireApi();
    return runWhenEditable(this.office, async (context) => {
      const reads = READ_SHEETS.map((name) => {
        const range = context.workbook.worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
        range.load(['values', 'rowIndex', 'columnIndex']);
        return { name, range };
      });
      await context.sync();
      const grid: Grid = {};
      for (const { name, range } of reads) grid[name] = range.isNullObject ? [] : toRows(range.values, range.rowIndex, range.columnIndex);
      return grid;
    });
  }

  async showIssues(issues: WorkbookIssue[]): Promise<void> {
    this.requireApi();
    const wanted = new Set(issues.map((i) => `${i.at.sheet}!${i.at.cell}`));
    await runWhenEditable(this.office, async (context) => {
      const at = (key: string) => {
        const [sheet, cell] = key.split('!') as [string, string];
        return context.workbook.worksheets.getItem(sheet).getRange(cell);
      };
      for (const [key, before] of this.highlighted) {
        if (wanted.has(key)) continue;
        const range = at(key);
        if (before && before.toUpperCase() !== '#FFFFFF') range.format.fill.color = before;
        else range.format.fill.clear();
        this.highlighted.delete(key);
      }
      const fresh = [...wanted].filter((key) => !this.highlighted.has(key)).map((key) => {
        const range = at(key);
        range.format.fill.load('color');
        return { key, range };
      });
      await context.sync();
      for (const { key, range } of fresh) {
        this.highlighted.set(key, range.format.fill.color ?? null);
        range.format.fill.color = HIGHLIGHT;
      }
      await context.sync();
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.requireApi();
    await runWhenEditable(this.office, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }
}
