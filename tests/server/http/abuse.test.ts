// The abuse suite: malformed and hostile input against the real service (`plan-reporting serve` in its own
// process). For each: a 4xx problem (never a 500, never a dropped connection), answered within 2 s,
// /health answering within 200 ms meanwhile, and the store unchanged (row counts and integrity check).
// Here who is asking, JSON bodies, the other routes and the HTTP layer; the hostile files are in abuse-files.test.ts.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bearer, storeState, watchHealth } from '../../helpers/abuse.ts';
import { FILE_CASES } from '../../helpers/abuse-file-cases.ts';
import {
  abuseService,
  agency,
  DOCX,
  expectRefused,
  named,
  PERIOD,
  report,
  send,
  upload,
  XLSX,
  type Case,
} from '../../helpers/abuse-service.ts';
import { filledGrid, seedModel } from '../../helpers/workbooks.ts';
import { rawZip } from '../../helpers/zip-tricks.ts';

const a = abuseService();

const deepJson = `{"grid":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

const CASES: Case[] = [
  // Who is asking
  [
    'no Authorization header',
    () => ({ path: `/api/v1/plans/kh-2023/periods/${PERIOD}/submissions`, method: 'GET' }),
    401,
  ],
  ['a 10 KB token', () => ({ path: '/api/v1/me', method: 'GET', headers: bearer('x'.repeat(10_000)) }), 401],
  [
    'a non-ASCII token',
    () => ({
      path: '/api/v1/me',
      method: 'GET',
      headers: { Authorization: Buffer.from('Bearer mãsaiđâyluônnhé', 'utf8').toString('latin1') },
    }),
    401,
  ],
  [
    'an agency code on an admin route',
    (a) => ({ path: `/api/v1/plans/kh-2023/periods/${PERIOD}/lock`, headers: agency(a) }),
    403,
  ],
  ["a foreign agency's workbook", (a) => upload(a, a.others), 409],
  // JSON bodies
  ['truncated JSON', (a) => report(a, '{"grid":{"_meta":[["templateVersion",'), 400],
  ['JSON nested 100,000 deep', (a) => report(a, deepJson), 400],
  [
    'JSON 20,000 sheets wide',
    (a) => report(a, { grid: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`s${i}`, []])) }),
    400,
  ],
  [
    'a __proto__ sheet',
    (a) => report(a, '{"grid":{"__proto__":[["x"]],"constructor":[["y"]]},"source":"excel-addin"}'),
    400,
  ],
  [
    'a __proto__ key written with escapes, deep in a row',
    (a) => report(a, '{"grid":{"Nhiệm vụ":[[{"\\u005f_proto__":1}]]},"source":"excel-addin"}'),
    400,
  ],
  ['a number past float range', (a) => report(a, '{"grid":{"_meta":[[1e400]]}}'), 400],
  ['a number where text belongs and text where rows belong', (a) => report(a, { grid: { _meta: 'rows' } }), 400],
  ['a JSON array body', (a) => report(a, [1, 2, 3]), 400],
  ['an unknown source', (a) => report(a, { grid: filledGrid(seedModel('phuong-1', PERIOD)), source: 'curl' }), 400],
  ['an extra top-level field', (a) => report(a, { grid: {}, admin: true }), 400],
  ['a JSON body over the limit', (a) => report(a, { grid: { x: [['a'.repeat(3 * 1024 * 1024)]] } }), 413],
  [
    'text that XML cannot hold, in a grid with no metadata',
    (a) => report(a, { grid: { 'Nhiệm vụ': [['\uFFFF\u0000']] }, source: 'excel-addin' }),
    422,
  ],
  [
    'JSON under a text/plain type',
    (a) => ({ ...report(a, { grid: {} }), headers: { ...agency(a), 'Content-Type': 'text/plain' } }),
    400,
  ],
  ['a bad Idempotency-Key', (a) => report(a, { grid: {} }, { 'Idempotency-Key': 'k'.repeat(300) }), 400],
  // Other routes and the HTTP layer
  [
    'a 10 KB period id',
    (a) => ({
      path: `/api/v1/plans/kh-2023/periods/${'x'.repeat(10_000)}/status`,
      method: 'GET',
      headers: bearer(a.codes.admin),
    }),
    404,
  ],
  [
    'a path with broken percent-encoding',
    (a) => ({ path: '/api/v1/plans/kh-2023/periods/%E0%A4%A/status', method: 'GET', headers: bearer(a.codes.admin) }),
    400,
  ],
  [
    'period 0001-H1',
    (a) => ({
      path: '/api/v1/plans/kh-2023/periods',
      headers: { ...bearer(a.codes.admin), 'Content-Type': 'application/json' },
      body: '{"id":"0001-H1"}',
    }),
    400,
  ],
  [
    'a period id that is a number',
    (a) => ({
      path: '/api/v1/plans/kh-2023/periods',
      headers: { ...bearer(a.codes.admin), 'Content-Type': 'application/json' },
      body: '{"id":2026}',
    }),
    400,
  ],
  // The coordinator's routes take untrusted documents too.
  [
    'a plan .docx that lies about its size',
    (a) => ({
      path: '/api/v1/plans',
      headers: { ...bearer(a.codes.admin), 'Content-Type': DOCX },
      body: rawZip([
        { name: 'word/document.xml', data: new Uint8Array(30 * 1024 * 1024).fill(32), declaredSize: 1000 },
      ]),
    }),
    422,
  ],
  [
    'a plan .docx nested 100,000 deep',
    (a) => ({
      path: '/api/v1/plans',
      headers: { ...bearer(a.codes.admin), 'Content-Type': DOCX },
      body: zipSync({
        'word/document.xml': strToU8(
          `<w:document xmlns:w="x"><w:body>${'<w:p>'.repeat(100_000)}</w:body></w:document>`,
        ),
      }),
    }),
    422,
  ],
  [
    'a plan of 3 MB of numbered lines',
    (a) => ({
      path: '/api/v1/plans',
      headers: { ...bearer(a.codes.admin), 'Content-Type': 'text/plain' },
      body: `KẾ HOẠCH\n${'1. a\n'.repeat(600_000)}`,
    }),
    413,
  ],
  [
    'a correction with hostile keys',
    (a) => ({
      method: 'PATCH',
      path: '/api/v1/plans/kh-2023',
      headers: { ...bearer(a.codes.admin), 'Content-Type': 'application/json' },
      body: '{"tasks":{"__proto__":{"title":"x"}},"aliases":{"constructor":"phong-noi-vu"}}',
    }),
    400,
  ],
  [
    'a broken chunked body',
    (a) => ({
      ...report(a, 'x'),
      headers: { ...agency(a), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: 'zz\r\nnot hex\r\n',
    }),
    400,
  ],
];

describe('the service under abuse', () => {
  it('has at least 40 cases', () => {
    expect([...CASES, ...FILE_CASES].length).toBeGreaterThanOrEqual(40);
  });

  it.each(named(CASES))('%s: a problem, fast, /health alive, store unchanged', async (_name, make, status) => {
    await expectRefused(a, make, status);
  });

  it('a slow sender is cut off with 408 after the request timeout, while /health answers', async () => {
    const before = storeState(a.dataDir);
    const health = watchHealth(a.service.url);
    const started = performance.now();
    const answer = await send(a, {
      ...upload(a, a.own.subarray(0, 1000)),
      headers: { ...agency(a), 'Content-Type': XLSX, 'Content-Length': a.own.length },
      stallMs: 10_000,
    });
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).code).toBe('request-timeout');
    expect(performance.now() - started).toBeLessThan(3500);
    expect(await health.stop()).toBeLessThan(200);
    expect(storeState(a.dataDir)).toEqual(before);
  });

  it('is still up and still takes a good report at the end', async () => {
    const answer = await send(a, upload(a, a.own));
    expect(answer.status).toBe(201);
    expect(a.service.child.exitCode).toBeNull();
    expect(storeState(a.dataDir).counts).toMatchObject({ submissions: 1 });
  });
});
