// Benchmark: building the master workbook for N agencies (seed plan; every task row filled with 200-character
// texts). `setup N DIR` writes a store of N agencies' reports; `build N DIR` builds the master from it, so the
// build's wall time and peak memory are its own process's.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Assignment, Plan } from '../shared/domain/plan.ts';
import { periodFromId } from '../shared/domain/period.ts';
import type { Report } from '../shared/domain/report.ts';
import { textToBlocks } from '../shared/plan/document.ts';
import { parsePlan } from '../shared/plan/plan-parser.ts';
import { assignmentsByAgency, buildTemplateModel } from '../shared/workbook/template-model.ts';
import { writeMaster, type MasterAgency } from '../server/master/write-master.ts';
import { storeMasterSource } from '../server/master/master-source.ts';
import { planContext } from '../server/service/plan-context.ts';
import { Store } from '../server/store/store.ts';
import { VUNG_TAU_2023 } from '../shared/directory/vung-tau-2023.ts';
import { emit, round } from './stats.ts';

const [mode, countArg, dir] = process.argv.slice(2);
const count = Number(countArg);
const seed = readFileSync(new URL('../server/seed/ke-hoach-nq28-vung-tau-2023.txt', import.meta.url), 'utf8');
const base = parsePlan(textToBlocks(seed)).plan;
const real = planContext('bench', 'published', base, 'bench', VUNG_TAU_2023).reporters;

/** N agencies: the 35 real ones, then copies of them ("Đơn vị thử nghiệm 36"…) with the same assignments. */
function syntheticPlan(n: number): { plan: Plan; agencies: MasterAgency[] } {
  const byAgency = assignmentsByAgency(base);
  const agencies: MasterAgency[] = [];
  const assignments: Assignment[] = [];
  for (let i = 0; i < n; i++) {
    const model = real[i % real.length]!;
    const id = i < real.length ? model.id : `don-vi-${i + 1}`;
    const name = i < real.length ? model.name : `Đơn vị thử nghiệm ${i + 1}`;
    agencies.push({ id, name, groups: model.groups, group: model.groups.join(', ') });
    for (const a of byAgency.get(model.id) ?? []) assignments.push({ ...a, agencyId: id, agencyName: name });
  }
  return { plan: { ...base, assignments }, agencies };
}

const text = (label: string, i: number) => `${label} ${i}: ${'Tổ chức triển khai, kiểm tra, đôn đốc thực hiện nhiệm vụ. '.repeat(4)}`.slice(0, 200);
const period = periodFromId('2026-Y', base.reporting);
if (!period.ok) throw new Error(period.reason);
const { plan, agencies } = syntheticPlan(count);
mkdirSync(dir!, { recursive: true });
const storePath = join(dir!, `master-${count}.sqlite`);

if (mode === 'setup') {
  const store = new Store(storePath);
  const at = new Date().toISOString();
  store.insertPlan({ id: 'bench', sourceName: 'seed.txt', sourceBytes: new Uint8Array(), sourceHash: '', directoryId: VUNG_TAU_2023.id, read: plan, plan, planKey: 'bench', at });
  store.setPlanState('bench', 'published', at);
  store.openPeriod('bench', period.period, at);
  const byAgency = assignmentsByAgency(plan);
  store.transaction(() => {
    agencies.forEach((agency, i) => {
      const model = buildTemplateModel(plan, agency, period.period, '2026-12-01T00:00:00Z', byAgency.get(agency.id) ?? []);
      const report: Report = {
        templateVersion: 2, planKey: 'bench', periodId: period.period.id, agencyId: agency.id,
        tasks: model.tasks.map((t) => ({ taskId: t.taskId, role: t.role, status: 'in-progress', progress: 60,
          results: text('Kết quả', i), outputs: text('Văn bản', i), difficulties: text('Khó khăn', i), proposals: text('Đề xuất', i) })),
        measures: model.measures.map((m) => (m.kind === 'ratio' ? { measureId: m.measureId, numerator: 7, denominator: 10, yes: null, note: '' }
          : { measureId: m.measureId, numerator: null, denominator: null, yes: i % 3 !== 0, note: '' })),
        assessment: { results: text('Kết quả', i), shortcomings: text('Hạn chế', i), nextSteps: text('Phương hướng', i), proposals: text('Kiến nghị', i) },
      };
      store.submit({ id: `s-${i}`, planId: 'bench', periodId: period.period.id, agencyId: agency.id, receivedAt: '2026-12-01T00:00:00Z', onTime: i % 5 !== 0,
        source: 'upload', contentHash: String(i), idempotencyKey: null, report });
    });
  });
  store.close();
  process.stdout.write('{}\n');
} else if (mode === 'build') {
  const store = new Store(storePath);
  const out = join(dir!, `master-${count}.xlsx`);
  const started = performance.now();
  await writeMaster(storeMasterSource(store, { planId: 'bench', plan, period: period.period, agencies, now: new Date() }), { filename: out });
  const ms = performance.now() - started;
  store.close();
  emit({ mode, agencies: count, medianMs: round(ms, 0), fileMb: round(statSync(out).size / 2 ** 20, 1) });
} else {
  throw new Error('mode: setup | build');
}
