// The Excel host against office-addin-mock: one batch for every sheet, values placed from A1, the highlight
// and its undoing, the retry in cell-edit mode, and a plain message when the API set is missing.
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { ExcelHost, HIGHLIGHT, runWhenEditable, type OfficeApi } from '../../addin/excel/excel-host.ts';
import { HostUnsupported } from '../../addin/sidebar/host.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';

type Data = Record<string, unknown>;
const cell = (color: string) => ({ format: { fill: { color, clear() { (this as { color: string }).color = '#FFFFFF'; } } }, select() { /* selected */ } });

function workbook() {
  const sheet = (values: unknown[][], rowIndex: number, columnIndex: number, cells: Record<string, Data> = {}) => ({
    used: { values, rowIndex, columnIndex },
    cells,
    activated: false,
    getUsedRangeOrNullObject() { return (this as { used: Data }).used; },
    getRange(address: string) { return (this as { cells: Record<string, Data> }).cells[address]; },
    activate() { (this as { activated: boolean }).activated = true; },
  });
  const data = {
    syncs: 0,
    context: {
      workbook: {
        worksheets: {
          sheets: {
            'Nhiệm vụ': sheet([['Mã', 'Nhiệm vụ', ''], ['NV1', 'Tuyên truyền', 'Đang thực hiện']], 3, 0, { E5: cell('#FFF2CC'), G5: cell('#FFFFFF') }),
            _meta: sheet([['key', 'value'], ['templateVersion', 2]], 0, 0),
            none: { used: { values: [], rowIndex: 0, columnIndex: 0 }, getUsedRangeOrNullObject() { return (this as { used: Data }).used; } },
          },
          getItemOrNullObject(name: string) { const s = (this as { sheets: Record<string, Data> }).sheets; return s[name] ?? s.none; },
          getItem(name: string) { return (this as { sheets: Record<string, Data> }).sheets[name]; },
        },
      },
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const mock = new OfficeMockObject(data) as any;
  // isNullObject is known after a sync in Office.js without a load; the mock needs it set as a plain property.
  for (const name of ['Nhiệm vụ', '_meta', 'none']) mock.context.workbook.worksheets.sheets[name].used.isNullObject = name === 'none';
  const realSync = mock.context.sync.bind(mock.context);
  let syncs = 0;
  mock.context.sync = async () => { syncs += 1; return realSync(); };
  const office: OfficeApi & { syncs: () => number } = {
    run: async (batch) => batch(mock.context),
    isSetSupported: () => true,
    syncs: () => syncs,
  };
  return { mock, office };
}

const issue = (cellRef: string): WorkbookIssue => ({ code: 'status-required', severity: 'error', at: { sheet: 'Nhiệm vụ', cell: cellRef }, params: {} });

describe('ExcelHost', () => {
  it('reads every sheet the reader needs in one sync, placed from A1, blanks as null, a missing sheet as empty', async () => {
    const { office } = workbook();
    const grid = await new ExcelHost(office).readGrid();
    expect(office.syncs()).toBe(1);
    expect(grid['Nhiệm vụ']).toEqual([[], [], [], ['Mã', 'Nhiệm vụ'], ['NV1', 'Tuyên truyền', 'Đang thực hiện']]);
    expect(grid._meta).toEqual([['key', 'value'], ['templateVersion', 2]]);
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
      run: async () => { calls += 1; if (calls < 3) throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' }); return 'done' as never; },
    };
    expect(await runWhenEditable(busy, async () => 'x', 6, 1)).toBe('done');
    expect(calls).toBe(3);
    const stuck: OfficeApi = { isSetSupported: () => true, run: async () => { throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' }); } };
    await expect(runWhenEditable(stuck, async () => 'x', 3, 1)).rejects.toThrow('bấm Enter hoặc Esc');
  });
});
