// The abuse suite, faults and answers (issue 20, items 10–13 and 15), against the real `plan-reporting serve` process:
// for each, the expected answer, /health under 200 ms while it runs, and the store as it should be.
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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSheetsAddon } from '../../../server/pane/sheets-addon.ts';
import {
  bearer,
  send as sendRaw,
  storeState as storeStateOf,
  type Raw,
  watched as watchedOf,
} from '../../helpers/abuse.ts';
import { AppsScript } from '../../helpers/apps-script.ts';
import { spawnCli } from '../../helpers/cli.ts';
import { spawnServe, stop, type ServeProcess } from '../../helpers/process.ts';
import { filledGrid, seedModel } from '../../helpers/workbooks.ts';

let service: ServeProcess;
let dataDir: string;
let codes: { admin: string; agencies: Record<string, string> };
const leftovers = ['master-kh-2023--2026-Y.xlsx.31337.tmp', 'master-kh-2023--2026-Y.json.31337.tmp'];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'abuse-ops-'));
  // What a build killed mid-way leaves behind (item 12), there before the service starts.
  mkdirSync(join(dataDir, 'master'), { recursive: true });
  for (const name of leftovers) writeFileSync(join(dataDir, 'master', name), 'half a workbook');
  // Under umask 000 (inherited by the child): what the service creates must be owner-only all the same.
  const umask = process.umask(0);
  try {
    // Behind a proxy on loopback, as in production: X-Forwarded-For is the client, so one test's address can be throttled alone.
    service = await spawnServe({ DATA_DIR: dataDir, TRUST_PROXY: 'loopback' });
  } finally {
    process.umask(umask);
  }
  codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8'));
}, 60_000);
afterAll(async () => {
  if (service) await stop(service.child, 'SIGTERM');
});

const send = (raw: Raw) => sendRaw(service.url, raw);
const storeState = () => storeStateOf(dataDir);
const admin = () => bearer(codes.admin);
const json = (answer: { body: string }) => JSON.parse(answer.body);
const auditRows = (action: string, subject: string) => {
  const db = new Database(join(dataDir, 'plan-reporting.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT actor, action, subject, after_json FROM audit_log WHERE action = ? AND subject = ?')
      .all(action, subject);
  } finally {
    db.close();
  }
};

/** Runs `act` while /health is polled; returns what it returned and the slowest /health. */
async function watched<T>(act: () => Promise<T>): Promise<{ value: T; slowestHealth: number }> {
  const { value, health } = await watchedOf(service.url, act);
  return { value, slowestHealth: health };
}

describe('faults and answers, against the real service', () => {
  it('12. left-over master temporary files are gone after the start, and nothing it writes is readable by others under umask 000', async () => {
    expect(readdirSync(join(dataDir, 'master')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const { value: built, slowestHealth } = await watched(() =>
      send({ path: '/api/v1/plans/kh-2023/periods/2026-Y/master', headers: admin() }),
    );
    expect(built.status, built.body).toBe(200);
    expect(slowestHealth).toBeLessThan(200);
    for (const name of readdirSync(join(dataDir, 'master')))
      expect([name, (statSync(join(dataDir, 'master', name)).mode & 0o777).toString(8)]).toEqual([name, '600']);
    expect(readdirSync(join(dataDir, 'master')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('10. a code issued and revoked while access-codes.json cannot be written: 201/200 with a warning, the code shown and in force, both audited', async () => {
    const path = join(dataDir, 'access-codes.json');
    const saved = readFileSync(path);
    const before = storeState();
    rmSync(path);
    mkdirSync(path); // a directory in the file's place: no write can replace it, root included
    try {
      const { value: issued, slowestHealth } = await watched(() =>
        send({ path: '/api/v1/agencies/phuong-4/access-code', headers: admin() }),
      );
      expect(issued.status, issued.body).toBe(201);
      const body = json(issued);
      expect(body).toMatchObject({
        agencyId: 'phuong-4',
        accessCode: expect.any(String),
        warnings: [{ code: 'codes-export-failed', path }],
      });
      expect(slowestHealth).toBeLessThan(200);
      expect((await send({ method: 'GET', path: '/api/v1/me', headers: bearer(body.accessCode) })).status).toBe(200);
      expect(
        (await send({ method: 'GET', path: '/api/v1/me', headers: bearer(codes.agencies['phuong-4']!) })).status,
      ).toBe(401);
      expect(auditRows('code.issue', 'phuong-4')).toHaveLength(2); // at publish, and now
      expect(service.output()).toMatch(/"level":"warn".*"code":"codes-export-failed".*"agencyId":"phuong-4"/);

      const revoked = await send({ method: 'DELETE', path: '/api/v1/agencies/phuong-4/access-code', headers: admin() });
      expect(revoked.status, revoked.body).toBe(200);
      expect(json(revoked)).toMatchObject({ revoked: 1, warnings: [{ code: 'codes-export-failed', path }] });
      expect((await send({ method: 'GET', path: '/api/v1/me', headers: bearer(body.accessCode) })).status).toBe(401);
      expect(auditRows('code.revoke', 'phuong-4')).toMatchObject([{ after_json: '{"revoked":1}' }]);
      expect(storeState()).toEqual({
        ...before,
        counts: { ...(before.counts as object), codes: (before.counts as { codes: number }).codes + 1 },
      });
    } finally {
      rmSync(path, { recursive: true, force: true });
      writeFileSync(path, saved, { mode: 0o600 });
    }
  });

  it('11. the master folder turned read-only: 503 storage-unwritable naming the path, the store unchanged', async () => {
    const master = join(dataDir, 'master');
    const before = storeState();
    renameSync(master, `${master}.away`);
    symlinkSync('/sys/kernel', master); // sysfs refuses new files to root as well (EACCES, or EROFS when mounted read-only)
    try {
      const { value: answer, slowestHealth } = await watched(() =>
        send({ method: 'GET', path: '/api/v1/plans/kh-2023/periods/2026-H1/master.xlsx', headers: admin() }),
      );
      expect(answer.status, answer.body).toBe(503);
      expect(answer.type).toContain('application/problem+json');
      expect(json(answer)).toMatchObject({
        code: 'storage-unwritable',
        path: expect.stringContaining(master),
        title: expect.stringContaining(' / '),
      });
      expect(slowestHealth).toBeLessThan(200);
      expect(storeState()).toEqual(before);
    } finally {
      rmSync(master);
      renameSync(`${master}.away`, master);
    }
    expect(service.child.exitCode).toBeNull();
  });

  it('11. serve refuses to start in a DATA_DIR it cannot write: one line, exit 2, no stack trace', () => {
    const run = spawnCli(['serve'], { env: { DATA_DIR: '/sys/kernel', PORT: '0' } });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Không khởi động được: không ghi được vào \/sys\/kernel .* \/ Not starting: /),
    ]);
  }, 60_000);

  it('13. the Sheets add-on sends no escaped way out of /api/v1 and no header with CR/LF to the service', async () => {
    const before = storeState();
    const addon = await buildSheetsAddon(service.url);
    const script = new AppsScript(addon['Code.js'], {});
    try {
      await script.call('saveSignIn', codes.agencies['phuong-1']);
      const { slowestHealth } = await watched(async () => {
        for (const path of ['/api/v1/%2e%2e/%2e%2e/manifest.xml', '/api/v1/.%2e/x', '/api/v1/%2e%2e/addin/']) {
          await expect(script.call('apiFetch', { path, method: 'GET', headers: {}, body: null })).rejects.toThrow(
            /path/,
          );
        }
        await expect(
          script.call('apiFetch', {
            path: '/api/v1/plans/kh-2023/periods/2026-Y/reports',
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k\r\nX-Evil: 1' },
            body: JSON.stringify({ grid: filledGrid(seedModel('phuong-1', '2026-Y')), source: 'sheets-addon' }),
          }),
        ).rejects.toThrow(/header/);
      });
      expect((await script.state()).fetches).toEqual([]);
      expect(service.output()).not.toMatch(/"path":"\/(manifest\.xml|api\/x|addin\/)"/);
      expect(slowestHealth).toBeLessThan(200);
      expect(storeState()).toEqual(before);
    } finally {
      await script.close();
    }
  });

  it('15. guesses from a throttled address each wait about a second, a right code gets in after the same wait, /health is not slowed', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.15' };
    const me = (code: string) => send({ method: 'GET', path: '/api/v1/me', headers: { ...bearer(code), ...from } });
    for (let i = 0; i < 10; i++) expect((await me(`wrong-guess-${i}-xxxxxxxx`)).status).toBe(401);
    const before = storeState();
    const timed = async (code: string) => {
      const started = performance.now();
      const answer = await me(code);
      return { status: answer.status, ms: performance.now() - started };
    };
    const {
      value: [right, ...wrong],
      slowestHealth,
    } = await watched(() =>
      Promise.all([
        timed(codes.agencies['phuong-2']!),
        ...Array.from({ length: 20 }, (_, i) => timed(`parallel-guess-${i}-xxxxxxxx`)),
      ]),
    );
    for (const answer of wrong) {
      expect(answer.status).toBe(429);
      expect(answer.ms).toBeGreaterThanOrEqual(900);
    }
    expect(right).toMatchObject({ status: 200 });
    expect(right!.ms).toBeGreaterThanOrEqual(900);
    expect(slowestHealth).toBeLessThan(200);
    // Another address is not slowed by this one.
    expect(
      (await send({ method: 'GET', path: '/api/v1/me', headers: bearer(codes.agencies['phuong-2']!) })).status,
    ).toBe(200);
    expect(storeState()).toEqual(before);
    expect(existsSync(join(dataDir, 'plan-reporting.sqlite'))).toBe(true);
  });
});
