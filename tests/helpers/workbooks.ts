// Building agency workbooks (as grids or .xlsx) of the seed plan for tests.
import { periodFromId } from '../../shared/domain/period.ts';
import { indexDirectory } from '../../shared/directory/directory.ts';
import { VUNG_TAU_2023 } from '../../shared/directory/vung-tau-2023.ts';
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import { TASKS_SHEET, TARGETS_SHEET, ASSESSMENT_SHEET, columnIndex } from '../../shared/workbook/spec.ts';
import { buildTemplateGrid } from '../../shared/workbook/template-grid.ts';
import { buildTemplateModel, type TemplateModel } from '../../shared/workbook/template-model.ts';
import { parseSeed } from './plans.ts';
import { generateWorkbook } from '../../server/workbook/generate-workbook.ts';
import { readXlsx } from '../../server/workbook/xlsx-reader.ts';
import type { TestServer } from './server.ts';

export const SEED_PLAN = parseSeed().plan;
export const DIRECTORY = indexDirectory(VUNG_TAU_2023);
export const GENERATED_AT = '2023-05-02T01:00:00.000Z';

export function seedModel(agencyId: string, periodId = '2023-H1'): TemplateModel {
  const period = periodFromId(periodId, SEED_PLAN.reporting);
  if (!period.ok) throw new Error(period.reason);
  return buildTemplateModel(SEED_PLAN, DIRECTORY.byId(agencyId)!, period.period, GENERATED_AT);
}

export const cloneGrid = (grid: Grid): Grid =>
  Object.fromEntries(Object.entries(grid).map(([k, rows]) => [k, rows.map((r) => [...r])]));

/** Sets a cell of a grid by 1-based row and column key of the sheet spec. */
export function setCell(grid: Grid, sheet: typeof TASKS_SHEET, row: number, key: string, value: CellValue) {
  const rows = grid[sheet.name]!;
  const r = rows[row - 1] ?? (rows[row - 1] = []);
  const c = columnIndex(sheet, key);
  while (r.length <= c) r.push(null);
  r[c] = value;
}

/** A grid filled the way a careful agency would: every task in progress, every measure answered. */
export function filledGrid(model: TemplateModel): Grid {
  const grid = cloneGrid(buildTemplateGrid(model));
  model.tasks.forEach((t, i) => {
    const row = TASKS_SHEET.headerRow + 1 + i;
    setCell(grid, TASKS_SHEET, row, 'status', 'Đang thực hiện');
    setCell(grid, TASKS_SHEET, row, 'progress', 50 + i);
    setCell(grid, TASKS_SHEET, row, 'results', `Đã triển khai ${t.taskId}`);
  });
  model.measures.forEach((m, i) => {
    const row = TARGETS_SHEET.headerRow + 1 + i;
    if (m.kind === 'ratio') {
      setCell(grid, TARGETS_SHEET, row, 'numerator', 3 + i);
      setCell(grid, TARGETS_SHEET, row, 'denominator', 10 + i);
    } else {
      setCell(grid, TARGETS_SHEET, row, 'yes', i % 2 === 0 ? 'Có' : 'Không');
    }
  });
  setCell(grid, ASSESSMENT_SHEET, ASSESSMENT_SHEET.headerRow + 1, 'text', 'Hoàn thành cơ bản các nhiệm vụ.');
  return grid;
}

/** A generated workbook of the seed plan, filled (as filledGrid fills it) and saved by ExcelJS. */
export async function filledXlsx(agency: string, periodId = '2026-Y'): Promise<Uint8Array> {
  const model = seedModel(agency, periodId);
  const bytes = await generateWorkbook(model);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  for (const [name, rows] of Object.entries(filledGrid(model))) {
    const ws = wb.getWorksheet(name)!;
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && ws.getCell(r + 1, c + 1).value === null) ws.getCell(r + 1, c + 1).value = v;
      }),
    );
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The template the running service gives an agency, as a grid (read by the service's own reader). */
export async function serverTemplate(s: TestServer, agency: string, periodId = '2026-Y'): Promise<Grid> {
  const res = await s.api(`/plans/kh-2023/periods/${periodId}/template.xlsx`, { code: s.codes.agencies[agency]! });
  const read = readXlsx(new Uint8Array(await res.arrayBuffer()));
  if (!read.ok) throw new Error(read.error.code);
  return read.grid;
}

/** That template with its data sheets filled the way a careful agency fills them. */
export async function filledServerTemplate(s: TestServer, agency: string, periodId = '2026-Y'): Promise<Grid> {
  const filled = filledGrid(seedModel(agency, periodId));
  return {
    ...(await serverTemplate(s, agency, periodId)),
    ...Object.fromEntries([TASKS_SHEET, TARGETS_SHEET, ASSESSMENT_SHEET].map((d) => [d.name, filled[d.name]!])),
  };
}
