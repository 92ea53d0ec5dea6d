import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Store } from '../../../server/store/store.ts';
import type { Db } from '../../../server/store/db.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { spawnServe, stop } from '../../helpers/process.ts';
import { SEED_PLAN } from '../../helpers/workbooks.ts';
import { spawnCli } from '../../helpers/cli.ts';
import { fixturePath } from '../../helpers/plans.ts';
import { filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';
import type { Grid } from '../../../shared/workbook/grid.ts';

interface Receipt {
  submissionId: string;
  version: number;
  agency: string;
}

describe('plan-reporting serve (a real process)', () => {
  it('keeps every receipt a client got when killed with SIGKILL mid-burst, and reopens cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    const first = await spawnServe({ DATA_DIR: dataDir });
    expect(first.output()).toContain('(mới tạo / new)');
    const codesPath = join(dataDir, 'access-codes.json');
    expect(statSync(codesPath).mode & 0o777).toBe(0o600);
    const codes = JSON.parse(readFileSync(codesPath, 'utf8')) as { admin: string; agencies: Record<string, string> };
    const agencies = Object.keys(codes.agencies);
    const bases = new Map<string, Grid>(agencies.map((a) => [a, filledGrid(seedModel(a, '2026-Y'))]));

    const receipts: Receipt[] = [];
    let sent = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const agency = agencies[(w * 7 + i) % agencies.length]!;
        const grid = bases.get(agency)!;
        setCell(grid, TASKS_SHEET, 5, 'results', `Lần ${w}-${i}`);
        sent += 1;
        try {
          const res = await fetch(`${first.url}/api/v1/plans/kh-2023/periods/2026-Y/reports`, {
            method: 'POST',
            body: JSON.stringify({ grid, source: 'excel-addin' }),
            headers: { Authorization: `Bearer ${codes.agencies[agency]}`, 'Content-Type': 'application/json' },
          });
          if (res.status === 201) receipts.push({ ...((await res.json()) as Omit<Receipt, 'agency'>), agency });
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    while (receipts.length < 200) await new Promise((r) => setTimeout(r, 5));
    await stop(first.child, 'SIGKILL');
    killed = true;
    await Promise.all(workers);
    expect(sent).toBeGreaterThan(receipts.length);

    const second = await spawnServe({ DATA_DIR: dataDir });
    expect(second.output()).not.toContain('(mới tạo / new)');
    const stored = new Map<string, number>();
    for (const agency of agencies) {
      const res = await fetch(`${second.url}/api/v1/plans/kh-2023/periods/2026-Y/submissions`, {
        headers: { Authorization: `Bearer ${codes.agencies[agency]}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { submissions: { submissionId: string; version: number }[] };
      for (const s of body.submissions) stored.set(s.submissionId, s.version);
    }
    const lost = receipts.filter((r) => stored.get(r.submissionId) !== r.version);
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(receipts.length);
    expect(await stop(second.child, 'SIGTERM')).toBe(0);

    const store = new Store(join(dataDir, 'plan-reporting.sqlite'));
    expect(await store.integrityCheck()).toBe('ok');
    expect(await store.countSubmissions()).toBe(stored.size);
    await store.close();
  }, 120_000);
});

describe('Store', () => {
  it('refuses to update or delete a submission', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'store-'));
    const store = new Store(join(dataDir, 's.sqlite'));
    const plan = SEED_PLAN;
    await store.insertPlan({
      id: 'p',
      sourceName: 'p.txt',
      sourceBytes: new Uint8Array(),
      sourceHash: '',
      directoryId: plan.directoryId,
      read: plan,
      plan,
      planKey: 'k',
      at: 'now',
    });
    await store.openPeriod(
      'p',
      {
        id: '2026-Y',
        kind: 'annual',
        year: 2026,
        dataFrom: '2025-12-15',
        dataTo: '2026-12-14',
        dueBefore: '2026-12-15',
        dueAt: '2026-12-15T00:00:00+07:00',
      },
      'now',
    );
    const report = {
      templateVersion: 2,
      planKey: 'k',
      periodId: '2026-Y',
      agencyId: 'a',
      tasks: [],
      measures: [],
      assessment: { results: '', shortcomings: '', nextSteps: '', proposals: '' },
    };
    await store.submit({
      id: 's1',
      planId: 'p',
      periodId: '2026-Y',
      agencyId: 'a',
      receivedAt: 'now',
      onTime: true,
      source: 'upload',
      contentHash: 'h',
      idempotencyKey: null,
      report,
    });
    // Through the store's own port as through any other connection to the file.
    const db = (store as unknown as { db: Db }).db;
    await expect(db.run('UPDATE submissions SET on_time = 0')).rejects.toThrow('submissions are append-only');
    await expect(db.run('DELETE FROM submissions')).rejects.toThrow('submissions are append-only');
    const other = new Database(join(dataDir, 's.sqlite'));
    expect(() => other.prepare('DELETE FROM submissions').run()).toThrow('submissions are append-only');
    other.close();
    expect(await store.history('p', '2026-Y', 'a')).toHaveLength(1);
    await store.close();
  });
});

describe('plan-reporting serve with PLAN_FILE', () => {
  it('imports another plan on first start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'planfile-'));
    const served = await spawnServe({ DATA_DIR: dataDir, PLAN_FILE: fixturePath('appendix-table.txt') });
    try {
      const codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8')) as {
        agencies: Record<string, string>;
      };
      expect(Object.keys(codes.agencies)).toContain('phong-van-hoa-thong-tin');
      const me = (await (
        await fetch(`${served.url}/api/v1/me`, {
          headers: { Authorization: `Bearer ${codes.agencies['phong-noi-vu']}` },
        })
      ).json()) as { duties: { tasks: { taskId: string; role: string }[] }[] };
      expect(me.duties[0]!.tasks.filter((t) => t.role !== 'focus').map((t) => `${t.taskId}:${t.role}`)).toEqual([
        'NV3:lead',
      ]);
    } finally {
      await stop(served.child, 'SIGTERM');
    }
  });

  it('refuses to start on a plan with blocking issues, saying why', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'planfile-bad-'));
    const { code, stderr } = spawnCli(['serve'], {
      env: { DATA_DIR: dataDir, PLAN_FILE: fixturePath('no-tasks.txt'), PORT: '0' },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('The plan has blocking issues');
    expect(stderr).toContain('The section "II. NỘI DUNG" yields no task with a lead agency');
  });
});
