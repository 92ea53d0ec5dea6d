// Benchmark: generating every agency's workbook for the seed plan, and reading 1,000 filled workbooks.
// Run by bench/run.ts in a child process per mode, so each mode's peak memory is its own.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { periodFromId } from '../shared/domain/period.ts';
import { indexDirectory } from '../shared/directory/directory.ts';
import { VUNG_TAU_2023 } from '../shared/directory/vung-tau-2023.ts';
import { textToBlocks } from '../shared/plan/document.ts';
import { parsePlan } from '../shared/plan/plan-parser.ts';
import { readReport } from '../shared/workbook/grid-reader.ts';
import { buildTemplateModel, reportingAgencies, type TemplateModel } from '../shared/workbook/template-model.ts';
import { TASKS_SHEET, TARGETS_SHEET } from '../shared/workbook/spec.ts';
import { generateWorkbook } from '../server/workbook/generate-workbook.ts';
import { readXlsx } from '../server/workbook/xlsx-reader.ts';
import { emit, median, percentile, round } from './stats.ts';

const seed = readFileSync(new URL('../server/seed/ke-hoach-nq28-vung-tau-2023.txt', import.meta.url), 'utf8');
const { plan } = parsePlan(textToBlocks(seed));
const index = indexDirectory(VUNG_TAU_2023);
const period = periodFromId('2023-H1', plan.reporting);
if (!period.ok) throw new Error(period.reason);
const models = reportingAgencies(plan).map((a) =>
  buildTemplateModel(plan, index.byId(a.id)!, period.period, '2023-05-02T01:00:00.000Z'),
);

async function fill(model: TemplateModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await generateWorkbook(model)) as unknown as ArrayBuffer);
  const tasks = wb.getWorksheet(TASKS_SHEET.name)!;
  model.tasks.forEach((_, i) => {
    const row = tasks.getRow(TASKS_SHEET.headerRow + 1 + i);
    row.getCell(5).value = 'Đang thực hiện';
    row.getCell(6).value = 60;
    row.getCell(7).value = 'Kết quả thực hiện '.repeat(10);
  });
  const targets = wb.getWorksheet(TARGETS_SHEET.name)!;
  model.measures.forEach((m, i) => {
    const row = targets.getRow(TARGETS_SHEET.headerRow + 1 + i);
    if (m.kind === 'ratio') {
      row.getCell(5).value = 7;
      row.getCell(6).value = 10;
    } else row.getCell(7).value = 'Có';
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const mode = process.argv[2];
if (mode === 'generate') {
  const rounds = 5;
  for (const model of models.slice(0, 3)) await generateWorkbook(model); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const model of models) {
      const t = performance.now();
      await generateWorkbook(model);
      samples.push(performance.now() - t);
    }
  }
  emit({
    mode,
    agencies: models.length,
    workbooks: samples.length,
    medianMs: round(median(samples)),
    p95Ms: round(percentile(samples, 95)),
    perRoundMs: round(samples.reduce((a, b) => a + b, 0) / rounds),
  });
} else if (mode === 'read') {
  const filled = await Promise.all(models.map(fill));
  const count = 1000;
  for (let i = 0; i < 20; i++) readXlsx(filled[i % filled.length]!); // warm-up
  const samples: number[] = [];
  let valid = 0;
  for (let i = 0; i < count; i++) {
    const bytes = filled[i % filled.length]!;
    const t = performance.now();
    const read = readXlsx(bytes);
    const report = read.ok ? readReport(read.grid, { expected: { periodId: '2023-H1' } }) : null;
    samples.push(performance.now() - t);
    if (report?.ok) valid += 1;
  }
  // Baseline in the same run: only unzipping the same files (fflate, every entry), the least any reader does.
  const unzipOnly: number[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = filled[i % filled.length]!;
    const t = performance.now();
    unzipSync(bytes);
    unzipOnly.push(performance.now() - t);
  }
  emit({
    mode,
    workbooks: count,
    distinctFiles: filled.length,
    valid,
    medianMs: round(median(samples)),
    p95Ms: round(percentile(samples, 95)),
    totalMs: round(samples.reduce((a, b) => a + b, 0)),
    unzipOnlyMs: round(median(unzipOnly)),
  });
} else {
  throw new Error('mode: generate | read');
}
