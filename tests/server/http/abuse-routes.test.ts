// The abuse suite for the route table (issue 21, item 3), against the real `plan-reporting serve` process: every route
// with a request schema, sent hostile bodies, answers 400 naming the field, /health stays under 200 ms while it runs,
// and nothing is stored.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, ROUTES } from '../../../shared/api/routes.ts';
import {
  bearer,
  send as sendRaw,
  storeState as storeStateOf,
  watchHealth as watchHealthOf,
  type Raw,
} from '../../helpers/abuse.ts';
import { spawnServe, stop, type ServeProcess } from '../../helpers/process.ts';

let service: ServeProcess;
let dataDir: string;
let codes: { admin: string; agencies: Record<string, string> };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'abuse-routes-'));
  service = await spawnServe({ DATA_DIR: dataDir });
  codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8'));
}, 60_000);
afterAll(async () => {
  if (service) await stop(service.child, 'SIGTERM');
});

const send = (raw: Raw) => sendRaw(service.url, raw);
const SCOPE = { plan: 'kh-2023', period: '2026-Y' };

/** Every route of the table that reads a JSON body, with the params of the seed plan. */
const BODY_ROUTES = [
  [ROUTES.addAccount, pathOf(ROUTES.addAccount, {})],
  [ROUTES.setContacts, pathOf(ROUTES.setContacts, { id: 'vung-tau-2023', agencyId: 'phuong-1' })],
  [ROUTES.correctPlan, pathOf(ROUTES.correctPlan, { plan: 'kh-2023' })],
  [ROUTES.addAgency, pathOf(ROUTES.addAgency, { id: 'vung-tau-2023' })],
  [ROUTES.openNewPeriod, pathOf(ROUTES.openNewPeriod, { plan: 'kh-2023' })],
  [ROUTES.masterSource, pathOf(ROUTES.masterSource, SCOPE)],
  [ROUTES.grantException, pathOf(ROUTES.grantException, SCOPE)],
] as const;

describe('hostile bodies on the routes of the table', () => {
  it('lists every route with a request schema here', () => {
    // The review's body is tried in review.test.ts on a real submission.
    const withSchema = Object.values(ROUTES).filter((r) => r.request !== null && r !== ROUTES.review);
    expect(new Set(withSchema)).toEqual(new Set(BODY_ROUTES.map(([route]) => route)));
  });

  it('answers each a 400 naming the field, /health answering meanwhile, nothing stored', async () => {
    const before = storeStateOf(dataDir);
    // Each route once before the watch: what a first request loads (lazily imported modules) is not the point here.
    for (const [{ method }, path] of BODY_ROUTES)
      await send({
        method,
        path: `/api/v1${path}`,
        headers: { ...bearer(codes.admin), 'Content-Type': 'application/json' },
        body: '[]',
      });
    const health = watchHealthOf(service.url);
    // The body, the code of the answer, and what its field must be (the JSON gate refuses some before any schema).
    const bodies: [unknown, string, (field: string) => boolean][] = [
      [[1, 2, 3], 'bad-payload', (f) => f.length <= 81], // an array where an object is expected
      [{ ['x'.repeat(5000)]: 1 }, 'bad-payload', (f) => f.length <= 81], // an unknown key: never echoed whole
      [
        { name: { toString: 'x' }, id: [], acceptedOnly: 'yes', contacts: 'all', agencyId: {}, aliases: 7 },
        'bad-payload',
        (f) => f.length > 0,
      ],
      ['"text"', 'malformed-json', () => true],
      [{ constructor: { prototype: { polluted: true } } }, 'forbidden-key', () => true],
    ];
    for (const [{ method }, path] of BODY_ROUTES) {
      for (const [body, code, fieldOk] of bodies) {
        const answer = await send({
          method,
          path: `/api/v1${path}`,
          headers: { ...bearer(codes.admin), 'Content-Type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        expect(answer.status, `${method} ${path} ${JSON.stringify(body).slice(0, 40)}`).toBe(400);
        const problem = JSON.parse(answer.body);
        expect(problem.code, path).toBe(code);
        if (code === 'bad-payload')
          expect(fieldOk(String(problem.field)), `${path}: field "${problem.field}"`).toBe(true);
        expect(problem.title).toContain(' / ');
      }
    }
    expect(await health.stop()).toBeLessThan(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(storeStateOf(dataDir)).toEqual(before);
  }, 60_000);

  it('guards the role before reading the body: an agency sending a hostile body to a coordinator route gets 403', async () => {
    const agency = Object.values(codes.agencies)[0]!;
    const answer = await send({
      method: 'POST',
      path: `/api/v1${pathOf(ROUTES.addAccount, {})}`,
      headers: { ...bearer(agency), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 1 }),
    });
    expect(answer.status).toBe(403);
  });
});
