// The malformed-input abuse suite's fixture: a real `plan-reporting serve` with short read timeouts, its codes and two
// filled workbooks, the request builders its cases are written with, and the check every case must pass.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, expect } from 'vitest';
import { bearer, send as sendRaw, storeState, watchHealth, type Raw } from './abuse.ts';
import { spawnServe, stop, type ServeProcess } from './process.ts';
import { filledXlsx } from './workbooks.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PERIOD = '2026-Y';

/** The running service and what the cases send it; filled in before the file's first test. */
export interface AbuseService {
  service: ServeProcess;
  dataDir: string;
  codes: { admin: string; agencies: Record<string, string> };
  /** phuong-1's filled workbook, and phuong-2's. */
  own: Uint8Array;
  others: Uint8Array;
}

/** Spawns the service for the file's tests (stopped after them). */
export function abuseService(): AbuseService {
  const a = {} as AbuseService;
  beforeAll(async () => {
    a.dataDir = mkdtempSync(join(tmpdir(), 'abuse-'));
    a.service = await spawnServe({ DATA_DIR: a.dataDir, UPLOAD_READ_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1000' });
    a.codes = JSON.parse(readFileSync(join(a.dataDir, 'access-codes.json'), 'utf8'));
    [a.own, a.others] = await Promise.all([filledXlsx('phuong-1', PERIOD), filledXlsx('phuong-2', PERIOD)]);
  }, 60_000);
  afterAll(async () => {
    if (a.service) await stop(a.service.child, 'SIGTERM');
  });
  return a;
}

export const send = (a: AbuseService, raw: Raw) => sendRaw(a.service.url, raw);

export const agency = (a: AbuseService, id = 'phuong-1') => bearer(a.codes.agencies[id]!);
const json = (a: AbuseService, value: unknown, extra: Record<string, string> = {}) => ({
  headers: { ...agency(a), 'Content-Type': 'application/json', ...extra },
  body: typeof value === 'string' ? value : JSON.stringify(value),
});
export const upload = (
  a: AbuseService,
  body: Uint8Array | string,
  headers: Record<string, string | number> = {},
): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/workbooks`,
  headers: { ...agency(a), 'Content-Type': XLSX, ...headers },
  body,
});
export const report = (a: AbuseService, value: unknown, extra: Record<string, string> = {}): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/reports`,
  ...json(a, value, extra),
});
export const multipart = (a: AbuseService, parts: string, boundary = 'XYZ'): Raw => ({
  path: `/api/v1/plans/kh-2023/periods/${PERIOD}/workbooks`,
  headers: { ...agency(a), 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  body: parts,
});

/** A workbook whose parts are the given XML (the rest minimal and valid). */
export function xlsxWith(parts: Record<string, string>): Uint8Array {
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
export const sheet = (cells: string) =>
  xlsxWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>` });

/** One hostile request: its name, how to make it against the running service, and the status it must get. */
export type Case = [name: string, make: (a: AbuseService) => Raw, status: number];
export const named = (cases: Case[]) =>
  cases.map(([name, make, status]) => [`${name} → ${status}`, make, status] as const);

/** Sends one case: a problem with its status, fast, /health alive meanwhile, the store unchanged. */
export async function expectRefused(a: AbuseService, make: Case[1], status: number) {
  const before = storeState(a.dataDir);
  const raw = make(a);
  const health = watchHealth(a.service.url);
  const started = performance.now();
  const answer = await send(a, raw).finally(() => health.stop());
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
  expect(storeState(a.dataDir)).toEqual(before);
  expect(before.integrity).toBe('ok');
}
