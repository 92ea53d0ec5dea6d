// Abuse of the agency routes that read or write workbooks (issue 20, items 2–4), against the real `plan-reporting serve`
// process: one agency's flood never makes another wait or turns it away, a hostile body is refused fast, and /health
// answers in under 200 ms throughout. Each test failed before its fix.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  send as sendRaw,
  storeState as storeStateOf,
  type Answer,
  type Raw,
  watched as watchedOf,
} from '../../helpers/abuse.ts';
import { spawnServe, stop, type ServeProcess } from '../../helpers/process.ts';
import { filledGrid, filledXlsx, seedModel, setCell } from '../../helpers/workbooks.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PERIOD = '2026-Y';

let service: ServeProcess;
let dataDir: string;
let codes: { admin: string; agencies: Record<string, string> };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'abuse-uploads-'));
  // Two readers, as on the 2-core machines here, whatever this one has.
  service = await spawnServe({ DATA_DIR: dataDir, UPLOAD_READERS: '2' });
  codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8'));
}, 60_000);
afterAll(async () => {
  if (service) await stop(service.child, 'SIGTERM');
});

const send = (raw: Raw) => sendRaw(service.url, raw);
const agency = (id: string) => bearer(codes.agencies[id]!);
const upload = (id: string, body: Uint8Array): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/workbooks`,
  headers: { ...agency(id), 'Content-Type': XLSX },
  body,
});
const report = (id: string, body: string): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/reports`,
  headers: { ...agency(id), 'Content-Type': 'application/json' },
  body,
});
const storeState = () => storeStateOf(dataDir);
const problemOf = (answer: Answer) =>
  JSON.parse(answer.body) as { status: number; code: string; title: string; detail?: string };

/** Runs `work` while /health is polled; the slowest /health answer (ms) with the work's result. */
async function watched<T>(work: () => Promise<T>): Promise<{ result: T; health: number }> {
  const { value, health } = await watchedOf(service.url, work);
  return { result: value, health };
}

/** 3 million empty shared strings: 94 KB zipped, a grid no template can hold. */
function manyStrings(): Uint8Array {
  return zipSync(
    {
      'xl/workbook.xml': strToU8(
        '<workbook><sheets><sheet name="Nhiệm vụ" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
      ),
      'xl/sharedStrings.xml': strToU8(`<sst>${'<si><t></t></si>'.repeat(3_000_000)}</sst>`),
    },
    { level: 9 },
  );
}

describe('item 2: one agency flooding the upload readers', () => {
  let hostile: Uint8Array;
  let valid: Record<string, Uint8Array>;
  beforeAll(async () => {
    hostile = manyStrings();
    valid = Object.fromEntries(
      await Promise.all(
        ['phuong-2', 'phuong-3', 'phuong-4', 'phuong-5'].map(async (id) => [id, await filledXlsx(id, PERIOD)] as const),
      ),
    );
    // A service that has been running: its readers started (two agencies' workbooks at once start two).
    await Promise.all(
      ['phuong-2', 'phuong-3'].map((id) =>
        send({ method: 'GET', path: `/api/v1/plans/kh-2023/periods/${PERIOD}/template.xlsx`, headers: agency(id) }),
      ),
    );
  }, 60_000);

  it('a workbook of 3 million empty shared strings is refused at once, naming the part', async () => {
    const before = storeState();
    const started = performance.now();
    const { result: answer, health } = await watched(() => send(upload('phuong-1', hostile)));
    const ms = performance.now() - started;
    expect(answer.status, answer.body.slice(0, 300)).toBe(422);
    expect(problemOf(answer)).toMatchObject({
      code: 'workbook-too-many-elements',
      title: expect.stringContaining('xl/sharedStrings.xml'),
    });
    expect(ms).toBeLessThan(500);
    expect(health).toBeLessThan(200);
    expect(storeState()).toEqual(before);
  });

  it("ten concurrent copies from agency A leave agency B's valid upload a short wait", async () => {
    const before = storeState();
    const { result, health } = await watched(async () => {
      const flood = Array.from({ length: 10 }, () => send(upload('phuong-1', hostile)));
      await new Promise((r) => setTimeout(r, 100));
      const started = performance.now();
      const b = await send(upload('phuong-2', valid['phuong-2']!));
      return { b, wait: performance.now() - started, flood: await Promise.all(flood) };
    });
    expect(result.b.status, result.b.body.slice(0, 300)).toBe(201);
    expect(result.wait).toBeLessThan(3000);
    for (const a of result.flood) expect([422, 429], a.body.slice(0, 300)).toContain(a.status);
    expect(health).toBeLessThan(200);
    expect((storeState().counts as { submissions: number }).submissions).toBe(
      (before.counts as { submissions: number }).submissions + 1,
    );
  }, 60_000);

  it('ten copies from agency A of a workbook that is slow to read leave agency B a short wait', async () => {
    // 45 MB of text in one cell: valid XML, about a second of a reader's time, 45 KB to send.
    const slow = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'a'.repeat(45 * 1024 * 1024)}</t></is></c></row></sheetData></worksheet>`,
      ),
    });
    const { result, health } = await watched(async () => {
      const flood = Array.from({ length: 10 }, () => send(upload('phuong-1', slow)));
      await new Promise((r) => setTimeout(r, 100));
      const started = performance.now();
      const b = await send(upload('phuong-5', valid['phuong-5']!));
      return { b, wait: performance.now() - started, flood: await Promise.all(flood) };
    });
    expect(result.b.status, result.b.body.slice(0, 300)).toBe(201);
    expect(result.wait).toBeLessThan(3000);
    // A's files are read one at a time (a second of a reader each), the rest refused busy; B never waits for them.
    const codes = result.flood.map((a) => problemOf(a).code);
    expect(codes).toContain('busy');
    for (const a of result.flood) expect([422, 429], a.body.slice(0, 300)).toContain(a.status);
    expect(health).toBeLessThan(200);
  }, 60_000);

  it('thirty copies from agency A: A is told 429 busy with the limit and Retry-After, other agencies are never turned away', async () => {
    const { result, health } = await watched(async () => {
      const flood = Array.from({ length: 30 }, () => send(upload('phuong-1', hostile)));
      await new Promise((r) => setTimeout(r, 100));
      const others = await Promise.all(['phuong-3', 'phuong-4'].map((id) => send(upload(id, valid[id]!))));
      return { others, flood: await Promise.all(flood) };
    });
    for (const b of result.others) expect(b.status, b.body.slice(0, 300)).toBe(201);
    const busy = result.flood.filter((a) => a.status === 429);
    expect(busy.length).toBeGreaterThan(0);
    for (const a of result.flood) expect([422, 429], a.body.slice(0, 300)).toContain(a.status);
    expect(problemOf(busy[0]!)).toMatchObject({ code: 'busy', title: expect.stringMatching(/\d/) });
    expect(Number(busy[0]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(health).toBeLessThan(200);
  }, 60_000);
});

describe('item 3: agency JSON bodies', () => {
  /** A 1.8 MB body: 150,000 keys inside grid. */
  const wide = () =>
    JSON.stringify({
      grid: Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`s${i}`, []])),
      source: 'excel-addin',
    });
  /** A million cells (20 sheets of 2,000 rows of 25 zeros), under the 2 MB limit. */
  const million = () =>
    `{"grid":{${Array.from({ length: 20 }, (_, s) => `"s${s}":[${Array.from({ length: 2000 }, () => `[${'0,'.repeat(24)}0]`).join(',')}]`).join(',')}},"source":"excel-addin"}`;

  it('150,000 keys inside grid are refused fast, naming grid', async () => {
    const body = wide();
    expect(body.length).toBeGreaterThan(1_700_000);
    const before = storeState();
    const started = performance.now();
    const { result: answer, health } = await watched(() => send(report('phuong-5', body)));
    const ms = performance.now() - started;
    expect([400, 413], answer.body.slice(0, 300)).toContain(answer.status);
    expect(problemOf(answer).title).toContain('grid');
    expect(ms).toBeLessThan(300);
    expect(health).toBeLessThan(200);
    expect(storeState()).toEqual(before);
  });

  it('four such bodies in parallel keep /health under 200 ms', async () => {
    const body = wide();
    const { result, health } = await watched(() =>
      Promise.all(
        Array.from({ length: 4 }, (_, i) => send(report(['phuong-5', 'phuong-7', 'phuong-8', 'phuong-9'][i]!, body))),
      ),
    );
    for (const answer of result) expect([400, 413, 429], answer.body.slice(0, 300)).toContain(answer.status);
    expect(health).toBeLessThan(200);
  });

  it("the same bodies sent by agencies to a coordinator's route are refused 403 unread, /health alive", async () => {
    const body = wide();
    const { result, health } = await watched(() =>
      Promise.all(
        ['phuong-5', 'phuong-7', 'phuong-8', 'phuong-9'].map((id) =>
          send({
            path: '/api/v1/plans/kh-2023/periods',
            headers: { ...agency(id), 'Content-Type': 'application/json' },
            body,
          }),
        ),
      ),
    );
    for (const answer of result) expect(answer.status, answer.body.slice(0, 300)).toBe(403);
    expect(health).toBeLessThan(200);
  });

  it('a body of a million cells is refused fast, naming where', async () => {
    const body = million();
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const started = performance.now();
    const { result: answer, health } = await watched(() => send(report('phuong-5', body)));
    const ms = performance.now() - started;
    expect([400, 413], answer.body.slice(0, 300)).toContain(answer.status);
    expect(problemOf(answer).title).toContain('grid');
    expect(ms).toBeLessThan(300);
    expect(health).toBeLessThan(200);
  });

  it('valid reports are still taken: a usual one, read at once, and a long one, read in the pool', async () => {
    const usual = JSON.stringify({ grid: filledGrid(seedModel('phuong-10', PERIOD)), source: 'excel-addin' });
    expect(usual.length).toBeLessThan(32 * 1024);
    const answer = await send(report('phuong-10', usual));
    expect(answer.status, answer.body.slice(0, 300)).toBe(201);
    const model = seedModel('phuong-12', PERIOD);
    const grid = filledGrid(model);
    model.tasks.forEach((_, i) =>
      setCell(
        grid,
        TASKS_SHEET,
        TASKS_SHEET.headerRow + 1 + i,
        'results',
        `Kết quả chi tiết ${i}: ${'đã triển khai đầy đủ, '.repeat(80)}`,
      ),
    );
    const long = JSON.stringify({ grid, source: 'excel-addin' });
    expect(long.length).toBeGreaterThan(32 * 1024);
    const pooled = await send(report('phuong-12', long));
    expect(pooled.status, pooled.body.slice(0, 300)).toBe(201);
  });
});

describe('item 4: workbooks generated for download', () => {
  it('/health answers in under 200 ms during a templates.zip download', async () => {
    const { result: answer, health } = await watched(() =>
      send({
        method: 'GET',
        path: `/api/v1/plans/kh-2023/periods/${PERIOD}/templates.zip`,
        headers: bearer(codes.admin),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('application/zip');
    expect(health).toBeLessThan(200);
  }, 30_000);

  it('fifty parallel template.xlsx requests from one agency: some served, the rest 429 with Retry-After, /health alive', async () => {
    const get = () =>
      send({
        method: 'GET',
        path: `/api/v1/plans/kh-2023/periods/${PERIOD}/template.xlsx`,
        headers: agency('phuong-11'),
      });
    const { result, health } = await watched(() => Promise.all(Array.from({ length: 50 }, get)));
    const served = result.filter((a) => a.status === 200);
    const busy = result.filter((a) => a.status === 429);
    expect(served.length + busy.length).toBe(50);
    expect(served.length).toBeGreaterThan(0);
    expect(busy.length).toBeGreaterThan(0);
    expect(problemOf(busy[0]!).code).toBe('busy');
    expect(Number(busy[0]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(health).toBeLessThan(200);
    // Another agency is not held back by the first one's requests.
    expect(
      (
        await send({
          method: 'GET',
          path: `/api/v1/plans/kh-2023/periods/${PERIOD}/template.xlsx`,
          headers: agency('phuong-12'),
        })
      ).status,
    ).toBe(200);
  }, 30_000);
});
