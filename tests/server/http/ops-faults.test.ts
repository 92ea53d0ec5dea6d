// Issue 20, items 10–12 and 15 (faults and answers), against a real service on a real store: each failed before its fix.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMasterFromStore } from '../../../server/master/master-source.ts';
import { problemHandler } from '../../../server/http/problem.ts';
import { spawnCli } from '../../helpers/cli.ts';
import { spawnServe, stop } from '../../helpers/process.ts';
import { SEED_PATH } from '../../helpers/plans.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const audit = () => s.ctx.store.auditLog(50);

describe('10. issuing or revoking a code while access-codes.json cannot be written', () => {
  it('tells the truth: the store changed, the new code is shown and works, the export failure is a warning, the act is audited', async () => {
    const old = s.codes.agencies['phuong-3']!;
    // A directory in the file's place: no write can replace it, whoever the service runs as (root included).
    rmSync(s.ctx.codesPath);
    mkdirSync(s.ctx.codesPath);
    try {
      const issued = await s.api('/agencies/phuong-3/access-code', { method: 'POST', code: s.codes.admin });
      const body = await issued.json();
      expect(issued.status, JSON.stringify(body)).toBe(201);
      expect(body).toMatchObject({
        agencyId: 'phuong-3',
        accessCode: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        warnings: [{ code: 'codes-export-failed', path: s.ctx.codesPath, title: expect.stringContaining(' / ') }],
      });
      expect((await s.api('/me', { code: body.accessCode })).status).toBe(200);
      expect((await s.api('/me', { code: old })).status).toBe(401);
      expect((await audit()).find((e) => e.action === 'code.issue' && e.subject === 'phuong-3')).toMatchObject({
        actor: expect.any(String),
      });
      expect(
        s.logs.some((l) => l.level === 'warn' && l.code === 'codes-export-failed' && l.agencyId === 'phuong-3'),
      ).toBe(true);
      expect(JSON.stringify(s.logs)).not.toContain(body.accessCode);
      // The failed rewrite leaves no temporary copy of the codes behind.
      expect(readdirSync(s.dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

      const revoked = await s.api('/agencies/phuong-3/access-code', { method: 'DELETE', code: s.codes.admin });
      const gone = await revoked.json();
      expect(revoked.status, JSON.stringify(gone)).toBe(200);
      expect(gone).toMatchObject({
        agencyId: 'phuong-3',
        revoked: 1,
        warnings: [{ code: 'codes-export-failed', path: s.ctx.codesPath }],
      });
      expect((await s.api('/me', { code: body.accessCode })).status).toBe(401);
      expect((await audit()).find((e) => e.action === 'code.revoke' && e.subject === 'phuong-3')).toMatchObject({
        after: { revoked: 1 },
      });
    } finally {
      rmSync(s.ctx.codesPath, { recursive: true, force: true });
    }
    // Once the file can be written again, the next act writes it whole from what it knows, with no warning.
    const again = await (await s.api('/agencies/phuong-3/access-code', { method: 'POST', code: s.codes.admin })).json();
    expect(again.warnings).toBeUndefined();
    expect(JSON.parse(readFileSync(s.ctx.codesPath, 'utf8')).agencies['phuong-3']).toBe(again.accessCode);
  });
});

describe('10. publishing a plan while access-codes.json cannot be written', () => {
  it('publishes, issues the new codes (audited) and says that the file could not follow', async () => {
    const t = await startServer();
    try {
      expect((await t.api('/agencies/phuong-5/access-code', { method: 'DELETE', code: t.codes.admin })).status).toBe(
        200,
      );
      const draft = await (
        await t.api('/plans', {
          method: 'POST',
          code: t.codes.admin,
          body: readFileSync(SEED_PATH),
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        })
      ).json();
      rmSync(t.ctx.codesPath);
      mkdirSync(t.ctx.codesPath);
      const published = await t.api(`/plans/${draft.planId}/publish`, { method: 'POST', code: t.codes.admin });
      const body = await published.json();
      expect(published.status, JSON.stringify(body).slice(0, 300)).toBe(200);
      expect(body).toMatchObject({
        newCodes: ['phuong-5'],
        warnings: [{ code: 'codes-export-failed', path: t.ctx.codesPath }],
      });
      expect((await t.ctx.store.codeStatus()).get('phuong-5')).toMatchObject({ active: true });
      expect(
        (await t.ctx.store.auditLog(50)).find(
          (e) => e.action === 'code.issue' && e.subject === 'phuong-5' && e.planId === draft.planId,
        ),
      ).toBeDefined();
    } finally {
      await t.close();
    }
  });
});

describe('12. master temporary files', () => {
  it('are created 0600 whatever the umask (000 here)', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'master-mode-')), 'master-kh-2023--2026-Y.xlsx.4242.tmp');
    const umask = process.umask(0);
    try {
      expect(
        await writeMasterFromStore(s.ctx.store, 'kh-2023', '2026-Y', new Date('2026-11-25T03:00:00Z'), target),
      ).toEqual({ ok: true });
    } finally {
      process.umask(umask);
    }
    expect((statSync(target).mode & 0o777).toString(8)).toBe('600');
  });

  it('are removed when a build fails (here: a folder where the master goes)', async () => {
    const target = join(s.dataDir, 'master', 'master-kh-2023--2026-H1.xlsx');
    mkdirSync(join(target, 'in-the-way'), { recursive: true });
    try {
      expect(
        (await s.api('/plans/kh-2023/periods/2026-H1/master', { method: 'POST', code: s.codes.admin })).status,
      ).toBeGreaterThanOrEqual(500);
      expect(readdirSync(join(s.dataDir, 'master')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });

  it('left by a killed build are removed at start, the masters and their markers kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'master-leftover-'));
    const master = join(dataDir, 'master');
    mkdirSync(master);
    const leftovers = [
      'master-kh-2023--2026-Y.xlsx.31337.tmp',
      'master-kh-2023--2026-H1.xlsx.7.tmp',
      'master-kh-2023--2026-Y.json.31337.tmp',
    ];
    for (const name of leftovers) writeFileSync(join(master, name), 'half a workbook');
    writeFileSync(join(master, 'notes.txt'), 'not ours to remove');
    writeFileSync(join(dataDir, 'access-codes.json.31337.tmp'), '{}');
    const t = await startServer({ dataDir });
    try {
      expect(readdirSync(master).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(existsSync(join(master, 'notes.txt'))).toBe(true);
      expect(
        t.logs.some(
          (l) => l.message === 'leftover temporary files removed' && Array.isArray(l.files) && l.files.length === 3,
        ),
      ).toBe(true);
    } finally {
      await t.close();
    }
  });
});

// A folder no one may create files in, root included: sysfs refuses new files (EACCES, or EROFS where it is mounted
// read-only, as in most containers) and new folders (EPERM). chmod cannot make a folder read-only for root.
const UNWRITABLE_DIR = '/sys/kernel';

describe('11. a read-only DATA_DIR', () => {
  it('master routes answer 503 storage-unwritable naming the path, not 500 internal', async () => {
    const master = join(s.dataDir, 'master');
    renameSync(master, `${master}.away`);
    symlinkSync(UNWRITABLE_DIR, master);
    try {
      for (const [method, path] of [
        ['GET', '/plans/kh-2023/periods/2026-H1/master.xlsx'],
        ['POST', '/plans/kh-2023/periods/2026-H1/master'],
      ] as const) {
        const res = await s.api(path, { method, code: s.codes.admin });
        const body = await res.json();
        expect(res.status, JSON.stringify(body)).toBe(503);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(body).toMatchObject({
          code: 'storage-unwritable',
          path: expect.stringContaining(master),
          reason: expect.stringMatching(/^(EACCES|EROFS)$/),
        });
        expect(body.title).toContain(master);
      }
      expect(
        s.logs.some((l) => l.level === 'error' && l.code === 'storage-unwritable' && String(l.path).startsWith(master)),
      ).toBe(true);
    } finally {
      rmSync(master);
      renameSync(`${master}.away`, master);
    }
    // Writable again: the same route builds the master.
    expect((await s.api('/plans/kh-2023/periods/2026-H1/master.xlsx', { code: s.codes.admin })).status).toBe(200);
  });

  it('maps EACCES, EPERM and EROFS to 503 storage-unwritable, and says the path to staff only', async () => {
    const app = express();
    app.get('/:code/:who', (req, res) => {
      if (req.params.who === 'agency') res.locals.principal = { role: 'agency', agencyId: 'phuong-1' };
      throw Object.assign(new Error(`${req.params.code}: refused, open '/data/master/x.tmp'`), {
        code: req.params.code,
        path: '/data/master/x.tmp',
      });
    });
    const logs: Record<string, unknown>[] = [];
    app.use(problemHandler((e) => logs.push(e)));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const code of ['EACCES', 'EPERM', 'EROFS']) {
        const staff = await fetch(`${base}/${code}/staff`);
        expect(staff.status).toBe(503);
        expect(await staff.json()).toMatchObject({
          code: 'storage-unwritable',
          path: '/data/master/x.tmp',
          reason: code,
          title: expect.stringContaining('/data/master/x.tmp'),
        });
        const agency = await (await fetch(`${base}/${code}/agency`)).json();
        expect(agency).toMatchObject({ status: 503, code: 'storage-unwritable', reason: code });
        expect(JSON.stringify(agency)).not.toContain('/data/');
      }
      expect((await fetch(`${base}/ENOMEM/staff`)).status).toBe(500);
      expect(logs.filter((l) => l.code === 'storage-unwritable')).toHaveLength(6);
    } finally {
      server.close();
    }
  });

  const refusesToStart = (dataDir: string) => {
    const run = spawnCli(['serve'], { env: { DATA_DIR: dataDir, PORT: '0' } });
    expect(run.code, run.stderr).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^Không khởi động được: .* \/ Not starting: /);
    expect(lines[0]).toContain(dataDir);
    expect(run.stderr).not.toMatch(/Unexpected error|\n\s+at /);
    expect(run.stdout).not.toContain('is running at');
    return lines[0]!;
  };

  it('a first start that cannot write access-codes.json refuses in one line and keeps no admin token nobody has', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'codes-in-the-way-'));
    mkdirSync(join(dataDir, 'access-codes.json', 'in-the-way'), { recursive: true });
    expect(refusesToStart(dataDir)).toContain('access-codes.json');
    rmSync(join(dataDir, 'access-codes.json'), { recursive: true });
    const db = new Database(join(dataDir, 'plan-reporting.sqlite'), { readonly: true });
    try {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM access_codes WHERE role = 'coordinator'`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // Once the file can be written, the next start issues the first token and writes it.
    const served = await spawnServe({ DATA_DIR: dataDir });
    try {
      expect(JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8')).admin).toEqual(expect.any(String));
    } finally {
      await stop(served.child, 'SIGTERM');
    }
  }, 60_000);

  it('serve refuses to start in one line (exit 2) when DATA_DIR cannot be written', () => {
    expect(refusesToStart(UNWRITABLE_DIR)).toMatch(/\((EACCES|EROFS)\)/);
    expect(refusesToStart(join(UNWRITABLE_DIR, 'plan-reporting'))).toMatch(/\((EPERM|EACCES|EROFS)\)/);
    // A file in the way of the folder.
    const file = join(mkdtempSync(join(tmpdir(), 'data-file-')), 'not-a-folder');
    writeFileSync(file, '');
    expect(refusesToStart(join(file, 'data'))).toMatch(/\(ENOTDIR\)/);
  }, 60_000);
});

describe('15. guessing codes from a throttled address', () => {
  it('answers 429 at once, without looking at the code, past the attempts allowed to wait together', async () => {
    const t = await startServer({
      config: { throttle: { maxFailures: 1, windowMs: 60_000, delayMs: 1000, maxWaiting: 2 } },
    });
    try {
      expect((await t.api('/me', { code: 'wrong-guess-xxxx' })).status).toBe(401);
      const timed = async (code: string) => {
        const started = performance.now();
        const res = await t.api('/me', { code });
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - started };
      };
      const answers = await Promise.all([
        timed('wrong-a-xxxxxxxx'),
        timed('wrong-b-xxxxxxxx'),
        timed(t.codes.agencies['phuong-1']!),
      ]);
      const waited = answers.filter((a) => a.ms >= 900);
      expect(waited).toHaveLength(2);
      const overflow = answers.find((a) => a.ms < 900)!;
      expect(overflow.status).toBe(429);
      expect(overflow.ms).toBeLessThan(Math.min(...waited.map((a) => a.ms)));
    } finally {
      await t.close();
    }
  });

  it('every answer waits about a second (a timer, /health untouched), a right code still gets in after it; the window runs on the injected clock', async () => {
    const t = await startServer({ now: '2026-11-25T03:00:00Z' });
    try {
      const me = (code: string) => t.api('/me', { code });
      for (let i = 0; i < 10; i++) expect((await me(`wrong-guess-${i}-xxxx`)).status).toBe(401);
      const health: number[] = [];
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          const started = performance.now();
          expect((await t.api('/health')).status).toBe(200);
          health.push(performance.now() - started);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const timed = async (code: string) => {
        const started = performance.now();
        const res = await me(code);
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get('retry-after') };
      };
      const [right, ...wrong] = await Promise.all([
        timed(t.codes.agencies['phuong-1']!),
        ...Array.from({ length: 20 }, (_, i) => timed(`parallel-guess-${i}-xxxx`)),
      ]);
      watching = false;
      await watcher;
      for (const answer of wrong) {
        expect(answer.status).toBe(429);
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
        expect(answer.ms).toBeGreaterThanOrEqual(900);
      }
      expect(right!.status).toBe(200);
      expect(right!.ms).toBeGreaterThanOrEqual(900);
      expect(health.length).toBeGreaterThan(5);
      expect(Math.max(...health)).toBeLessThan(200);
      // Past the window on the service's clock (not the wall's), a wrong code is a plain 401 again.
      t.setNow('2026-11-25T03:16:00Z');
      expect((await me('wrong-guess-after-xxxx')).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
