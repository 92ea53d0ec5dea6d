// The abuse suite: malformed and hostile input against the real service (`plan-reporting serve` in its own
// process). For each: a 4xx problem (never a 500, never a dropped connection), answered within 2 s,
// /health answering within 200 ms meanwhile, and the store unchanged (row counts and integrity check).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  send as sendRaw,
  storeState as storeStateOf,
  watchHealth as watchHealthOf,
  type Raw,
} from '../../helpers/abuse.ts';
import { buildDocx } from '../../helpers/docx.ts';
import { spawnServe, stop, type ServeProcess } from '../../helpers/process.ts';
import { filledGrid, filledXlsx, seedModel } from '../../helpers/workbooks.ts';
import { rawZip } from '../../helpers/zip-tricks.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PERIOD = '2026-Y';

let service: ServeProcess;
let dataDir: string;
let codes: { admin: string; agencies: Record<string, string> };
let own: Uint8Array;
let others: Uint8Array;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'abuse-'));
  service = await spawnServe({ DATA_DIR: dataDir, UPLOAD_READ_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1000' });
  codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8'));
  [own, others] = await Promise.all([filledXlsx('phuong-1', PERIOD), filledXlsx('phuong-2', PERIOD)]);
}, 60_000);
afterAll(async () => {
  if (service) await stop(service.child, 'SIGTERM');
});

const send = (raw: Raw) => sendRaw(service.url, raw);

const agency = (id = 'phuong-1') => bearer(codes.agencies[id]!);
const json = (value: unknown, extra: Record<string, string> = {}) => ({
  headers: { ...agency(), 'Content-Type': 'application/json', ...extra },
  body: typeof value === 'string' ? value : JSON.stringify(value),
});
const upload = (body: Uint8Array | string, headers: Record<string, string | number> = {}): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/workbooks`,
  headers: { ...agency(), 'Content-Type': XLSX, ...headers },
  body,
});
const report = (value: unknown, extra: Record<string, string> = {}): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/reports`,
  ...json(value, extra),
});
const multipart = (parts: string, boundary = 'XYZ'): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/workbooks`,
  headers: { ...agency(), 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  body: parts,
});

/** A workbook whose parts are the given XML (the rest minimal and valid). */
function xlsxWith(parts: Record<string, string>): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries({
        'xl/workbook.xml': '<workbook><sheets><sheet name="Nhiệm vụ" sheetId="1" r:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels':
          '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml':
          '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>',
        ...parts,
      }).map(([name, xml]) => [name, strToU8(xml)]),
    ),
  );
}
const sheet = (cells: string) =>
  xlsxWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>` });

const storeState = () => storeStateOf(dataDir);
const watchHealth = () => watchHealthOf(service.url);

type Case = [name: string, make: () => Raw, status: number];
const named = (cases: Case[]) => cases.map(([name, make, status]) => [`${name} → ${status}`, make, status] as const);

const deepJson = `{"grid":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `xl/media/f${i}.bin`, data: strToU8('x') }));

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
    () => ({ path: `/api/v1/plans/kh-2023/periods/${PERIOD}/lock`, headers: agency() }),
    403,
  ],
  ["a foreign agency's workbook", () => upload(others), 409],
  // JSON bodies
  ['truncated JSON', () => report('{"grid":{"_meta":[["templateVersion",'), 400],
  ['JSON nested 100,000 deep', () => report(deepJson), 400],
  [
    'JSON 20,000 sheets wide',
    () => report({ grid: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`s${i}`, []])) }),
    400,
  ],
  [
    'a __proto__ sheet',
    () => report('{"grid":{"__proto__":[["x"]],"constructor":[["y"]]},"source":"excel-addin"}'),
    400,
  ],
  [
    'a __proto__ key written with escapes, deep in a row',
    () => report('{"grid":{"Nhiệm vụ":[[{"\\u005f_proto__":1}]]},"source":"excel-addin"}'),
    400,
  ],
  ['a number past float range', () => report('{"grid":{"_meta":[[1e400]]}}'), 400],
  ['a number where text belongs and text where rows belong', () => report({ grid: { _meta: 'rows' } }), 400],
  ['a JSON array body', () => report([1, 2, 3]), 400],
  ['an unknown source', () => report({ grid: filledGrid(seedModel('phuong-1', PERIOD)), source: 'curl' }), 400],
  ['an extra top-level field', () => report({ grid: {}, admin: true }), 400],
  ['a JSON body over the limit', () => report({ grid: { x: [['a'.repeat(3 * 1024 * 1024)]] } }), 413],
  [
    'text that XML cannot hold, in a grid with no metadata',
    () => report({ grid: { 'Nhiệm vụ': [['\uFFFF\u0000']] }, source: 'excel-addin' }),
    422,
  ],
  [
    'JSON under a text/plain type',
    () => ({ ...report({ grid: {} }), headers: { ...agency(), 'Content-Type': 'text/plain' } }),
    400,
  ],
  ['a bad Idempotency-Key', () => report({ grid: {} }, { 'Idempotency-Key': 'k'.repeat(300) }), 400],
  // Upload bodies
  [
    'multipart without its closing boundary',
    () => multipart('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc'),
    400,
  ],
  [
    'multipart without a boundary parameter',
    () => ({ ...multipart('abc'), headers: { ...agency(), 'Content-Type': 'multipart/form-data' } }),
    400,
  ],
  [
    'multipart with two files',
    () =>
      multipart(
        `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc\r\n--XYZ\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\n\r\ndef\r\n--XYZ--\r\n`,
      ),
    400,
  ],
  [
    'multipart with an empty file',
    () => multipart('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n\r\n--XYZ--\r\n'),
    422,
  ],
  ['an empty body', () => upload(''), 422],
  ['an upload over 10 MB', () => upload(new Uint8Array(11 * 1024 * 1024)), 413],
  [
    'a Content-Length that claims 1 GB',
    () => ({ ...upload('abc'), headers: { ...agency(), 'Content-Type': XLSX, 'Content-Length': 1024 ** 3 } }),
    413,
  ],
  ['a CSV', () => ({ ...upload('a,b'), headers: { ...agency(), 'Content-Type': 'text/csv' } }), 415],
  [
    'a legacy .xls',
    () => upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600)])),
    422,
  ],
  ['a .docx', () => upload(buildDocx(['KẾ HOẠCH'])), 422],
  // Zip tricks
  [
    'a zip that lies about its size (64 MB declared as 22 KB)',
    () =>
      upload(
        rawZip([
          { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(64 * 1024 * 1024).fill(32), declaredSize: 22_000 },
        ]),
      ),
    422,
  ],
  [
    'a zip entry with a bad CRC',
    () => upload(rawZip([{ name: 'xl/workbook.xml', data: strToU8('<workbook/>'), crc: 7 }])),
    422,
  ],
  [
    'overlapping zip entries',
    () =>
      upload(
        rawZip(
          Array.from({ length: 50 }, (_, i) => ({ name: `xl/worksheets/s${i}.xml`, data: new Uint8Array(100_000) })),
          { overlapAll: true },
        ),
      ),
    422,
  ],
  ['a zip with 5,000 entries', () => upload(rawZip(many(5000))), 422],
  ['an entry named ../../etc/passwd', () => upload(rawZip([{ name: '../../etc/passwd', data: strToU8('root') }])), 422],
  ['an archive inside an archive', () => upload(zipSync({ 'inner.xlsx': own })), 422],
  [
    'an encrypted entry',
    () => upload(rawZip([{ name: 'xl/workbook.xml', data: strToU8('<workbook/>'), flags: 1 }])),
    422,
  ],
  ['a truncated workbook', () => upload(own.subarray(0, Math.floor(own.length / 2))), 422],
  ['a zip bomb of zeros (60 MB)', () => upload(zipSync({ 'xl/workbook.xml': new Uint8Array(60 * 1024 * 1024) })), 422],
  // XML tricks
  [
    'unclosed <si> repeated (800 KB)',
    () => upload(xlsxWith({ 'xl/sharedStrings.xml': `<sst>${'<si><t>a</t>'.repeat(70_000)}` })),
    422,
  ],
  [
    'unclosed rows repeated',
    () =>
      upload(xlsxWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${'<row><c><v>1</v>'.repeat(50_000)}` })),
    422,
  ],
  [
    'XML nested 100,000 deep',
    () => upload(xlsxWith({ 'xl/styles.xml': `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}` })),
    422,
  ],
  [
    'entity expansion (billion laughs)',
    () =>
      upload(
        xlsxWith({
          'xl/sharedStrings.xml': `<!DOCTYPE s [<!ENTITY a "${'a'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}"><!ENTITY c "${'&b;'.repeat(100)}">]><sst><si><t>&c;</t></si></sst>`,
        }),
      ),
    422,
  ],
  [
    'an external entity',
    () =>
      upload(
        xlsxWith({
          'xl/sharedStrings.xml':
            '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>',
        }),
      ),
    422,
  ],
  [
    'a 5 MB attribute',
    () =>
      upload(
        xlsxWith({
          'xl/workbook.xml': `<workbook x="${'a'.repeat(5 * 1024 * 1024)}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        }),
      ),
    422,
  ],
  [
    'a character reference outside Unicode',
    () => upload(sheet('<c r="A1" t="inlineStr"><is><t>&#x110000;</t></is></c>')),
    422,
  ],
  ['a reference to U+FFFF', () => upload(sheet('<c r="A1" t="inlineStr"><is><t>&#xFFFF;</t></is></c>')), 422],
  [
    'a 20-digit character reference',
    () => upload(sheet('<c r="A1" t="inlineStr"><is><t>&#99999999999999999999;</t></is></c>')),
    422,
  ],
  [
    'a row number of 99,999,999,999',
    () =>
      upload(
        xlsxWith({
          'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="99999999999"/></sheetData></worksheet>',
        }),
      ),
    422,
  ],
  [
    'a cell at XFD1048576 (a grid of a billion cells)',
    () =>
      upload(
        xlsxWith({
          'xl/worksheets/sheet1.xml':
            '<worksheet><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
        }),
      ),
    422,
  ],
  [
    'a sheet whose relationship points outside the package',
    () =>
      upload(
        xlsxWith({
          'xl/_rels/workbook.xml.rels':
            '<Relationships><Relationship Id="rId1" Target="../../../etc/passwd"/></Relationships>',
        }),
      ),
    422,
  ],
  // Other routes and the HTTP layer
  [
    'a 10 KB period id',
    () => ({
      path: `/api/v1/plans/kh-2023/periods/${'x'.repeat(10_000)}/status`,
      method: 'GET',
      headers: bearer(codes.admin),
    }),
    404,
  ],
  [
    'a path with broken percent-encoding',
    () => ({ path: '/api/v1/plans/kh-2023/periods/%E0%A4%A/status', method: 'GET', headers: bearer(codes.admin) }),
    400,
  ],
  [
    'period 0001-H1',
    () => ({
      path: '/api/v1/plans/kh-2023/periods',
      headers: { ...bearer(codes.admin), 'Content-Type': 'application/json' },
      body: '{"id":"0001-H1"}',
    }),
    400,
  ],
  [
    'a period id that is a number',
    () => ({
      path: '/api/v1/plans/kh-2023/periods',
      headers: { ...bearer(codes.admin), 'Content-Type': 'application/json' },
      body: '{"id":2026}',
    }),
    400,
  ],
  // The coordinator's routes take untrusted documents too.
  [
    'a plan .docx that lies about its size',
    () => ({
      path: '/api/v1/plans',
      headers: { ...bearer(codes.admin), 'Content-Type': DOCX },
      body: rawZip([
        { name: 'word/document.xml', data: new Uint8Array(30 * 1024 * 1024).fill(32), declaredSize: 1000 },
      ]),
    }),
    422,
  ],
  [
    'a plan .docx nested 100,000 deep',
    () => ({
      path: '/api/v1/plans',
      headers: { ...bearer(codes.admin), 'Content-Type': DOCX },
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
    () => ({
      path: '/api/v1/plans',
      headers: { ...bearer(codes.admin), 'Content-Type': 'text/plain' },
      body: `KẾ HOẠCH\n${'1. a\n'.repeat(600_000)}`,
    }),
    413,
  ],
  [
    'a correction with hostile keys',
    () => ({
      method: 'PATCH',
      path: '/api/v1/plans/kh-2023',
      headers: { ...bearer(codes.admin), 'Content-Type': 'application/json' },
      body: '{"tasks":{"__proto__":{"title":"x"}},"aliases":{"constructor":"phong-noi-vu"}}',
    }),
    400,
  ],
  [
    'a broken chunked body',
    () => ({
      ...report('x'),
      headers: { ...agency(), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: 'zz\r\nnot hex\r\n',
    }),
    400,
  ],
];

describe('the service under abuse', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(named(CASES))('%s: a problem, fast, /health alive, store unchanged', async (_name, make, status) => {
    const before = storeState();
    const raw = make();
    const health = watchHealth();
    const started = performance.now();
    const answer = await send(raw).finally(() => health.stop());
    const ms = performance.now() - started;
    const slowestHealth = await health.stop();
    expect(answer.status, answer.body.slice(0, 300)).toBe(status);
    expect(answer.type).toContain('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({
      status,
      code: expect.any(String),
      title: expect.stringContaining(' / '),
    });
    expect(ms).toBeLessThan(2000);
    expect(slowestHealth).toBeLessThan(200);
    expect(storeState()).toEqual(before);
    expect(before.integrity).toBe('ok');
  });

  it('a slow sender is cut off with 408 after the request timeout, while /health answers', async () => {
    const before = storeState();
    const health = watchHealth();
    const started = performance.now();
    const answer = await send({
      ...upload(own.subarray(0, 1000)),
      headers: { ...agency(), 'Content-Type': XLSX, 'Content-Length': own.length },
      stallMs: 10_000,
    });
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).code).toBe('request-timeout');
    expect(performance.now() - started).toBeLessThan(3500);
    expect(await health.stop()).toBeLessThan(200);
    expect(storeState()).toEqual(before);
  });

  it('is still up and still takes a good report at the end', async () => {
    const answer = await send(upload(own));
    expect(answer.status).toBe(201);
    expect(service.child.exitCode).toBeNull();
    expect(storeState().counts).toMatchObject({ submissions: 1 });
  });
});
