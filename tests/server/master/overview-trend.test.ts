// The overview's trend through the real service: reports in 2025-Y, then in 2026-Y; the 2026-Y master sets each figure
// beside 2025-Y's with the change, and a period with no previous one of its kind leaves those cells empty.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/workbook/grid.ts';
import { TARGETS_SHEET, TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { dumpXlsx } from '../../helpers/openpyxl.ts';
import { jsonBody, reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';

let s: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'overview-trend-'));

/** A filled report with MT2.2 as given, its first task done or in progress. */
function report(agency: string, periodId: string, women: [number, number], done: boolean): Grid {
  const model = seedModel(agency, periodId);
  const grid = filledGrid(model);
  if (done) {
    setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 1, 'status', 'Đã hoàn thành');
    setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 1, 'progress', 100);
  }
  const row = TARGETS_SHEET.headerRow + 1 + model.measures.findIndex((m) => m.measureId === 'MT2.2');
  setCell(grid, TARGETS_SHEET, row, 'numerator', women[0]);
  setCell(grid, TARGETS_SHEET, row, 'denominator', women[1]);
  return grid;
}
const submit = (agency: string, periodId: string, grid: Grid) =>
  s.api(`/plans/kh-2023/periods/${periodId}/reports`, { code: s.codes.agencies[agency], ...reportBody(grid) });
async function overview(periodId: string) {
  await s.ctx.master.settled();
  const res = await s.api(`/plans/kh-2023/periods/${periodId}/master.xlsx`, { code: s.codes.admin });
  expect(res.status).toBe(200);
  const path = join(dir, `${periodId}.xlsx`);
  writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
  return dumpXlsx(path)['Tổng quan']!.rows.map((r) => r.map(([v]) => v));
}
const row = (rows: (string | number | null)[][], first: (v: string) => boolean) =>
  rows.find((r) => typeof r[0] === 'string' && first(r[0]))!;

beforeAll(async () => {
  s = await startServer({ now: '2025-12-10T03:00:00Z', config: { masterDelayMs: 100 } });
  expect((await submit('phong-noi-vu', '2025-Y', report('phong-noi-vu', '2025-Y', [1, 10], false))).status).toBe(201);
  s.setNow('2026-11-25T03:00:00Z');
  expect(
    (await s.api('/plans/kh-2023/periods', { code: s.codes.admin, ...jsonBody({ id: '2026-Y' }) })).status,
  ).toBeLessThan(300);
  s.setNow('2026-12-10T03:00:00Z');
  expect((await submit('phong-noi-vu', '2026-Y', report('phong-noi-vu', '2026-Y', [4, 10], true))).status).toBe(201);
  expect((await submit('phuong-1', '2026-Y', report('phuong-1', '2026-Y', [3, 10], true))).status).toBe(201);
});
afterAll(async () => {
  await s.close();
});

describe('the overview trend', () => {
  it('sets the reporting rate, each target and the tasks done beside the previous period of the same kind, with the change', async () => {
    const rows = await overview('2026-Y');
    expect(row(rows, (v) => v === 'Tạo lúc')[1]).toMatch(/so sánh với cùng kỳ trước \(2025-Y\)$/);
    // 2 of 35 now (5.7%), 1 of 35 then (2.9%).
    expect(row(rows, (v) => v === 'Toàn thành phố').slice(6, 9)).toEqual([5.7, 2.9, 2.8]);
    // MT2.2: 7 of 20 now, 1 of 10 then.
    expect(row(rows, (v) => v.startsWith('MT2.2. ')).slice(3, 8)).toEqual([35, 2, 'Đạt', 10, 25]);
    // The first task of Phòng Nội vụ's workbook: done by it now, in progress then.
    const first = seedModel('phong-noi-vu', '2026-Y').tasks[0]!.taskId;
    const task = row(rows, (v) => v.startsWith(`${first}. `));
    expect(task.slice(7, 9)).toEqual([0, task[2]]);
    expect(task[2]).toBeGreaterThanOrEqual(1);
  });

  it('leaves the trend empty when no earlier period of the kind was opened', async () => {
    const rows = await overview('2025-Y');
    expect(row(rows, (v) => v === 'Tạo lúc')[1]).toMatch(/cùng kỳ trước: chưa có số liệu$/);
    expect(row(rows, (v) => v === 'Toàn thành phố').slice(6)).toEqual([2.9, null, null]);
    expect(row(rows, (v) => v.startsWith('MT2.2. ')).slice(6)).toEqual([null, null, null]);
  });
});
