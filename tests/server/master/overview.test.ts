// The master's first sheet, "Tổng quan", and its native charts, through the real service: three reports of the seed
// plan submitted, the master downloaded, then read by the OOXML check, openpyxl and LibreOffice.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/workbook/grid.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { COLORS } from '../../../shared/master/charts.ts';
import { chartsXlsx, dumpXlsx, inspectXlsx, type ChartRead, type Dump } from '../../helpers/openpyxl.ts';
import { convertWithLibreOffice } from '../../helpers/libreoffice.ts';
import { ooxmlCheck } from '../../helpers/ooxml.ts';
import { bodyFontSize, fills, pdfPages } from '../../helpers/pdf.ts';
import { reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';

let s: TestServer;
let masterPath: string;
let master: Dump;
let charts: Record<string, ChartRead[]>;
const dir = mkdtempSync(join(tmpdir(), 'overview-'));

/** A filled report whose first task is done and second not started (the rest in progress). */
function report(agency: string): Grid {
  const model = seedModel(agency, '2026-Y');
  const grid = filledGrid(model);
  setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 1, 'status', 'Đã hoàn thành');
  setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 1, 'progress', 100);
  setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 2, 'status', 'Chưa triển khai');
  setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 2, 'progress', 0);
  return grid;
}
const submit = (agency: string) =>
  s.api('/plans/kh-2023/periods/2026-Y/reports', { code: s.codes.agencies[agency], ...reportBody(report(agency)) });
const rows = (sheet: string) => master[sheet]!.rows.map((r) => r.map(([v]) => v));
/** The overview's rows from the one whose first cell is `heading` to the next blank row. */
function table(heading: string): (string | number | null)[][] {
  const all = rows('Tổng quan');
  const start = all.findIndex((r) => r[0] === heading);
  const end = all.findIndex((r, i) => i > start && r.every((v) => v === null));
  return all.slice(start + 1, end < 0 ? undefined : end);
}
/** The values of cells named by a reference such as 'Tổng quan'!$C$12:$C$14. */
function cells(ref: string): (string | number | null)[] {
  const m = /^'(.+)'!\$([A-Z])\$(\d+)(?::\$[A-Z]\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a range: ${ref}`);
  const column = m[2]!.charCodeAt(0) - 65;
  const from = Number(m[3]);
  const to = Number(m[4] ?? m[3]);
  return master[m[1]!]!.rows.slice(from - 1, to).map((r) => r[column]?.[0] ?? null);
}

beforeAll(async () => {
  s = await startServer({ now: '2026-12-10T03:00:00Z', config: { masterDelayMs: 200 } });
  expect((await submit('phong-noi-vu')).status).toBe(201);
  expect((await submit('phuong-1')).status).toBe(201);
  s.setNow('2026-12-15T01:00:00Z');
  expect((await submit('phuong-2')).status).toBe(201);
  await s.ctx.master.settled();
  const res = await s.api('/plans/kh-2023/periods/2026-Y/master.xlsx', { code: s.codes.admin });
  expect(res.status).toBe(200);
  masterPath = join(dir, 'master.xlsx');
  writeFileSync(masterPath, new Uint8Array(await res.arrayBuffer()));
  master = dumpXlsx(masterPath);
  charts = chartsXlsx(masterPath);
});
afterAll(async () => {
  await s.close();
});

describe('the overview sheet', () => {
  it('comes first, printed on one A4 landscape page, with no frozen pane or filter over its several tables', () => {
    expect(Object.keys(master)[0]).toBe('Tổng quan');
    const detail = inspectXlsx(masterPath).detail['Tổng quan']!;
    expect(detail).toMatchObject({ orientation: 'landscape', paper: 9, freeze: null });
    expect(master['Tổng quan']!.autoFilter).toBeNull();
    // The other sheets keep theirs.
    expect(master['Tình hình nộp']).toMatchObject({ freeze: 'A3', autoFilter: 'A2:H2' });
  });

  it('shows who reported: on time, late, returned and missing, by group and overall', () => {
    const picture = table('1. TÌNH HÌNH NỘP BÁO CÁO');
    expect(picture[0]).toEqual([
      'Nhóm cơ quan, đơn vị',
      'Phải báo cáo',
      'Đúng hạn',
      'Trễ hạn',
      'Trả lại',
      'Chưa nộp',
      'Tỷ lệ đã nộp (%)',
      'Cùng kỳ trước (%)',
      'Thay đổi (điểm %)',
    ]);
    const byName = new Map(picture.slice(1).map((r) => [r[0], r]));
    expect(byName.get('Các cơ quan chuyên môn')!.slice(2, 6)).toEqual([
      1,
      0,
      0,
      (byName.get('Các cơ quan chuyên môn')![1] as number) - 1,
    ]);
    expect(byName.get('UBND các phường, xã')!.slice(2, 5)).toEqual([1, 1, 0]);
    expect(byName.get('Toàn thành phố')!.slice(0, 7)).toEqual(['Toàn thành phố', 35, 2, 1, 0, 32, 8.6]);
    // The groups add up to the city.
    const groups = picture.slice(1, -1);
    expect(groups.reduce((n, r) => n + (r[1] as number), 0)).toBe(35);
  });

  it('sets each target against its threshold with Đạt / Chưa đạt', () => {
    const targets = table('2. CHỈ TIÊU');
    expect(targets[0]!.slice(0, 6)).toEqual([
      'Chỉ tiêu',
      'Mức phấn đấu',
      'Ngưỡng (%)',
      'Toàn thành phố (%)',
      'Số đơn vị có số liệu',
      'Đánh giá',
    ]);
    const mt22 = targets.find((r) => String(r[0]).startsWith('MT2.2. '))!;
    expect(mt22.slice(1, 3)).toEqual(['≥ 25%', 25]);
    expect(['Đạt', 'Chưa đạt']).toContain(mt22[5]);
    expect(master['Tổng quan']!.conditional).toHaveLength(1);
  });

  it("shows each task's leads by state", () => {
    const tasks = table('3. NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ');
    expect(tasks[0]!.slice(0, 6)).toEqual([
      'Nhiệm vụ',
      'Số đơn vị chủ trì',
      'Đã hoàn thành',
      'Đang thực hiện',
      'Chưa triển khai',
      'Chưa báo cáo',
    ]);
    for (const r of tasks.slice(1))
      expect((r[2] as number) + (r[3] as number) + (r[4] as number) + (r[5] as number)).toBe(r[1]);
    // Three agencies reported: across all tasks, their leads are counted as done, in progress or not started.
    const reported = tasks.slice(1).reduce((n, r) => n + (r[2] as number) + (r[3] as number) + (r[4] as number), 0);
    expect(reported).toBeGreaterThan(0);
    expect(tasks.slice(1).some((r) => (r[2] as number) > 0)).toBe(true);
    expect(tasks.slice(1).some((r) => (r[4] as number) > 0)).toBe(true);
  });

  it('lists what needs attention: the agencies overdue once the period is due', () => {
    const attention = table('4. CẦN QUAN TÂM');
    const overdue = attention.find((r) => r[0] === 'Quá hạn chưa nộp')!;
    expect(overdue[1]).toMatch(/^32 cơ quan, đơn vị: Văn phòng HĐND và UBND, .* và (29|30) đơn vị khác$/);
  });

  it('has no formula: every text is written as text', () => {
    expect(master['Tổng quan']!.rows.flat().filter(([, type]) => type === 'f')).toEqual([]);
  });
});

describe('the overview charts', () => {
  it('are three native charts, read back by openpyxl, each series referring to the overview cells', () => {
    const found = charts['Tổng quan']!;
    expect(found.map((c) => [c.kind, c.barDir, c.grouping])).toEqual([
      ['barChart', 'bar', 'stacked'],
      ['barChart', 'bar', 'clustered'],
      ['barChart', 'bar', 'stacked'],
    ]);
    expect(found.map((c) => c.title)).toEqual([
      'Tình hình nộp báo cáo theo nhóm / Reporting status by group',
      'Chỉ tiêu: giá trị toàn thành phố so với ngưỡng / Targets: citywide value against threshold',
      'Tình trạng nhiệm vụ theo cơ quan chủ trì / Task states across lead agencies',
    ]);
    for (const c of found)
      for (const series of c.series) {
        for (const ref of [series.name, series.categories, series.values])
          expect(ref).toMatch(/^'Tổng quan'!\$[A-Z]\$\d+/);
      }
    expect(found[0]!.series.map((x) => cells(x.name!)[0])).toEqual(['Đúng hạn', 'Trễ hạn', 'Trả lại', 'Chưa nộp']);
    expect(found[1]!.series.map((x) => cells(x.name!)[0])).toEqual(['Toàn thành phố (%)', 'Ngưỡng (%)']);
    expect(cells(found[0]!.series[0]!.categories!)).toEqual([
      'Các cơ quan chuyên môn',
      'UBND các phường, xã',
      'Các cơ quan, đơn vị khác',
    ]);
  });

  it('hold the very numbers of the cells they name (cached values equal the cells)', () => {
    expect(charts['Tổng quan']!.flatMap((c) => c.series)).toHaveLength(4 + 2 + 4);
    for (const c of charts['Tổng quan']!)
      for (const series of c.series) {
        const values = cells(series.values!);
        const cached = Object.fromEntries(series.cached!.map(([i, v]) => [i, Number(v)]));
        values.forEach((v, i) => expect(cached[i] ?? null).toBe(typeof v === 'number' ? v : null));
      }
  });

  it('are valid against the ECMA-376 schemas, with every worksheet, the drawing and the charts', () => {
    // The parts are there to check (openpyxl found them above), and every one is valid.
    expect(charts['Tổng quan']).toHaveLength(3);
    expect(ooxmlCheck(masterPath)).toBe('');
  });

  it('are kept by LibreOffice when it re-saves the master', () => {
    const kept = chartsXlsx(convertWithLibreOffice(masterPath, 'xlsx'))['Tổng quan']!;
    expect(kept).toHaveLength(3);
    expect(kept[0]!.series[0]!.values).toMatch(/^'?Tổng quan'?!\$C\$\d+:\$C\$\d+$/);
  });

  it('are drawn by LibreOffice on the first page, an A4 landscape one', () => {
    const pages = pdfPages(readFileSync(convertWithLibreOffice(masterPath, 'pdf')));
    const first = pages[0]!;
    expect([Math.round(first.width), Math.round(first.height)]).toEqual([842, 595]);
    // The bars' own colours (the tables' fills are paler ones): every series of the three charts.
    for (const colour of [COLORS.green, COLORS.amber, COLORS.red, COLORS.blue, COLORS.grey])
      expect(fills(first.content, colour)).toBe(true);
    // The whole overview fits the page: the next page is the status sheet's, with no chart colour.
    expect(fills(pages[1]!.content, COLORS.blue)).toBe(false);
    // Fitted to one page, and still read at a glance.
    expect(bodyFontSize(first.content)).toBeGreaterThanOrEqual(6);
  });
});
