// The Excel host of the sidebar: the only module that calls Excel.run. Reads every sheet the reader needs in
// one batch, retries while the user is editing a cell, highlights issue cells (the generated sheets allow
// formatCells, so highlighting works on protected sheets; a sheet protected again without it is refused cell by
// cell and named) and restores their look.
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import { READ_SHEETS } from '../../shared/workbook/spec.ts';
import { CellsNotColoured, HostUnsupported, type WorkbookHost } from '../sidebar/host.ts';

/** The Excel API set this host needs: getItemOrNullObject and getUsedRangeOrNullObject came in 1.4. */
export const REQUIRED_API = { set: 'ExcelApi', version: '1.4' } as const;
export const HIGHLIGHT = '#FDE7E9';

/** What the host needs of Office.js: Excel.run and the requirement check (injected, so tests pass a mock). */
export interface OfficeApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

const inCellEditMode = (error: unknown) => (error as { code?: string }).code === 'InvalidOperationInCellEditMode';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Excel.run, tried again while a cell is being edited (Excel refuses API calls in cell-edit mode). */
export async function runWhenEditable<T>(
  office: OfficeApi,
  batch: (context: Excel.RequestContext) => Promise<T>,
  attempts = 6,
  delayMs = 500,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await office.run(batch);
    } catch (error) {
      if (!inCellEditMode(error) || i >= attempts) {
        if (inCellEditMode(error))
          throw new Error(
            'Excel đang ở chế độ sửa ô; bấm Enter hoặc Esc rồi thử lại. / Excel is editing a cell; press Enter or Esc and try again.',
            { cause: error },
          );
        throw error;
      }
      await wait(delayMs);
    }
  }
}

/** One cell's operation: queued on the context, then done() once a sync has applied it. */
interface Step {
  key: string;
  queue: () => void;
  done: () => void;
}

/**
 * Runs the steps in one sync; when Excel refuses that batch (it applies it up to the refused operation, and no
 * further), each step again in a sync of its own, so that a refused cell fails alone. Every step is safe to run twice.
 * Returns the keys of the refused steps.
 */
async function inBatch(context: Excel.RequestContext, steps: Step[]): Promise<string[]> {
  if (steps.length === 0) return [];
  for (const step of steps) step.queue();
  try {
    await context.sync();
    for (const step of steps) step.done();
    return [];
  } catch (error) {
    if (inCellEditMode(error)) throw error;
  }
  const refused: string[] = [];
  for (const step of steps) {
    step.queue();
    try {
      await context.sync();
      step.done();
    } catch (error) {
      if (inCellEditMode(error)) throw error;
      refused.push(step.key);
    }
  }
  return refused;
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
  /** Cells recorded in highlighted and not coloured yet (a batch broken off in cell-edit mode): coloured next. */
  private readonly uncoloured = new Set<string>();

  constructor(private readonly office: OfficeApi) {}

  private requireApi() {
    if (!this.office.isSetSupported(REQUIRED_API.set, REQUIRED_API.version)) {
      throw new HostUnsupported(
        `Phiên bản Excel này chưa có ${REQUIRED_API.set} ${REQUIRED_API.version}; hãy cập nhật Office, hoặc nộp tệp tại trang /addin/ của máy chủ báo cáo. / ` +
          `This Excel lacks ${REQUIRED_API.set} ${REQUIRED_API.version}; update Office, or submit the file at the service's /addin/ page.`,
      );
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
      for (const { name, range } of reads)
        grid[name] = range.isNullObject ? [] : toRows(range.values, range.rowIndex, range.columnIndex);
      return grid;
    });
  }

  /**
   * The same rule as the Sheets add-on's: each new cell's own fill is read and recorded before any is coloured; a
   * cell Excel refuses to format (a sheet protected without "format cells") is skipped and named, the others done;
   * a cell whose look could not be given back keeps its record and is tried again next time.
   */
  async showIssues(issues: WorkbookIssue[]): Promise<void> {
    this.requireApi();
    const wanted = new Set(issues.map((i) => `${i.at.sheet}!${i.at.cell}`));
    const uncoloured = this.uncoloured;
    const refused = new Set<string>();
    await runWhenEditable(this.office, async (context) => {
      refused.clear();
      const fill = (key: string) => {
        const [sheet, cell] = key.split('!') as [string, string];
        return context.workbook.worksheets.getItem(sheet).getRange(cell).format.fill;
      };
      const restores = [...this.highlighted]
        .filter(([key]) => !wanted.has(key))
        .map(([key, before]): Step => ({
          key,
          queue: () => {
            if (before && before.toUpperCase() !== '#FFFFFF') fill(key).color = before;
            else fill(key).clear();
          },
          done: () => {
            this.highlighted.delete(key);
            uncoloured.delete(key);
          },
        }));
      const reads = [...wanted]
        .filter((key) => !this.highlighted.has(key))
        .map((key): Step => {
          let read: Excel.RangeFill | null = null;
          return {
            key,
            queue: () => {
              read = fill(key);
              read.load('color');
            },
            done: () => {
              this.highlighted.set(key, read!.color ?? null);
              uncoloured.add(key);
            },
          };
        });
      for (const key of await inBatch(context, [...restores, ...reads])) refused.add(key);
      const colours = [...uncoloured]
        .filter((key) => wanted.has(key))
        .map((key): Step => ({
          key,
          queue: () => {
            fill(key).color = HIGHLIGHT;
          },
          done: () => uncoloured.delete(key),
        }));
      for (const key of await inBatch(context, colours)) {
        // Not coloured, so nothing to give back.
        this.highlighted.delete(key);
        uncoloured.delete(key);
        refused.add(key);
      }
    });
    if (refused.size > 0) throw new CellsNotColoured([...refused]);
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
