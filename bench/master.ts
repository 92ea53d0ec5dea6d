// Benchmark: building the master workbook for N agencies (seed plan; every task row filled with 200-character
// texts). `setup N DIR` writes a store of N agencies' reports (and a directory that holds them); `build N DIR` builds
// the master from it as the service does — MasterService sends the job to its worker thread, which reads the plan and
// reports from the store — in a process that does nothing else, so wall time and peak memory are the build's (the
// first build of a fresh worker: it includes starting the thread and parsing the plan); `exceljs N DIR` writes the same
// cells with ExcelJS's streaming writer, without styles (the baseline); `incremental N DIR` runs the service's master
// worker: a full build, then one agency submits at a time and the time until the master on disk holds it is measured.
// `npm run bench` runs this file compiled by esbuild, as the service runs (dist/), so no TypeScript loader is measured.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { Directory, type DirectoryInput } from '../shared/directory/agency.ts';
import { MasterService } from '../server/master/master-service.ts';
import { DEFAULT_CONFIG } from '../server/config.ts';
import { SEED_PLAN } from '../server/paths.ts';
import { MeasureTotals } from '../shared/master/aggregate.ts';
import {
  ASSESSMENT_HEADERS,
  PROPOSAL_HEADERS,
  STATUS_HEADERS,
  TARGET_HEADERS,
  TASK_HEADERS,
  assessmentRow,
  citywideRow,
  measureRows,
  proposalRows,
  statusRow,
  taskRows,
} from '../shared/master/master-rows.ts';
import { join } from 'node:path';
import type { Assignment, Plan } from '../shared/domain/plan.ts';
import { periodFromId, type Period } from '../shared/domain/period.ts';
import type { Report } from '../shared/domain/report.ts';
import { textToBlocks } from '../shared/plan/document.ts';
import { parsePlan } from '../shared/plan/plan-parser.ts';
import { assignmentsByAgency, buildTemplateModel } from '../shared/workbook/template-model.ts';
import { type MasterAgency } from '../server/master/write-master.ts';
import { storeMasterSource } from '../server/master/master-source.ts';
import { planContext, storedReporters } from '../server/plan/plan-context.ts';
import { Store } from '../server/store/store.ts';
import { VUNG_TAU_2023 } from '../shared/directory/vung-tau-2023.ts';
import { emit, median, round } from './stats.ts';

const [mode, countArg, dir] = process.argv.slice(2);
const count = Number(countArg);
const key = 'bench/2026-Y';
mkdirSync(dir!, { recursive: true });
const storePath = join(dir!, `master-${count}.sqlite`);

/** The seed plan and its N agencies: computed only by the modes that need them (not by `build`, whose memory is measured). */
function benchData(): { plan: Plan; directory: DirectoryInput; agencies: MasterAgency[]; period: Period } {
  const base = parsePlan(textToBlocks(readFileSync(SEED_PLAN, 'utf8'))).plan;
  const real = planContext('bench', 'published', base, 'bench', VUNG_TAU_2023).reporters;
  const period = periodFromId('2026-Y', base.reporting);
  if (!period.ok) throw new Error(period.reason);
  return { ...syntheticPlan(base, real, count), period: period.period };
}

/**
 * N agencies: the 35 real ones, then copies of them ("Đơn vị thử nghiệm 36"…) with the same groups and assignments,
 * in a directory of their own (stored with the plan, so the service's master worker finds them as it would any plan's).
 */
function syntheticPlan(
  base: Plan,
  real: MasterAgency[],
  n: number,
): { plan: Plan; directory: DirectoryInput; agencies: MasterAgency[] } {
  const byAgency = assignmentsByAgency(base);
  const copies: DirectoryInput['agencies'] = [];
  const assignments: Assignment[] = [];
  for (let i = 0; i < n; i++) {
    const model = real[i % real.length]!;
    const id = i < real.length ? model.id : `don-vi-${i + 1}`;
    const name = i < real.length ? model.name : `Đơn vị thử nghiệm ${i + 1}`;
    if (i >= real.length)
      copies.push({
        id,
        name,
        kind: VUNG_TAU_2023.agencies.find((a) => a.id === model.id)!.kind,
        groups: model.groups,
      });
    for (const a of byAgency.get(model.id) ?? []) assignments.push({ ...a, agencyId: id, agencyName: name });
  }
  const directory: DirectoryInput = {
    ...VUNG_TAU_2023,
    id: `bench-${n}`,
    agencies: [...VUNG_TAU_2023.agencies, ...copies],
  };
  const plan = { ...base, assignments };
  return { plan, directory, agencies: planContext('bench', 'published', plan, 'bench', directory).reporters };
}

const text = (label: string, i: number) =>
  `${label} ${i}: ${'Tổ chức triển khai, kiểm tra, đôn đốc thực hiện nhiệm vụ. '.repeat(4)}`.slice(0, 200);
const {
  plan,
  directory,
  agencies,
  period: thePeriod,
} = mode === 'build' || mode === 'exceljs' ? ({} as ReturnType<typeof benchData>) : benchData();

function reportOf(
  agency: MasterAgency,
  i: number,
  byAgency: ReturnType<typeof assignmentsByAgency>,
  label = 'Kết quả',
): Report {
  const model = buildTemplateModel(plan, agency, thePeriod, '2026-12-01T00:00:00Z', byAgency.get(agency.id) ?? []);
  return {
    templateVersion: 2,
    planKey: 'bench',
    periodId: thePeriod.id,
    agencyId: agency.id,
    tasks: model.tasks.map((t) => ({
      taskId: t.taskId,
      role: t.role,
      status: 'in-progress',
      progress: 60,
      results: text(label, i),
      outputs: text('Văn bản', i),
      difficulties: text('Khó khăn', i),
      proposals: text('Đề xuất', i),
    })),
    measures: model.measures.map((m) =>
      m.kind === 'ratio'
        ? { measureId: m.measureId, numerator: 7, denominator: 10, yes: null, note: '' }
        : { measureId: m.measureId, numerator: null, denominator: null, yes: i % 3 !== 0, note: '' },
    ),
    assessment: {
      results: text(label, i),
      shortcomings: text('Hạn chế', i),
      nextSteps: text('Phương hướng', i),
      proposals: text('Kiến nghị', i),
    },
  };
}

/** The service's MasterService on the bench store, with the builds it logs (time and file size). */
function masterService(store: Store, folder: string) {
  const builds: { ms: number; bytes: number }[] = [];
  const service = new MasterService(
    {
      storePath,
      clock: () => new Date(),
      log: (e) => {
        if (e.message === 'master built') builds.push({ ms: Number(e.ms), bytes: Number(e.bytes) });
      },
      submissionSeq: () => store.submissionSeq('bench', '2026-Y'),
    },
    join(dir!, folder),
    DEFAULT_CONFIG.masterDelayMs,
  );
  return { service, builds };
}

if (mode === 'setup') {
  const store = new Store(storePath);
  const at = new Date().toISOString();
  await store.saveDirectory(Directory.parse(directory), at);
  await store.insertPlan({
    id: 'bench',
    sourceName: 'seed.txt',
    sourceBytes: new Uint8Array(),
    sourceHash: '',
    directoryId: directory.id,
    read: plan,
    plan,
    planKey: 'bench',
    at,
  });
  await store.setPlanState('bench', 'published', at);
  await store.openPeriod('bench', thePeriod, at);
  const byAgency = assignmentsByAgency(plan);
  await store.transaction(async (tx) => {
    for (const [i, agency] of agencies.entries()) {
      await tx.submit({
        id: `s-${i}`,
        planId: 'bench',
        periodId: thePeriod.id,
        agencyId: agency.id,
        receivedAt: '2026-12-01T00:00:00Z',
        onTime: i % 5 !== 0,
        source: 'upload',
        contentHash: String(i),
        idempotencyKey: null,
        report: reportOf(agency, i, byAgency),
      });
    }
  });
  await store.close();
  process.stdout.write('{}\n');
} else if (mode === 'build') {
  const store = new Store(storePath);
  const { service, builds } = masterService(store, `build-${count}`);
  const started = performance.now();
  await service.build(key);
  const ms = performance.now() - started;
  service.stop();
  await service.idle();
  await store.close();
  emit({ mode, agencies: count, medianMs: round(ms, 0), fileMb: round(builds[0]!.bytes / 2 ** 20, 1) });
} else if (mode === 'exceljs') {
  // The baseline: the same cells through ExcelJS's streaming writer, no styles, each report read once, in this process.
  const { default: Excel } = await import('exceljs');
  const store = new Store(storePath);
  const out = join(dir!, `master-${count}-exceljs.xlsx`);
  const started = performance.now();
  // The plan and its agencies read from the store, as the service's build reads them.
  const { plan, reporters: agencies } = (await storedReporters(store, 'bench'))!;
  const thePeriod = (await store.period('bench', '2026-Y'))!;
  const source = await storeMasterSource(store, {
    planId: 'bench',
    plan,
    period: thePeriod,
    agencies,
    now: new Date(),
  });
  const book = new Excel.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const sheet = (name: string, headers: string[]) => {
    const ws = book.addWorksheet(name);
    ws.addRow(headers).commit();
    return ws;
  };
  const overview = sheet('Tổng quan', ['Mã', 'Chỉ tiêu', 'Giá trị toàn thành phố (%)']);
  const [status, tasks, targets, assessment, proposals] = (
    [
      ['Tình hình nộp', STATUS_HEADERS],
      ['Nhiệm vụ', TASK_HEADERS],
      ['Chỉ tiêu', TARGET_HEADERS],
      ['Đánh giá chung', ASSESSMENT_HEADERS],
      ['Đề xuất, kiến nghị', PROPOSAL_HEADERS],
    ] as const
  ).map(([name, headers]) => sheet(name, headers));
  const byAgency = assignmentsByAgency(plan);
  const totals = new MeasureTotals(plan.targets.flatMap((t) => t.measures));
  const measures: { agency: MasterAgency; model: ReturnType<typeof buildTemplateModel>; report: Report | null }[] = [];
  for (const a of agencies) {
    const s = source.submission(a.id);
    const report = s ? await source.report(a.id) : null;
    const model = buildTemplateModel(plan, a, thePeriod, '2026-12-01T00:00:00Z', byAgency.get(a.id) ?? []);
    if (report) totals.add(report);
    measures.push({ agency: a, model, report: report && ({ measures: report.measures } as Report) });
    status!.addRow(statusRow(a, s)).commit();
    for (const row of taskRows(a, model, report)) tasks!.addRow(row).commit();
    assessment!.addRow(assessmentRow(a, report)).commit();
    for (const row of proposalRows(a, report, plan)) proposals!.addRow(row).commit();
  }
  const aggregates = totals.result();
  for (const x of aggregates) {
    targets!.addRow(citywideRow(x)).commit();
    overview.addRow([x.measure.id, x.measure.label, x.citywide]).commit();
  }
  for (const m of measures) for (const row of measureRows(m.agency, m.model, m.report)) targets!.addRow(row).commit();
  await book.commit();
  const ms = performance.now() - started;
  await store.close();
  emit({ mode, agencies: count, medianMs: round(ms, 0), fileMb: round(statSync(out).size / 2 ** 20, 1) });
} else if (mode === 'incremental') {
  // The service's own path: MasterService and its long-lived worker, the master written to disk and renamed.
  const store = new Store(storePath);
  const { service, builds } = masterService(store, `service-${count}`);
  let started = performance.now();
  await service.build(key);
  const fullMs = performance.now() - started;
  const byAgency = assignmentsByAgency(plan);
  const visible: number[] = [];
  for (let k = 0; k < 7; k++) {
    const i = (k * 2377 + 11) % count;
    const agency = agencies[i]!;
    const version = (await store.latestSubmission('bench', thePeriod.id, agency.id))!.version + 1;
    started = performance.now();
    await store.submit({
      id: `bench-${Date.now()}-${k}`,
      planId: 'bench',
      periodId: thePeriod.id,
      agencyId: agency.id,
      receivedAt: new Date().toISOString(),
      onTime: true,
      source: 'upload',
      contentHash: `again-${Date.now()}-${k}`,
      idempotencyKey: null,
      report: reportOf(agency, i, byAgency, `Bổ sung ${version}`),
    });
    service.schedule(key);
    await service.settled();
    visible.push(performance.now() - started);
    if (service.builtSeq(key) !== (await store.submissionSeq('bench', thePeriod.id)))
      throw new Error('the master does not hold the submission');
  }
  service.stop();
  await service.idle();
  await store.close();
  emit({
    mode,
    agencies: count,
    medianMs: round(median(visible), 0),
    maxMs: round(Math.max(...visible), 0),
    buildMs: round(median(builds.slice(1).map((b) => b.ms)), 0),
    fullMs: round(fullMs, 0),
    delayMs: DEFAULT_CONFIG.masterDelayMs,
  });
} else {
  throw new Error('mode: setup | build | exceljs | incremental');
}
