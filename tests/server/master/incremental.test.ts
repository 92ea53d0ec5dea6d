// An incremental master build (blocks reused from the cache, only changed ones rendered) writes the same workbook, byte
// for byte and cell for cell, as a full build of the same store — including when a change shifts rows below it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodFromId, type Period } from '../../../shared/domain/period.ts';
import type { Report } from '../../../shared/domain/report.ts';
import { VUNG_TAU_2023 } from '../../../shared/directory/vung-tau-2023.ts';
import { assignmentsByAgency, buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import { storeMasterSource, writeMasterFromStore } from '../../../server/master/master-source.ts';
import { Directory } from '../../../shared/directory/agency.ts';
import { MasterCache, writeMaster, type MasterAgency } from '../../../server/master/write-master.ts';
import { planContext } from '../../../server/plan/plan-context.ts';
import { Store } from '../../../server/store/store.ts';
import { dumpXlsx } from '../../helpers/openpyxl.ts';
import { SEED_PLAN } from '../../helpers/workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'master-incremental-'));
const store = new Store(join(dir, 'store.sqlite'));
const agencies: MasterAgency[] = planContext('kh', 'published', SEED_PLAN, 'kh', VUNG_TAU_2023).reporters;
const period = (periodFromId('2026-Y', SEED_PLAN.reporting) as { ok: true; period: Period }).period;
const NOW = new Date('2026-12-20T02:00:00Z');
const BLOCK = 8; // 35 agencies: 5 blocks
let seq = 0;

async function submit(agency: MasterAgency, text: string, proposals: number) {
  const model = buildTemplateModel(
    SEED_PLAN,
    agency,
    period,
    NOW.toISOString(),
    assignmentsByAgency(SEED_PLAN).get(agency.id) ?? [],
  );
  const report: Report = {
    templateVersion: 2,
    planKey: 'kh',
    periodId: period.id,
    agencyId: agency.id,
    tasks: model.tasks.map((t, i) => ({
      taskId: t.taskId,
      role: t.role,
      status: 'in-progress',
      progress: 50,
      results: `${text} — ${t.taskId}`,
      outputs: '',
      difficulties: '',
      proposals: i < proposals ? `Đề xuất ${i + 1} của ${agency.name}` : '',
    })),
    measures: model.measures.map((m) =>
      m.kind === 'ratio'
        ? { measureId: m.measureId, numerator: text.length % 7, denominator: 10, yes: null, note: '' }
        : { measureId: m.measureId, numerator: null, denominator: null, yes: text.length % 2 === 0, note: '' },
    ),
    assessment: { results: text, shortcomings: '', nextSteps: '', proposals: '' },
  };
  seq += 1;
  const outcome = await store.submit({
    id: `s-${seq}`,
    planId: 'kh',
    periodId: period.id,
    agencyId: agency.id,
    receivedAt: `2026-12-${String(1 + (seq % 9)).padStart(2, '0')}T01:00:00Z`,
    onTime: seq % 4 !== 0,
    source: 'upload',
    contentHash: `h-${seq}`,
    idempotencyKey: null,
    report,
  });
  expect(outcome.kind).toBe('created');
  return `s-${seq}`;
}

const build = async (name: string, cache?: MasterCache) => {
  const filename = join(dir, name);
  await writeMaster(
    await storeMasterSource(store, { planId: 'kh', plan: SEED_PLAN, period, agencies, now: NOW }),
    { filename },
    cache && { store: cache, key: 'kh/2026-Y' },
  );
  return filename;
};

const warm = new MasterCache({ block: BLOCK });
let incremental: string;
let full: string;
let renderedAfterChanges: number;

beforeAll(async () => {
  const at = '2026-11-01T00:00:00Z';
  await store.insertPlan({
    id: 'kh',
    sourceName: 'seed.txt',
    sourceBytes: new Uint8Array(),
    sourceHash: '',
    directoryId: VUNG_TAU_2023.id,
    read: SEED_PLAN,
    plan: SEED_PLAN,
    planKey: 'kh',
    at,
  });
  await store.openPeriod('kh', period, at);
  // Every other agency of the first four blocks has reported; the last block has not.
  for (const [i, a] of agencies.slice(0, 32).entries())
    if (i % 2 === 0) await submit(a, `Kết quả lần 1 của ${a.name}`, 1);
  await build('first.xlsx', warm);
  expect(warm.last).toEqual({ blocks: 5, rendered: 5 });

  // Block 0: a review accepted; block 2: a resubmission with three more proposal rows (the rows below it shift);
  // block 4: an agency reports for the first time. Blocks 1 and 3 are unchanged.
  await store.review('s-1', {
    decision: 'accept',
    comment: '',
    comments: [],
    resubmitBy: null,
    actor: 'test',
    at: '2026-12-12T00:00:00Z',
  });
  await submit(agencies[16]!, 'Kết quả lần 2, bổ sung', 4);
  await submit(agencies[33]!, 'Báo cáo đầu tiên', 2);
  incremental = await build('incremental.xlsx', warm);
  renderedAfterChanges = warm.last.rendered;
  full = await build('full.xlsx', new MasterCache({ block: BLOCK }));
});
afterAll(() => store.close());

describe('an incremental master build', () => {
  it('renders only the blocks whose submissions changed', () => {
    expect(renderedAfterChanges).toBe(3);
  });

  it('writes the same bytes as a full build of the same store', () => {
    expect(readFileSync(incremental).equals(readFileSync(full))).toBe(true);
  });

  it('holds the changes, read back by openpyxl, cell for cell as the full build and the default blocks', async () => {
    const a = dumpXlsx(incremental);
    expect(a).toEqual(dumpXlsx(full));
    expect(a).toEqual(dumpXlsx(await build('default-blocks.xlsx')));
    const status = a['Tình hình nộp']!.rows.map((r) => r.map(([v]) => v));
    expect(status.find((r) => r[0] === agencies[0]!.name)![7]).toBe('Đã tiếp nhận');
    expect(status.find((r) => r[0] === agencies[16]!.name)!.slice(2, 4)).toEqual(['Đã nộp', 2]);
    expect(status.find((r) => r[0] === agencies[33]!.name)![2]).toBe('Đã nộp');
    const proposals = a['Đề xuất, kiến nghị']!.rows.map((r) => r.map(([v]) => v));
    expect(proposals.filter((r) => r[0] === agencies[16]!.name)).toHaveLength(4);
    const overview = a['Tổng quan']!.rows.map((r) => r.map(([v]) => v));
    const city = overview.find((r) => r[0] === 'Toàn thành phố')!;
    expect([city[1], city[5]]).toEqual([35, 35 - 17]);
  });

  it('reuses every block when nothing changed, and starts afresh for another plan', async () => {
    await build('again.xlsx', warm);
    expect(warm.last).toEqual({ blocks: 5, rendered: 0 });
    expect(readFileSync(join(dir, 'again.xlsx')).equals(readFileSync(full))).toBe(true);
    const renamed = {
      ...SEED_PLAN,
      tasks: SEED_PLAN.tasks.map((t, i) => (i === 0 ? { ...t, title: `${t.title} (sửa)` } : t)),
    };
    await writeMaster(
      await storeMasterSource(store, { planId: 'kh', plan: renamed, period, agencies, now: NOW }),
      { filename: join(dir, 'renamed.xlsx') },
      { store: warm, key: 'kh/2026-Y' },
    );
    expect(warm.last).toEqual({ blocks: 5, rendered: 5 });
  });

  it('through the store, keeps the parsed plan while it is unchanged and takes a directory edit at once', async () => {
    const cache = new MasterCache({ block: BLOCK });
    const out = join(dir, 'from-store.xlsx');
    const names = () => dumpXlsx(out)['Tình hình nộp']!.rows.map((r) => r[0]![0]);
    expect(await writeMasterFromStore(store, 'kh', '2026-Y', NOW, out, { store: cache, key: 'kh/2026-Y' })).toEqual({
      ok: true,
    });
    expect(await writeMasterFromStore(store, 'kh', '2026-Y', NOW, out, { store: cache, key: 'kh/2026-Y' })).toEqual({
      ok: true,
    });
    expect(cache.last.rendered).toBe(0);
    expect(names()).toContain(agencies[3]!.name);
    const renamed = {
      ...VUNG_TAU_2023,
      agencies: VUNG_TAU_2023.agencies.map((a) =>
        a.id === agencies[3]!.id ? { ...a, name: 'Tên mới của đơn vị' } : a,
      ),
    };
    await store.saveDirectory(Directory.parse(renamed), '2026-12-20T00:00:00Z');
    expect(await writeMasterFromStore(store, 'kh', '2026-Y', NOW, out, { store: cache, key: 'kh/2026-Y' })).toEqual({
      ok: true,
    });
    expect(cache.last.rendered).toBe(5);
    expect(names()).toContain('Tên mới của đơn vị');
    expect(names()).not.toContain(agencies[3]!.name);
  });

  it('fails a build whose stored report cannot be read with that error, not an unhandled one, and keeps the cache', async () => {
    const cache = new MasterCache({ block: BLOCK });
    await build('before-damage.xlsx', cache);
    const source = await storeMasterSource(store, { planId: 'kh', plan: SEED_PLAN, period, agencies, now: NOW });
    const damaged = {
      ...source,
      submission: (id: string) =>
        id === agencies[2]!.id ? { ...source.submission(id)!, version: 99 } : source.submission(id),
      report: async (id: string) => {
        if (id === agencies[2]!.id) throw new Error('submission s-x: stored report is damaged');
        return source.report(id);
      },
    };
    await expect(
      writeMaster(damaged, { filename: join(dir, 'damaged.xlsx') }, { store: cache, key: 'kh/2026-Y' }),
    ).rejects.toThrow('damaged');
    await build('after-damage.xlsx', cache);
    expect(cache.last.rendered).toBe(0);
  });
});
