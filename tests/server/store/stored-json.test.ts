// Stored JSON is read back through its schema (never cast), by the shape version its row records; a row from before
// versions reads as version 1, and a version this code does not know is named, not guessed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { periodFromId, type Period } from '../../../shared/domain/period.ts';
import { MIGRATIONS } from '../../../server/store/schema.ts';
import { Store, StoreDamaged } from '../../../server/store/store.ts';
import { SEED_PLAN } from '../../helpers/workbooks.ts';

const AT = '2026-01-01T00:00:00Z';
const period = (periodFromId('2026-Y', SEED_PLAN.reporting) as { ok: true; period: Period }).period;
const REPORT = {
  templateVersion: 2,
  planKey: 'key',
  periodId: '2026-Y',
  agencyId: 'phuong-1',
  tasks: [],
  measures: [],
  assessment: { results: '', shortcomings: '', nextSteps: '', proposals: '' },
};
const newPath = () => join(mkdtempSync(join(tmpdir(), 'store-json-')), 's.sqlite');

/** A store at `path` holding the seed plan. */
async function withPlan(path: string) {
  const store = new Store(path);
  await store.insertPlan({
    id: 'kh-2023',
    sourceName: 'seed.txt',
    sourceBytes: new Uint8Array(),
    sourceHash: '',
    directoryId: SEED_PLAN.directoryId,
    read: SEED_PLAN,
    plan: SEED_PLAN,
    planKey: 'key',
    at: AT,
  });
  return store;
}

async function withSubmission(path: string) {
  const store = await withPlan(path);
  await store.openPeriod('kh-2023', period, AT);
  await store.submit({
    id: 's1',
    planId: 'kh-2023',
    periodId: '2026-Y',
    agencyId: 'phuong-1',
    receivedAt: AT,
    onTime: true,
    source: 'upload',
    idempotencyKey: null,
    report: REPORT,
  });
  return store;
}

describe('stored JSON is parsed with its schema when read back', () => {
  it('reads the plan it saved, and names what is damaged instead of casting it', async () => {
    const path = newPath();
    const store = await withPlan(path);
    expect((await store.plan('kh-2023'))!.plan.tasks).toHaveLength(SEED_PLAN.tasks.length);
    const db = new Database(path);
    db.prepare('UPDATE plans SET plan_json = ?').run(JSON.stringify({ ...SEED_PLAN, tasks: 'không phải danh sách' }));
    await expect(store.plan('kh-2023')).rejects.toThrow(
      new StoreDamaged('stored plan kh-2023 does not match its schema at "tasks"'),
    );
    db.prepare('UPDATE plans SET plan_json = ?').run('{');
    await expect(store.plan('kh-2023')).rejects.toThrow(StoreDamaged);
    db.close();
    await store.close();
  });

  it("parses a review's comments with their schema (they were cast)", async () => {
    const path = newPath();
    const store = await withSubmission(path);
    const comments = [{ taskId: 'NV1', cell: 'Nhiệm vụ!G7', text: 'Bổ sung kết quả' }];
    await store.review('s1', {
      decision: 'return',
      comment: 'Xem lại',
      comments,
      resubmitBy: '2026-01-05',
      actor: 'test',
      at: AT,
    });
    expect((await store.latestReview('s1'))!.comments).toEqual(comments);
    const db = new Database(path);
    db.prepare(
      'INSERT INTO reviews (submission_id, decision, comment, comments_json, actor, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('s1', 'return', 'Xem lại', JSON.stringify([{ text: 5 }]), 'test', AT);
    db.close();
    await expect(store.latestReview('s1')).rejects.toThrow(
      new StoreDamaged('stored comments of a review of s1 does not match its schema at "0.text"'),
    );
    await store.close();
  });

  it("parses a pull's stored findings with their schema (they were cast)", async () => {
    const path = newPath();
    const store = await withSubmission(path);
    await store.registerGoogleSheet({
      planId: 'kh-2023',
      periodId: '2026-Y',
      agencyId: 'phuong-1',
      spreadsheetId: 'sheet-1',
      origin: 'linked',
      at: AT,
    });
    const issues = [
      {
        code: 'progress-out-of-range' as const,
        severity: 'error' as const,
        at: { sheet: 'Nhiệm vụ', cell: 'F6' },
        params: { value: 150 },
      },
    ];
    await store.recordPull({
      planId: 'kh-2023',
      periodId: '2026-Y',
      agencyId: 'phuong-1',
      at: AT,
      status: 'invalid',
      modifiedTime: AT,
      issues,
    });
    expect((await store.googleSheets('kh-2023', '2026-Y'))[0]!.pullIssues).toEqual(issues);
    const db = new Database(path);
    db.prepare('UPDATE google_sheets SET pull_issues_json = ?').run(
      JSON.stringify([{ code: 'progress-out-of-range', at: 'F6' }]),
    );
    db.close();
    await expect(store.googleSheets('kh-2023', '2026-Y')).rejects.toThrow(StoreDamaged);
    await store.close();
  });

  it('reads rows written before shape versions as version 1, and names a version it does not know', async () => {
    // A store as migration 7 left it, with a plan, a report and a review written then (no json_version column).
    const path = newPath();
    const old = new Database(path);
    for (const step of MIGRATIONS.slice(0, 7))
      if (typeof step === 'string') old.exec(step);
      else step(old);
    old.pragma('user_version = 7');
    old
      .prepare(
        `INSERT INTO plans (id, state, source_name, directory_id, read_json, plan_json, plan_key, created_at, updated_at)
      VALUES ('kh-2023', 'published', 'seed.txt', ?, ?, ?, 'key', ?, ?)`,
      )
      .run(SEED_PLAN.directoryId, JSON.stringify(SEED_PLAN), JSON.stringify(SEED_PLAN), AT, AT);
    old
      .prepare(
        `INSERT INTO periods (plan_id, id, kind, year, data_from, data_to, due_before, due_at, state, opened_at, updated_at)
      VALUES ('kh-2023', '2026-Y', ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      )
      .run(period.kind, period.year, period.dataFrom, period.dataTo, period.dueBefore, period.dueAt, AT, AT);
    old
      .prepare(
        `INSERT INTO submissions (id, plan_id, period_id, agency_id, version, received_at, on_time, source, content_hash, report_json)
      VALUES ('s1', 'kh-2023', '2026-Y', 'phuong-1', 1, ?, 1, 'upload', 'h', ?)`,
      )
      .run(AT, JSON.stringify(REPORT));
    old
      .prepare(
        `INSERT INTO reviews (submission_id, decision, comment, comments_json, actor, at) VALUES ('s1', 'accept', '', '[{"text":"Tốt"}]', 'test', ?)`,
      )
      .run(AT);
    old.close();

    const store = new Store(path);
    expect((await store.plan('kh-2023'))!.plan.tasks).toHaveLength(SEED_PLAN.tasks.length);
    expect((await store.report('s1'))!.agencyId).toBe('phuong-1');
    expect((await store.latestReview('s1'))!.comments).toEqual([{ text: 'Tốt' }]);

    const db = new Database(path);
    db.prepare('UPDATE plans SET json_version = 2').run();
    db.close();
    await expect(store.plan('kh-2023')).rejects.toThrow(
      new StoreDamaged(
        'stored plan kh-2023 (as read) has the shape version 2, which this version of the service does not know',
      ),
    );
    await store.close();
  });
});
