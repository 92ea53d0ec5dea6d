// Benchmark: submissions per second and latency at 50 concurrent clients on loopback, store on disk.
// The service runs as a real `plan-reporting serve` child process; autocannon is the load generator.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { periodFromId } from '../shared/domain/period.ts';
import { indexDirectory } from '../shared/directory/directory.ts';
import { VUNG_TAU_2023 } from '../shared/directory/vung-tau-2023.ts';
import { textToBlocks } from '../shared/plan/document.ts';
import { parsePlan } from '../shared/plan/plan-parser.ts';
import { ASSESSMENT_SHEET, TARGETS_SHEET, TASKS_SHEET, columnIndex } from '../shared/workbook/spec.ts';
import { buildTemplateGrid } from '../shared/workbook/template-grid.ts';
import { buildTemplateModel, reportingAgencies } from '../shared/workbook/template-model.ts';
import { emit, processMib, round } from './stats.ts';
import { startService } from './service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'bench-serve-'));
// BENCH_NODE_ARGS (e.g. --cpu-prof) profile the service under this load.
const { child, url } = await startService(dataDir, process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean));
const codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8')) as {
  agencies: Record<string, string>;
};

const { plan } = parsePlan(
  textToBlocks(readFileSync(new URL('../server/seed/ke-hoach-nq28-vung-tau-2023.txt', import.meta.url), 'utf8')),
);
const index = indexDirectory(VUNG_TAU_2023);
const period = periodFromId(new Date().getUTCFullYear() + '-Y', plan.reporting);
if (!period.ok) throw new Error(period.reason);
const agencies = reportingAgencies(plan).map((a) => a.id);
const templates = new Map(
  agencies.map((id) => {
    const model = buildTemplateModel(plan, index.byId(id)!, period.period, new Date().toISOString());
    const grid = buildTemplateGrid(model);
    model.tasks.forEach((_, i) => {
      const row = grid[TASKS_SHEET.name]![TASKS_SHEET.headerRow + i]!;
      row[columnIndex(TASKS_SHEET, 'status')] = 'Đang thực hiện';
      row[columnIndex(TASKS_SHEET, 'progress')] = 60;
      row[columnIndex(TASKS_SHEET, 'results')] = 'Kết quả thực hiện nhiệm vụ trong kỳ. '.repeat(4);
    });
    model.measures.forEach((m, i) => {
      const row = grid[TARGETS_SHEET.name]![TARGETS_SHEET.headerRow + i]!;
      if (m.kind === 'ratio') {
        row[columnIndex(TARGETS_SHEET, 'numerator')] = 7;
        row[columnIndex(TARGETS_SHEET, 'denominator')] = 10;
      } else row[columnIndex(TARGETS_SHEET, 'yes')] = 'Có';
    });
    grid[ASSESSMENT_SHEET.name]![ASSESSMENT_SHEET.headerRow]![1] = 'Đánh giá chung.';
    return [id, grid];
  }),
);

let n = 0;
const load = (base: string) =>
  autocannon({
    url: `${base}/api/v1/plans/kh-2023/periods/${period.period.id}/reports`,
    connections: 50,
    duration: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const agency = agencies[n % agencies.length]!;
          const grid = templates.get(agency)!;
          // Every request a new version: distinct content per agency.
          grid[ASSESSMENT_SHEET.name]![ASSESSMENT_SHEET.headerRow]![1] = `Đánh giá chung lần ${n++}.`;
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${codes.agencies[agency]}` },
            body: JSON.stringify({ grid, source: 'excel-addin' }),
          };
        },
      },
    ],
  });
const result = await load(url);
// The service's own peak memory, read before it stops.
const serverPeakMb = processMib(child.pid!, 'VmHWM');
child.kill('SIGTERM');
const accepted = result['2xx'];

// The baseline, in the same run: the bare Express + SQLite server under the same load and bodies.
const bare = spawn(process.execPath, ['bench/bare-server.mjs'], {
  env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const bareUrl = await new Promise<string>((resolve) => {
  let out = '';
  bare.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /running at (http:\/\/[\d.]+:\d+)\//.exec(out);
    if (m) resolve(m[1]!);
  });
});
const baseline = await load(bareUrl);
bare.kill('SIGTERM');
const basePerSecond = round(baseline['2xx'] / baseline.duration, 0);
const logged = readFileSync(join(dataDir, 'serve.log'), 'utf8')
  .split('\n')
  .filter((l) => l.includes('"path":"/api/v1/plans/kh-2023/periods/')).length;
emit({
  mode: 'submit',
  logged,
  connections: 50,
  durationS: result.duration,
  accepted,
  non2xx: result.non2xx,
  errors: result.errors,
  perSecond: round(accepted / result.duration, 0),
  serverPeakMb,
  basePerSecond,
  baseP99Ms: baseline.latency.p99,
  ratio: round(accepted / result.duration / Math.max(1, basePerSecond), 2),
  medianMs: result.latency.p50,
  p99Ms: result.latency.p99,
  bodyBytes: JSON.stringify({ grid: templates.get('phong-noi-vu') }).length,
});
