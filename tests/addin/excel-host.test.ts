// The Excel host against office-addin-mock: one batch for every sheet, values placed from A1, the highlight
// and its undoing, the retry in cell-edit mode, and a plain message when the API set is missing.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { ExcelHost, HIGHLIGHT, runWhenEditable, type OfficeApi } from '../../addin/excel/excel-host.ts';
import { CellsNotColoured, HostUnsupported } from '../../addin/sidebar/host.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';

type Data = Record<string, unknown>;
const cell = (color: string) => ({
  format: {
    fill: {
      color,
      clear() {
        (this as { color: string }).color = '#FFFFFF';
      },
    },
  },
  select() {
    /* selected */
  },
});

function workbook() {
  const sheet = (values: unknown[][], rowIndex: number, columnIndex: number, cells: Record<string, Data> = {}) => ({
    used: { values, rowIndex, columnIndex },
    cells,
    activated: false,
    getUsedRangeOrNullObject() {
      return (this as { used: Data }).used;
    },
    getRange(address: string) {
      return (this as { cells: Record<string, Data> }).cells[address];
    },
    activate() {
      (this as { activated: boolean }).activated = true;
    },
  });
  const data = {
    syncs: 0,
    context: {
      workbook: {
        worksheets: {
          sheets: {
            'Nhiệm vụ': sheet(
              [
                ['Mã', 'Nhiệm vụ', ''],
                ['NV1', 'Tuyên truyền', 'Đang thực hiện'],
              ],
              3,
              0,
              { E5: cell('#FFF2CC'), G5: cell('#FFFFFF') },
            ),
            _meta: sheet(
              [
                ['key', 'value'],
                ['templateVersion', 2],
              ],
              0,
              0,
            ),
            none: {
              used: { values: [], rowIndex: 0, columnIndex: 0 },
              getUsedRangeOrNullObject() {
                return (this as { used: Data }).used;
              },
            },
          },
          getItemOrNullObject(name: string) {
            const s = (this as { sheets: Record<string, Data> }).sheets;
            return s[name] ?? s.none;
          },
          getItem(name: string) {
            return (this as { sheets: Record<string, Data> }).sheets[name];
          },
        },
      },
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const mock = new OfficeMockObject(data) as any;
  // isNullObject is known after a sync in Office.js without a load; the mock needs it set as a plain property.
  for (const name of ['Nhiệm vụ', '_meta', 'none'])
    mock.context.workbook.worksheets.sheets[name].used.isNullObject = name === 'none';
  const realSync = mock.context.sync.bind(mock.context);
  let syncs = 0;
  mock.context.sync = async () => {
    syncs += 1;
    return realSync();
  };
  const office: OfficeApi & { syncs: () => number } = {
    run: async (batch) => batch(mock.context),
    isSetSupported: () => true,
    syncs: () => syncs,
  };
  return { mock, office };
}

const issue = (cellRef: string): WorkbookIssue => ({
  code: 'status-required',
  severity: 'error',
  at: { sheet: 'Nhiệm vụ', cell: cellRef },
  params: {},
});

describe('ExcelHost', () => {
  it('reads every sheet the reader needs in one sync, placed from A1, blanks as null, a missing sheet as empty', async () => {
    const { office } = workbook();
    const grid = await new ExcelHost(office).readGrid();
    expect(office.syncs()).toBe(1);
    expect(grid['Nhiệm vụ']).toEqual([[], [], [], ['Mã', 'Nhiệm vụ'], ['NV1', 'Tuyên truyền', 'Đang thực hiện']]);
    expect(grid._meta).toEqual([
      ['key', 'value'],
      ['templateVersion', 2],
    ]);
    expect(grid['Chỉ tiêu']).toEqual([]);
  });

  it('highlights issue cells, then gives each its own fill back when fixed', async () => {
    const { mock, office } = workbook();
    const host = new ExcelHost(office);
    const cells = mock.context.workbook.worksheets.sheets['Nhiệm vụ'].cells;
    await host.showIssues([issue('E5'), issue('G5')]);
    expect(cells.E5.format.fill.color).toBe(HIGHLIGHT);
    expect(cells.G5.format.fill.color).toBe(HIGHLIGHT);
    await host.showIssues([issue('G5')]);
    expect(cells.E5.format.fill.color).toBe('#FFF2CC'); // the input cell's own yellow
    expect(cells.G5.format.fill.color).toBe(HIGHLIGHT);
    await host.showIssues([]);
    expect(cells.G5.format.fill.color).toBe('#FFFFFF'); // cleared: it had no fill
  });

  it('selects a cell on its sheet', async () => {
    const { mock, office } = workbook();
    await new ExcelHost(office).select('Nhiệm vụ', 'E5');
    expect(mock.context.workbook.worksheets.sheets['Nhiệm vụ'].activated).toBe(true);
  });

  it('says plainly when Excel lacks the API set it needs', async () => {
    const { office } = workbook();
    const old = new ExcelHost({ ...office, isSetSupported: () => false });
    await expect(old.readGrid()).rejects.toThrow(HostUnsupported);
    await expect(old.readGrid()).rejects.toThrow('ExcelApi 1.4');
  });

  it('tries again while a cell is being edited, then says what to do', async () => {
    let calls = 0;
    const busy: OfficeApi = {
      isSetSupported: () => true,
      run: async () => {
        calls += 1;
        if (calls < 3) throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' });
        return 'done' as never;
      },
    };
    expect(await runWhenEditable(busy, async () => 'x', 6, 1)).toBe('done');
    expect(calls).toBe(3);
    const stuck: OfficeApi = {
      isSetSupported: () => true,
      run: async () => {
        throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' });
      },
    };
    await expect(runWhenEditable(stuck, async () => 'x', 3, 1)).rejects.toThrow('bấm Enter hoặc Esc');
  });
});

// The same in-page stand-in the Chromium tests load in place of Office.js, run here in a context of its own: its
// batches apply operations in order and a refused one stops the rest, as Excel's do.
const STANDIN = readFileSync(new URL('../helpers/excel-standin.js', import.meta.url), 'utf8');
type StandinSheet = { rows: unknown[][]; protected: boolean; allowFormatCells: boolean };
type StandinWindow = {
  __workbook: { sheets: Record<string, StandinSheet> };
  __fills: Record<string, string>;
  Excel: { run: OfficeApi['run'] };
};

function standin(fills: Record<string, string> = {}) {
  const window = {
    __workbook: {
      sheets: {
        'Nhiệm vụ': { rows: [], protected: true, allowFormatCells: true },
        'Chỉ tiêu': { rows: [], protected: true, allowFormatCells: false },
      },
    },
    __fills: { ...fills },
  } as unknown as StandinWindow;
  runInNewContext(STANDIN, { window, setTimeout });
  const office: OfficeApi = { run: (batch) => window.Excel.run(batch), isSetSupported: () => true };
  return { window, office, sheets: window.__workbook.sheets, fills: window.__fills };
}
const at = (sheet: string, cellRef: string): WorkbookIssue => ({
  code: 'status-required',
  severity: 'error',
  at: { sheet, cell: cellRef },
  params: {},
});

describe('ExcelHost on cells it may not format (a sheet protected without "format cells")', () => {
  it('colours every other cell, and names the ones it could not colour', async () => {
    const { office, fills } = standin({ 'Nhiệm vụ!G5': '#FFF2CC' });
    const host = new ExcelHost(office);
    const shown = host.showIssues([
      at('Nhiệm vụ', 'E5'),
      at('Chỉ tiêu', 'F7'),
      at('Nhiệm vụ', 'G5'),
      at('Chỉ tiêu', 'G8'),
    ]);
    await expect(shown).rejects.toThrow(CellsNotColoured);
    await expect(shown).rejects.toThrow('Chỉ tiêu!F7, Chỉ tiêu!G8');
    expect(fills).toEqual({ 'Nhiệm vụ!E5': HIGHLIGHT, 'Nhiệm vụ!G5': HIGHLIGHT });
  });

  it('gives a cell its own look back once it can, even when a restore was refused first', async () => {
    const { office, fills, sheets } = standin({ 'Nhiệm vụ!G5': '#FFF2CC' });
    const host = new ExcelHost(office);
    await host.showIssues([at('Nhiệm vụ', 'E5'), at('Nhiệm vụ', 'G5')]);
    expect(fills).toEqual({ 'Nhiệm vụ!E5': HIGHLIGHT, 'Nhiệm vụ!G5': HIGHLIGHT });
    sheets['Nhiệm vụ']!.allowFormatCells = false; // the user protected the sheet again, without "format cells"
    await expect(host.showIssues([])).rejects.toThrow('Nhiệm vụ!E5, Nhiệm vụ!G5');
    expect(fills).toEqual({ 'Nhiệm vụ!E5': HIGHLIGHT, 'Nhiệm vụ!G5': HIGHLIGHT });
    sheets['Nhiệm vụ']!.allowFormatCells = true;
    await host.showIssues([]);
    expect(fills).toEqual({ 'Nhiệm vụ!G5': '#FFF2CC' });
  });

  it('takes a refused cell as new the next time: its own look read again, coloured once it may be', async () => {
    const { office, fills, sheets } = standin({ 'Chỉ tiêu!F7': '#DDEBF7' });
    const host = new ExcelHost(office);
    await expect(host.showIssues([at('Chỉ tiêu', 'F7')])).rejects.toThrow('Chỉ tiêu!F7');
    expect(fills['Chỉ tiêu!F7']).toBe('#DDEBF7');
    sheets['Chỉ tiêu']!.allowFormatCells = true;
    await host.showIssues([at('Chỉ tiêu', 'F7')]);
    expect(fills['Chỉ tiêu!F7']).toBe(HIGHLIGHT);
    await host.showIssues([]);
    expect(fills['Chỉ tiêu!F7']).toBe('#DDEBF7');
  });

  it('colours and restores in one batch (two syncs) when every cell may be formatted', async () => {
    const { office } = standin();
    let syncs = 0;
    const counted: OfficeApi = {
      ...office,
      run: (batch) =>
        office.run((context) => {
          const sync = context.sync.bind(context);
          context.sync = (() => {
            syncs += 1;
            return sync();
          }) as typeof context.sync;
          return batch(context);
        }),
    };
    const host = new ExcelHost(counted);
    await host.showIssues([at('Nhiệm vụ', 'E5'), at('Nhiệm vụ', 'E6'), at('Nhiệm vụ', 'E7')]);
    expect(syncs).toBe(2);
    syncs = 0;
    await host.showIssues([at('Nhiệm vụ', 'E6')]);
    expect(syncs).toBeLessThanOrEqual(2);
  });
});

describe('ExcelHost interrupted by cell-edit mode between recording and colouring', () => {
  it('colours on the retry the cells it recorded before, and still knows their own look', async () => {
    const { office, fills } = standin({ 'Nhiệm vụ!E5': '#FFF2CC' });
    let syncs = 0;
    const interrupted: OfficeApi = {
      ...office,
      run: (batch) =>
        office.run((context) => {
          const sync = context.sync.bind(context);
          context.sync = (async () => {
            syncs += 1;
            if (syncs === 2) throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' });
            return sync();
          }) as typeof context.sync;
          return batch(context);
        }),
    };
    const host = new ExcelHost(interrupted);
    await host.showIssues([at('Nhiệm vụ', 'E5')]);
    expect(fills['Nhiệm vụ!E5']).toBe(HIGHLIGHT);
    await host.showIssues([]);
    expect(fills['Nhiệm vụ!E5']).toBe('#FFF2CC');
  });

  it('colours at the next check the cells it recorded when Excel stayed in cell-edit mode until it gave up', async () => {
    const { office, fills } = standin({ 'Nhiệm vụ!E5': '#FFF2CC' });
    let syncs = 0;
    let editing = true;
    const busy: OfficeApi = {
      ...office,
      run: (batch) =>
        office.run((context) => {
          const sync = context.sync.bind(context);
          context.sync = (async () => {
            syncs += 1;
            if (editing && syncs > 1)
              throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' });
            return sync();
          }) as typeof context.sync;
          return batch(context);
        }),
    };
    const host = new ExcelHost(busy);
    await expect(host.showIssues([at('Nhiệm vụ', 'E5')])).rejects.toThrow('bấm Enter hoặc Esc');
    expect(fills['Nhiệm vụ!E5']).toBe('#FFF2CC');
    editing = false;
    await host.showIssues([at('Nhiệm vụ', 'E5')]);
    expect(fills['Nhiệm vụ!E5']).toBe(HIGHLIGHT);
    await host.showIssues([]);
    expect(fills['Nhiệm vụ!E5']).toBe('#FFF2CC');
  }, 10_000);
});
