// The store written by the single-plan code of commit 71d42e6 (schema 1, tests/fixtures/stores/v1-seed.sqlite: the seed plan,
// its periods, three submissions, a closed period, a revoked code) migrates in place to plans.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePathIn } from '../../../server/config.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

const FIXTURE = new URL('../../fixtures/stores/v1-seed.sqlite', import.meta.url).pathname;
const CODES = JSON.parse(
  readFileSync(new URL('../../fixtures/stores/v1-seed.codes.json', import.meta.url), 'utf8'),
) as Record<string, string>;

let s: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'migrate-'));
  copyFileSync(FIXTURE, storePathIn(dataDir));
  s = await startServer({ dataDir, now: '2026-12-20T03:00:00Z' });
});
afterAll(async () => {
  await s?.close();
});

describe('migrating a single-plan store', () => {
  it('was at schema 1 and is now at the latest, with its rows intact', () => {
    const before = new Database(FIXTURE, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(1);
    const oldRows = before
      .prepare(
        'SELECT id, period_id, agency_id, version, received_at, on_time, source, content_hash, idempotency_key, report_json FROM submissions ORDER BY rowid',
      )
      .all();
    before.close();
    const after = new Database(storePathIn(dataDir), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(8);
    expect(
      after
        .prepare(
          'SELECT id, period_id, agency_id, version, received_at, on_time, source, content_hash, idempotency_key, report_json FROM submissions ORDER BY rowid',
        )
        .all(),
    ).toEqual(oldRows);
    expect(after.prepare('SELECT DISTINCT plan_id FROM submissions').all()).toEqual([{ plan_id: 'kh-2023' }]);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.pragma('foreign_key_check')).toEqual([]);
    after.close();
  });

  it('makes the seed plan the first published plan, with its periods and their states', async () => {
    const { plans } = await (await s.api('/plans', { code: CODES.admin })).json();
    expect(plans).toEqual([
      expect.objectContaining({
        id: 'kh-2023',
        state: 'published',
        periods: [
          { id: '2026-H1', state: 'open', dueBefore: '2026-06-15' },
          { id: '2026-Y', state: 'closed', dueBefore: '2026-12-15' },
        ],
      }),
    ]);
    expect((await s.ctx.store.plan('kh-2023'))!.corrections).toEqual({ aliases: {}, tasks: {}, measures: {} });
  });

  it("keeps every submission and receipt: history, status and the agency's latest receipt", async () => {
    const history = await (
      await s.api('/plans/kh-2023/periods/2026-Y/submissions', { code: CODES['phuong-1'] })
    ).json();
    expect(
      history.submissions.map((h: { submissionId: string; version: number }) => `${h.submissionId}@${h.version}`),
    ).toEqual(['v1-sub-1@1', 'v1-sub-2@2']);
    const status = await (await s.api('/plans/kh-2023/periods/2026-Y/status', { code: CODES.admin })).json();
    expect(status.counts).toMatchObject({ submitted: 2, onTime: 1, late: 1 });
    const me = await (await s.api('/me', { code: CODES['phong-noi-vu'] })).json();
    expect(me.duties[0]).toMatchObject({ plan: { id: 'kh-2023' } });
  });

  it('keeps codes (the revoked one stays revoked) and idempotency keys, and the admin gets a label for the audit log', async () => {
    expect((await s.api('/me', { code: CODES['phuong-1'] })).status).toBe(200);
    const agencies = await (await s.api('/agencies', { code: CODES.admin })).json();
    expect(agencies.agencies.find((a: { id: string }) => a.id === 'phuong-2').accessCode.active).toBe(false);
    expect(
      (await s.ctx.store.findCode((await import('../../../server/store/secret-codes.ts')).hashCode(CODES.admin!)))!
        .label,
    ).toBe('Quản trị (mã đầu tiên)');
  });

  it('rebuilds the master of a period whose submissions have no master yet', async () => {
    await s.ctx.master.settled();
    expect(s.ctx.master.builds.get('kh-2023/2026-Y')).toBe(1);
  });
});
