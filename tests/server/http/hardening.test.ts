// Issue 8, one test per finding: each failed before its fix.
import { request } from 'node:http';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, filledXlsx, seedModel } from '../../helpers/workbooks.ts';

let s: TestServer;
beforeAll(async () => { s = await startServer({ config: { uploadReadTimeoutMs: 300 } }); });
afterAll(async () => { await s.close(); });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const code = (agency: string) => s.codes.agencies[agency]!;

/** Sends raw bytes with the given headers and returns status and body text (no fetch niceties). */
function raw(path: string, headers: Record<string, string>, body: Uint8Array | string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}/api/v1${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function healthMs(): Promise<number> {
  const started = performance.now();
  expect((await s.api('/health')).status).toBe(200);
  return performance.now() - started;
}

describe('1. a multipart upload without its closing boundary', () => {
  it('is a 400 problem and the service goes on', async () => {
    const res = await raw('/periods/2026-Y/workbooks', { Authorization: `Bearer ${code('phuong-1')}`, 'Content-Type': 'multipart/form-data; boundary=XYZ' },
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).code).toBe('malformed-multipart');
    expect(await healthMs()).toBeLessThan(200);
  });
});

describe('5. an upload that takes too long to read', () => {
  it('is refused at its deadline while /health answers at once, and the next upload is read as usual', async () => {
    // 45 MB of text in one cell: valid XML, slow to read, a few kilobytes to send.
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'a'.repeat(45 * 1024 * 1024)}</t></is></c></row></sheetData></worksheet>`),
    });
    const upload = s.api('/periods/2026-Y/workbooks', { code: code('phuong-2'), method: 'POST', body: bytes, headers: { 'Content-Type': XLSX } });
    const healths: number[] = [];
    let settled = false;
    void upload.finally(() => { settled = true; });
    while (!settled) { healths.push(await healthMs()); await new Promise((r) => setTimeout(r, 20)); }
    const res = await upload;
    expect(res.status).toBe(422);
    expect((await res.json()).code).toBe('workbook-timeout');
    expect(Math.max(...healths)).toBeLessThan(200);
    const next = await s.api('/periods/2026-Y/workbooks', { code: code('phuong-2'), method: 'POST', body: await filledXlsx('phuong-2'), headers: { 'Content-Type': XLSX } });
    expect(next.status).toBe(201);
    expect(s.ctx.uploads.started).toBe(2);
  });
});
