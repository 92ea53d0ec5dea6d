import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { jsonBody, reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { hashCode } from '../../../server/store/secret-codes.ts';
import { openPeriodsOfThisYear } from '../../../server/service/plan-review.ts';
import { filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ config: { throttle: { maxFailures: 3, windowMs: 60_000 } } });
});
afterAll(async () => {
  await s.close();
});

describe('health, headers and CORS', () => {
  it('answers health without a code, with security headers and a request id', async () => {
    const res = await s.api('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', time: '2026-11-25T03:00:00.000Z' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows the task pane and Google add-on origins, and no other', async () => {
    for (const origin of [
      'https://localhost:3000',
      'https://script.google.com',
      'https://n-abc123-0lu-script.googleusercontent.com',
    ]) {
      const res = await s.api('/me', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    }
    const evil = await s.api('/me', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown routes with the same problem shape', async () => {
    const res = await s.api('/nowhere', { code: s.codes.admin });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      status: 404,
      code: 'not-found',
      title: 'Không có đường dẫn GET /api/v1/nowhere. / No route GET /api/v1/nowhere.',
    });
  });
});

describe('authorisation across agencies', () => {
  it('refuses a missing or wrong code with 401', async () => {
    expect((await s.api('/me')).status).toBe(401);
    expect((await s.api('/me', { code: 'not-a-real-code-123' })).status).toBe(401);
  });

  it('keeps an agency to its own data: its own history only, no admin routes', async () => {
    const grid = filledGrid(seedModel('phong-y-te', '2026-Y'));
    expect(
      (
        await s.api('/plans/kh-2023/periods/2026-Y/reports', {
          code: s.codes.agencies['phong-y-te'],
          ...reportBody(grid),
        })
      ).status,
    ).toBe(201);
    const other = await (
      await s.api('/plans/kh-2023/periods/2026-Y/submissions', { code: s.codes.agencies['phong-tu-phap'] })
    ).json();
    expect(other.submissions).toEqual([]);
    const write = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: s.codes.agencies['phong-tu-phap'],
      ...reportBody(grid),
    });
    expect(write.status).toBe(409);
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phong-tu-phap')).toEqual([]);
    for (const [method, path] of [
      ['GET', '/agencies'],
      ['GET', '/plans/kh-2023/periods/2026-Y/status'],
      ['POST', '/plans/kh-2023/periods/2026-Y/lock'],
      ['POST', '/agencies/phong-y-te/access-code'],
    ]) {
      const res = await s.api(path!, { method, code: s.codes.agencies['phong-tu-phap'] });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('admin-only');
    }
  });

  it('opens nothing for a code whose agency has no assignment in the plan', async () => {
    const code = 'ma-cua-co-quan-ngoai-ke-hoach-123';
    await s.ctx.store.issueCode('agency', 'so-xay-dung', hashCode(code), '2026-11-25T03:00:00Z');
    const res = await s.api('/me', { code });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('agency-not-in-plan');
  });

  it('keeps the admin off the agency routes', async () => {
    const res = await s.api('/me', { code: s.codes.admin });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('agency-only');
  });

  it('issues a new code that replaces the old one, and revokes it', async () => {
    const old = s.codes.agencies['phuong-1']!;
    const issued = await s.api('/agencies/phuong-1/access-code', { method: 'POST', code: s.codes.admin });
    expect(issued.status).toBe(201);
    const { accessCode } = await issued.json();
    expect((await s.api('/me', { code: accessCode })).status).toBe(200);
    expect((await s.api('/me', { code: old })).status).toBe(401);
    const list = await (await s.api('/agencies', { code: s.codes.admin })).json();
    expect(list.agencies).toHaveLength(35);
    expect(JSON.stringify(list)).not.toContain(accessCode);
    expect((await s.api('/agencies/phuong-1/access-code', { method: 'DELETE', code: s.codes.admin })).status).toBe(200);
    expect((await s.api('/me', { code: accessCode })).status).toBe(401);
    expect((await s.api('/agencies/so-xay-dung/access-code', { method: 'POST', code: s.codes.admin })).status).toBe(
      404,
    );
  });

  it('stores codes only as hashes and never logs them', async () => {
    const grid = filledGrid(seedModel('phong-van-hoa-thong-tin', '2026-Y'));
    expect(
      (
        await s.api('/plans/kh-2023/periods/2026-Y/reports', {
          code: s.codes.agencies['phong-van-hoa-thong-tin'],
          ...reportBody(grid),
        })
      ).status,
    ).toBe(201);
    const file = await import('node:fs').then((fs) => fs.readFileSync(`${s.dataDir}/plan-reporting.sqlite`));
    expect(file.includes(Buffer.from(s.codes.admin))).toBe(false);
    expect(JSON.stringify(s.logs)).not.toContain(s.codes.admin);
    expect(
      s.logs.some(
        (l) =>
          l.agencyId === 'phong-van-hoa-thong-tin' &&
          l.path === '/api/v1/plans/kh-2023/periods/2026-Y/reports' &&
          l.status === 201,
      ),
    ).toBe(true);
  });

  it('slows down the guessing with 429 and Retry-After, never the owners of right codes', async () => {
    s.setNow('2026-11-25T03:10:00Z'); // earlier wrong codes of this file are out of the window
    for (let i = 0; i < 3; i++) expect((await s.api('/me', { code: `wrong-code-${i}xx` })).status).toBe(401);
    const blocked = await s.api('/me', { code: 'wrong-code-4xx' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Same address (a ward office behind one NAT): the agency and the admin still get in.
    expect((await s.api('/me', { code: s.codes.agencies['phuong-2'] })).status).toBe(200);
    expect((await s.api('/agencies', { code: s.codes.admin })).status).toBe(200);
    // A right code does not wipe the stranger's count.
    expect((await s.api('/me', { code: 'wrong-code-5xx' })).status).toBe(429);
    s.setNow('2026-11-25T03:11:01Z');
    expect((await s.api('/me', { code: 'wrong-code-6xx' })).status).toBe(401);
    s.setNow('2026-11-25T03:00:00Z');
  });

  it('reads the Bearer scheme in any case, and calls a long or non-ASCII token a wrong code', async () => {
    const me = (authorization: string) => s.api('/me', { headers: { Authorization: authorization } });
    s.setNow('2026-11-25T04:00:00Z');
    expect((await me(`bearer ${s.codes.agencies['phuong-2']}`)).status).toBe(200);
    expect((await me(`BEARER   ${s.codes.agencies['phuong-2']}`)).status).toBe(200);
    expect((await (await me(`Bearer ${'x'.repeat(10_000)}`)).json()).code).toBe('bad-access-code');
    expect((await (await me(`Bearer ${encodeURIComponent('mã-sai-tiếng-việt')}é`)).json()).code).toBe(
      'bad-access-code',
    );
    expect((await (await me('Basic abc')).json()).code).toBe('unauthenticated');
    s.setNow('2026-11-25T03:00:00Z');
  });
});

describe('periods and the status table (each test on a store of its own)', () => {
  /** Runs `fn` against a fresh service, closed afterwards. */
  async function fresh(fn: (t: TestServer) => Promise<void>) {
    const t = await startServer();
    try {
      await fn(t);
    } finally {
      await t.close();
    }
  }

  it('opens a period once, refuses a malformed one, and lists them', () =>
    fresh(async (t) => {
      const first = await t.api('/plans/kh-2023/periods', { code: t.codes.admin, ...jsonBody({ id: '2027-H1' }) });
      expect(first.status).toBe(201);
      expect(await first.json()).toMatchObject({ id: '2027-H1', state: 'open', dueBefore: '2027-06-15' });
      expect(
        (await t.api('/plans/kh-2023/periods', { code: t.codes.admin, ...jsonBody({ id: '2027-H1' }) })).status,
      ).toBe(200);
      const bad = await t.api('/plans/kh-2023/periods', { code: t.codes.admin, ...jsonBody({ id: '2027-Q1' }) });
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('period-kind-not-in-plan');
      const list = await (await t.api('/plans/kh-2023/periods', { code: t.codes.admin })).json();
      expect(list).toMatchObject({ current: '2026-Y' });
      expect(list.periods.map((p: { id: string }) => p.id)).toEqual(['2026-H1', '2026-Y', '2027-H1']);
    }));

  it("opens the next year's periods once the Vietnam date turns over, and only once", () =>
    fresh(async (t) => {
      expect(
        (await t.api('/plans/kh-2023/periods', { code: t.codes.admin, ...jsonBody({ id: '2027-H1' }) })).status,
      ).toBe(201);
      t.setNow('2026-12-31T16:59:00Z');
      expect(await openPeriodsOfThisYear(t.ctx, 'kh-2023')).toEqual([]);
      t.setNow('2026-12-31T17:00:00Z');
      expect(await openPeriodsOfThisYear(t.ctx, 'kh-2023')).toEqual(['2027-Y']); // 2027-H1 was opened by hand
      expect(await openPeriodsOfThisYear(t.ctx, 'kh-2023')).toEqual([]);
    }));

  it('decides late by 00:00 on the due day in Vietnam time, and shows who is missing', () =>
    fresh(async (t) => {
      const send = (agency: string) => {
        const grid = filledGrid(seedModel(agency, '2026-Y'));
        setCell(grid, TASKS_SHEET, 5, 'results', `Báo cáo của ${agency}`);
        return t
          .api('/plans/kh-2023/periods/2026-Y/reports', { code: t.codes.agencies[agency], ...reportBody(grid) })
          .then((r) => r.json());
      };
      t.setNow('2026-12-14T16:59:59.999Z');
      expect((await send('phuong-3')).onTime).toBe(true);
      t.setNow('2026-12-14T17:00:00.000Z');
      expect((await send('phuong-4')).onTime).toBe(false);
      const status = await (await t.api('/plans/kh-2023/periods/2026-Y/status', { code: t.codes.admin })).json();
      expect(status.period).toMatchObject({ id: '2026-Y', daysLeft: 0 });
      expect(status.counts).toEqual({ expected: 35, submitted: 2, onTime: 1, late: 1, missing: 33 });
      const row = (id: string) => status.agencies.find((a: { agencyId: string }) => a.agencyId === id);
      expect(row('phuong-3')).toMatchObject({
        submitted: true,
        version: 1,
        onTime: true,
        source: 'excel-addin',
        receivedAt: '2026-12-14T16:59:59.999Z',
      });
      expect(row('phuong-4')).toMatchObject({ submitted: true, onTime: false });
      expect(row('phuong-5')).toMatchObject({ submitted: false, version: null, onTime: null });
      expect(status.agencies[0].agencyId).toBe('van-phong-hdnd-ubnd');
    }));
});
