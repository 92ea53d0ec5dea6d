// The abuse suite, request bodies and queries checked by their schemas (validBody / validQuery), against the real
// `plan-reporting serve` process: each hostile body gets the catalogue's 400 naming its field, worded as the catalogue
// words it, /health stays under 200 ms throughout, and nothing stored changes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordProblem, type BodyKind } from '../../../shared/api/problems.ts';
import { bearer, send as sendRaw, storeState as storeStateOf, watchHealth, type Raw } from '../../helpers/abuse.ts';
import { spawnServe, stop, type ServeProcess } from '../../helpers/process.ts';

let service: ServeProcess;
let dataDir: string;
let codes: { admin: string; agencies: Record<string, string> };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'abuse-problems-'));
  service = await spawnServe({ DATA_DIR: dataDir });
  codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8'));
}, 60_000);
afterAll(async () => {
  if (service) await stop(service.child, 'SIGTERM');
});

const PLAN = '/api/v1/plans/kh-2023';
const PERIOD = `${PLAN}/periods/2026-Y`;
const json = (method: string, path: string, body: unknown): Raw => ({
  method,
  path: `/api/v1${path}`,
  headers: { ...bearer(codes.admin), 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
const title = (body: BodyKind, field: string, message: string) => {
  const w = wordProblem('bad-payload', { body, field, message });
  return `${w.vi} / ${w.en}`;
};
const accounts = async () =>
  JSON.parse(
    (await sendRaw(service.url, { method: 'GET', path: '/api/v1/accounts', headers: bearer(codes.admin) })).body,
  ).accounts.length;

/** A hostile body, its route's kind of body, and the field the refusal must name. */
const CASES: [string, () => Raw, BodyKind, string][] = [
  ['an account as an array', () => json('POST', '/accounts', []), 'account', 'name'],
  [
    'an account with a role that is no role',
    () => json('POST', '/accounts', { name: 'Nguyễn Văn A', role: 'admin' }),
    'account',
    'role',
  ],
  [
    'an account whose name is 100 000 characters',
    () => json('POST', '/accounts', { name: 'a'.repeat(100_000), role: 'viewer' }),
    'account',
    'name',
  ],
  [
    'an account with a key the schema does not know',
    () => json('POST', '/accounts', { name: 'Nguyễn Văn A', role: 'viewer', isAdmin: true }),
    'account',
    'name',
  ],
  [
    'a period id 5 000 characters long',
    () => json('POST', '/plans/kh-2023/periods', { id: '2'.repeat(5000) }),
    'period',
    'id',
  ],
  ['a period id that is a number', () => json('POST', '/plans/kh-2023/periods', { id: 2026 }), 'period', 'id'],
  [
    'a master source that is a string',
    () => json('POST', '/plans/kh-2023/periods/2026-Y/master-source', { acceptedOnly: 'yes' }),
    'master-source',
    'acceptedOnly',
  ],
  [
    'an exception with an agency nested 60 deep',
    () =>
      json('POST', '/plans/kh-2023/periods/2026-Y/exceptions', {
        agencyId: deep(60),
        until: '2026-12-31',
        reason: 'x',
      }),
    'exception',
    'agencyId',
  ],
  [
    'an exception with a date that is not one',
    () =>
      json('POST', '/plans/kh-2023/periods/2026-Y/exceptions', {
        agencyId: 'phong-tu-phap',
        until: '31/12/2026',
        reason: 'x',
      }),
    'exception',
    'until',
  ],
  [
    'contacts, 1 000 of them',
    () =>
      json('PUT', '/directories/vung-tau-2023/agencies/phong-tu-phap/contacts', {
        contacts: Array.from({ length: 1000 }, () => ({ name: 'A', email: 'a@b.vn' })),
      }),
    'contacts',
    'contacts',
  ],
  [
    'a new agency whose groups are an object',
    () =>
      json('POST', '/directories/vung-tau-2023/agencies', {
        name: 'Trung tâm mới',
        kind: 'public-service-unit',
        groups: { 0: 'x' },
      }),
    'agency',
    'groups',
  ],
];

describe('hostile bodies and queries, against the real service', () => {
  it.each(CASES)(
    "%s: 400 bad-payload naming the field, in the catalogue's words; /health < 200 ms; nothing stored",
    async (_label, raw, kind, field) => {
      const before = { store: storeStateOf(dataDir), accounts: await accounts() };
      const health = watchHealth(service.url);
      const answers = await Promise.all(Array.from({ length: 5 }, () => sendRaw(service.url, raw())));
      const slowest = await health.stop();
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(answer.type).toContain('application/problem+json');
        const problem = JSON.parse(answer.body);
        expect(problem).toMatchObject({ status: 400, code: 'bad-payload', field });
        const message = problem.title.match(/: (.*)\. \//)?.[1] ?? '';
        expect(problem.title).toBe(title(kind, field, message));
      }
      expect(slowest).toBeLessThan(200);
      expect({ store: storeStateOf(dataDir), accounts: await accounts() }).toEqual(before);
    },
  );

  it('a plan correction nested deep and a query with a limit past its bound: their own 400s, worded by the catalogue', async () => {
    const health = watchHealth(service.url);
    const patch = await sendRaw(service.url, json('PATCH', '/plans/kh-2023', { tasks: deep(200) }));
    const query = await sendRaw(service.url, {
      method: 'GET',
      path: `${PLAN}/sections/tasks?limit=100000000&offset=-1`,
      headers: bearer(codes.admin),
    });
    const slowest = await health.stop();
    expect(patch.status).toBe(400);
    const corrected = JSON.parse(patch.body);
    expect(corrected).toMatchObject({ code: 'bad-payload', field: expect.stringMatching(/^tasks\./) });
    expect(corrected.title).toBe(title('correction', corrected.field, corrected.title.match(/: (.*)\. \//)?.[1] ?? ''));
    expect(query.status).toBe(400);
    const q = wordProblem('bad-query', { field: 'offset' });
    expect(JSON.parse(query.body)).toMatchObject({ code: 'bad-query', field: 'offset', title: `${q.vi} / ${q.en}` });
    expect(slowest).toBeLessThan(200);
  });

  it('a stranger gets 401 before its body is judged', async () => {
    const answer = await sendRaw(service.url, {
      method: 'POST',
      path: `${PERIOD}/exceptions`,
      headers: { 'Content-Type': 'application/json' },
      body: '{"agencyId":{}}',
    });
    expect([answer.status, JSON.parse(answer.body).code]).toEqual([401, 'unauthenticated']);
  });
});
