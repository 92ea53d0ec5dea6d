import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/workbook/grid.ts';
import { TARGETS_SHEET, TASKS_SHEET, ASSESSMENT_SHEET } from '../../../shared/workbook/spec.ts';
import { runCli } from '../../helpers/cli.ts';
import { dumpXlsx, type Dump } from '../../helpers/openpyxl.ts';
import { resaveWithLibreOffice } from '../../helpers/libreoffice.ts';
import { ooxmlCheck } from '../../helpers/ooxml.ts';
import { reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","bấm")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  '\tTab đầu dòng',
  '\rCR đầu dòng',
];

let s: TestServer;
let master: Dump;
let masterPath: string;
const dir = mkdtempSync(join(tmpdir(), 'master-'));

function report(agency: string, measures: Record<string, [number, number] | boolean>, text = 'Đã triển khai'): Grid {
  const model = seedModel(agency, '2026-Y');
  const grid = filledGrid(model);
  setCell(grid, TASKS_SHEET, 5, 'results', text);
  model.measures.forEach((m, i) => {
    const value = measures[m.measureId];
    const row = TARGETS_SHEET.headerRow + 1 + i;
    if (Array.isArray(value)) {
      setCell(grid, TARGETS_SHEET, row, 'numerator', value[0]);
      setCell(grid, TARGETS_SHEET, row, 'denominator', value[1]);
    } else if (typeof value === 'boolean') setCell(grid, TARGETS_SHEET, row, 'yes', value ? 'Có' : 'Không');
  });
  return grid;
}
const submit = (agency: string, grid: Grid) =>
  s.api('/plans/kh-2023/periods/2026-Y/reports', { code: s.codes.agencies[agency], ...reportBody(grid) });
const download = async (name: string) => {
  const res = await s.api('/plans/kh-2023/periods/2026-Y/master.xlsx', { code: s.codes.admin });
  expect(res.status).toBe(200);
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
  return path;
};
const rows = (sheet: string) => master[sheet]!.rows.map((r) => r.map(([v]) => v));

beforeAll(async () => {
  s = await startServer({ now: '2026-12-10T03:00:00Z', config: { masterDelayMs: 1500 } });
  const hostile = report('phong-tu-phap', { 'MT2.2': [0, 8], MT1: true }, HOSTILE[0]);
  setCell(hostile, TASKS_SHEET, 6, 'results', HOSTILE[1]!);
  setCell(hostile, TASKS_SHEET, 7, 'results', HOSTILE[2]!);
  setCell(hostile, TASKS_SHEET, 8, 'results', HOSTILE[3]!);
  setCell(hostile, TASKS_SHEET, 9, 'proposals', HOSTILE[4]!);
  setCell(hostile, ASSESSMENT_SHEET, 8, 'text', HOSTILE[5]!);
  for (const [agency, grid] of [
    ['phong-noi-vu', report('phong-noi-vu', { 'MT2.2': [1, 2], MT1: true })],
    ['phuong-1', report('phuong-1', { 'MT2.2': [2, 20], MT1: true, MT3: true })],
    ['phong-tu-phap', hostile],
  ] as const)
    expect((await submit(agency, grid)).status).toBe(201);
  s.setNow('2026-12-15T01:00:00Z');
  expect((await submit('phuong-2', report('phuong-2', { 'MT2.2': [9, 10], MT1: false, MT3: true }))).status).toBe(201);
  // The first build starts 1.5 s after the first of the four submissions and covers all of them.
  await s.ctx.master.settled();
  masterPath = await download('master.xlsx');
  master = dumpXlsx(masterPath);
});
afterAll(async () => {
  await s.close();
});

describe('the master workbook', () => {
  it('was rebuilt once for the burst of four submissions', () => {
    expect(s.ctx.master.builds.get('kh-2023/2026-Y')).toBe(1);
  });

  it('has its sheets in order, Vietnamese names, the overview first', () => {
    expect(Object.keys(master)).toEqual([
      'Tổng quan',
      'Tình hình nộp',
      'Nhiệm vụ',
      'Chỉ tiêu',
      'Đánh giá chung',
      'Đề xuất, kiến nghị',
    ]);
  });

  it('counts who should report, on time, late and missing', () => {
    const overview = rows('Tổng quan');
    // Expected, on time, late, returned, missing, and the share submitted.
    expect(overview.find((r) => r[0] === 'Toàn thành phố')!.slice(1, 7)).toEqual([35, 3, 1, 0, 31, 11.4]);
    expect(overview.find((r) => r[0] === 'Kỳ báo cáo')![1]).toMatch(/^Năm 2026 \(2026-Y\): /);
  });

  it('computes citywide values from sums, not from an average of ratios, with verdicts', () => {
    const overview = rows('Tổng quan');
    const measure = (id: string) => overview.find((r) => typeof r[0] === 'string' && r[0].startsWith(`${id}. `))!;
    // 1+2+9+0 of 2+20+10+8 = 12/40 = 30% (an average of the ratios would say 37.5%).
    expect(measure('MT2.2').slice(0, 6)).toEqual(['MT2.2. tỷ lệ cán bộ nữ', '≥ 25%', 25, 30, 4, 'Đạt']);
    // Có from 3 of 4 units: 75% against 100%.
    expect(measure('MT1').slice(3, 6)).toEqual([75, 4, 'Chưa đạt']);
    // Wards only: both answered Có.
    expect(measure('MT3').slice(3, 6)).toEqual([100, 2, 'Đạt']);
    // The filled rows give MT8 11/18 to each department and 12/19 to each ward: 46 of 74.
    expect(measure('MT8').slice(3, 6)).toEqual([62.2, 4, 'Chưa đạt']);
    const citywide = rows('Chỉ tiêu').find((r) => r[0] === 'MT2.2' && r[3] === 'TOÀN THÀNH PHỐ')!;
    expect(citywide.slice(4, 9)).toEqual([12, 40, null, 30, 'Đạt']);
  });

  it('lists every agency in directory order with its submission status', () => {
    const status = rows('Tình hình nộp');
    const header = status.findIndex((r) => r[0] === 'Cơ quan, đơn vị');
    const agencies = status.slice(header + 1);
    expect(agencies).toHaveLength(35);
    expect(agencies[0]![0]).toBe('Văn phòng HĐND và UBND');
    expect(agencies.find((r) => r[0] === 'Phường 2')).toEqual([
      'Phường 2',
      'UBND các phường, xã',
      'Đã nộp',
      1,
      '15/12/2026 08:00',
      'Trễ hạn',
      'Excel (thanh bên)',
      'Chờ xem xét',
    ]);
    expect(agencies.find((r) => r[0] === 'Phòng Nội vụ')!.slice(2, 6)).toEqual([
      'Đã nộp',
      1,
      '10/12/2026 10:00',
      'Đúng hạn',
    ]);
    expect(agencies.find((r) => r[0] === 'Phường 3')!.slice(2)).toEqual(['Chưa nộp', null, null, null, null, null]);
  });

  it('has one task row per task and agency, missing agencies marked', () => {
    const tasks = rows('Nhiệm vụ');
    expect(tasks.filter((r) => r[2] === 'Phòng Nội vụ')).toHaveLength(14);
    expect(tasks.find((r) => r[2] === 'Phường 1' && r[0] === 'NV9')!.slice(3, 7)).toEqual([
      'Chủ trì',
      'Đang thực hiện',
      50,
      'Đã triển khai',
    ]);
    expect(tasks.find((r) => r[2] === 'Phường 3' && r[0] === 'NV9')![4]).toBe('(Chưa nộp)');
  });

  it('writes formula-like agency text as text, and holds no formula at all', () => {
    const cells = Object.values(master).flatMap((sheet) => sheet.rows.flat());
    expect(cells.filter(([, type]) => type === 'f')).toEqual([]);
    // The reader trims cells, so a leading tab or carriage return is gone before the master is written.
    for (const text of HOSTILE) expect(cells).toContainEqual([text.trim(), 's']);
    const proposals = rows('Đề xuất, kiến nghị');
    expect(proposals.find((r) => r[2] === HOSTILE[4]!.trim())![0]).toBe('Phòng Tư pháp');
    expect(proposals.find((r) => r[2] === HOSTILE[5]!.trim())!.slice(0, 2)).toEqual([
      'Phòng Tư pháp',
      'Đánh giá chung',
    ]);
  });

  it('reads as people expect: frozen headers, autofilter, landscape, fills for late, missing and Chưa đạt', () => {
    expect(master['Tình hình nộp']).toMatchObject({ freeze: 'A3', autoFilter: 'A2:H2', orientation: 'landscape' });
    expect(master['Tình hình nộp']!.conditional).toEqual(['C3:C37', 'F3:F37']);
    expect(master['Tổng quan']!.conditional).toHaveLength(1);
    // Title and header bold, data rows plain; long texts wrapped.
    expect(master['Tình hình nộp']!.boldRows).toEqual([1, 2]);
    expect(master['Nhiệm vụ']!.wrapped).toEqual(['B3']);
  });

  it('is valid against the ECMA-376 schemas: every worksheet, the drawing and its charts', () => {
    expect(ooxmlCheck(masterPath)).toBe('');
  });

  it('rebuilds on demand', async () => {
    const before = s.ctx.master.builds.get('kh-2023/2026-Y')!;
    const res = await s.api('/plans/kh-2023/periods/2026-Y/master', { method: 'POST', code: s.codes.admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ planId: 'kh-2023', periodId: '2026-Y', builtAt: '2026-12-15T01:00:00.000Z' });
    expect(s.ctx.master.builds.get('kh-2023/2026-Y')).toBe(before + 1);
    expect((await s.api('/plans/kh-2023/periods/2031-Y/master.xlsx', { code: s.codes.admin })).status).toBe(404);
    expect(
      (await s.api('/plans/kh-2023/periods/2026-Y/master.xlsx', { code: s.codes.agencies['phuong-1'] })).status,
    ).toBe(403);
  });

  it('opens in LibreOffice (a third reader) with the same sheets and figures', () => {
    const resaved = dumpXlsx(resaveWithLibreOffice(masterPath));
    expect(Object.keys(resaved)).toEqual(Object.keys(master));
    const figures = (d: Dump, sheet: string) =>
      d[sheet]!.rows.map((r) => r.map(([v]) => v)).filter((r) => typeof r[0] === 'string' && /^MT/.test(r[0]));
    expect(figures(resaved, 'Tổng quan')).toEqual(figures(master, 'Tổng quan'));
    expect(resaved['Nhiệm vụ']!.rows.length).toBe(master['Nhiệm vụ']!.rows.length);
    // Headless LibreOffice keeps no view settings (frozen panes), whatever wrote the file; the filter it keeps.
    expect(resaved['Tình hình nộp']).toMatchObject({ autoFilter: 'A2:H2' });
  });

  it('builds in one long-lived worker thread, started again only if it dies', async () => {
    expect(s.ctx.master.workerStarts).toBe(1);
    await s.ctx.master.build('kh-2023/2026-Y');
    expect(s.ctx.master.workerStarts).toBe(1);
    await s.ctx.master.killWorker();
    await s.ctx.master.build('kh-2023/2026-Y');
    expect(s.ctx.master.workerStarts).toBe(2);
  });

  it('follows the latest version after a resubmission', async () => {
    expect(
      await submit('phuong-1', report('phuong-1', { 'MT2.2': [10, 20], MT1: true, MT3: true }, 'Bổ sung')),
    ).toMatchObject({ status: 201 });
    const again = dumpXlsx(await download('master-2.xlsx'));
    const overview = again['Tổng quan']!.rows.map((r) => r.map(([v]) => v));
    // 1+10+9+0 of 2+20+10+8 = 20/40
    expect(overview.find((r) => r[0] === 'MT2.2. tỷ lệ cán bộ nữ')![3]).toBe(50);
  });
});

describe('plan-reporting master', () => {
  it('writes the master from the store', async () => {
    const out = join(dir, 'cli-master.xlsx');
    const { code, stdout } = await runCli(['master', '--period', '2026-Y', '-o', out], { DATA_DIR: s.dataDir });
    expect(code).toBe(0);
    expect(stdout).toBe(`${out}\n`);
    expect(Object.keys(dumpXlsx(out))).toHaveLength(6);
    expect(await runCli(['master', '--period', '2031-Y', '-o', out], { DATA_DIR: s.dataDir })).toMatchObject({
      code: 2,
    });
    expect(await runCli(['master', '--period', '2026-Y', '-o', out], { DATA_DIR: join(dir, 'nothing') })).toMatchObject(
      { code: 2 },
    );
  });
});
