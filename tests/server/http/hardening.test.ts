// Issue 8, one test per finding: each failed before its fix.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody, reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, filledXlsx, seedModel, setCell } from '../../helpers/workbooks.ts';
import { dumpXlsx } from '../../helpers/openpyxl.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { readReport } from '../../../shared/workbook/grid-reader.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ config: { uploadReadTimeoutMs: 300 } });
});
afterAll(async () => {
  await s.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const code = (agency: string) => s.codes.agencies[agency]!;

/** Sends raw bytes with the given headers and returns status and body text (no fetch niceties). */
function raw(
  path: string,
  headers: Record<string, string>,
  body: Uint8Array | string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}/api/v1${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
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
    const res = await raw(
      '/plans/kh-2023/periods/2026-Y/workbooks',
      { Authorization: `Bearer ${code('phuong-1')}`, 'Content-Type': 'multipart/form-data; boundary=XYZ' },
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc',
    );
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
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'a'.repeat(45 * 1024 * 1024)}</t></is></c></row></sheetData></worksheet>`,
      ),
    });
    const upload = s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-2'),
      method: 'POST',
      body: bytes,
      headers: { 'Content-Type': XLSX },
    });
    const healths: number[] = [];
    let settled = false;
    void upload.finally(() => {
      settled = true;
    });
    while (!settled) {
      healths.push(await healthMs());
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await upload;
    expect(res.status).toBe(422);
    expect((await res.json()).code).toBe('workbook-timeout');
    expect(Math.max(...healths)).toBeLessThan(200);
    const next = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-2'),
      method: 'POST',
      body: await filledXlsx('phuong-2'),
      headers: { 'Content-Type': XLSX },
    });
    expect(next.status).toBe(201);
    expect(s.ctx.uploads.started).toBe(2);
  });
});

describe('7. text that XML cannot hold', () => {
  it('is dropped on the way in, and the master writer never emits it even from a stored report', async () => {
    const grid = filledGrid(seedModel('phuong-3', '2026-Y'));
    setCell(grid, TASKS_SHEET, 5, 'results', 'Kết\uFFFF quả\u0001 tốt');
    expect(
      (await s.api('/plans/kh-2023/periods/2026-Y/reports', { code: code('phuong-3'), ...reportBody(grid) })).status,
    ).toBe(201);
    // A report stored before the filter existed: written straight into the store with U+FFFF in it.
    const other = readReport(filledGrid(seedModel('phuong-4', '2026-Y')), {});
    if (!other.ok) throw new Error('seed grid invalid');
    const dirty = { ...other.value, tasks: other.value.tasks.map((t) => ({ ...t, results: 'Cũ\uFFFF\uFFFE' })) };
    await s.ctx.store.submit({
      id: 'old-1',
      planId: 'kh-2023',
      periodId: '2026-Y',
      agencyId: 'phuong-4',
      receivedAt: '2026-11-01T00:00:00.000Z',
      onTime: true,
      source: 'upload',
      contentHash: 'x',
      idempotencyKey: null,
      report: dirty,
    });
    const res = await s.api('/plans/kh-2023/periods/2026-Y/master.xlsx', { code: s.codes.admin });
    const path = join(mkdtempSync(join(tmpdir(), 'xml-safe-')), 'master.xlsx');
    writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
    const texts = Object.values(dumpXlsx(path)).flatMap((sheet) => sheet.rows.flat().map(([v]) => v));
    expect(texts).toContain('Kết quả tốt');
    expect(texts).toContain('Cũ');
  });
});

describe('10. an Idempotency-Key reused with other content', () => {
  it('is refused with 422 and stores nothing', async () => {
    const first = filledGrid(seedModel('phuong-5', '2026-Y'));
    const second = filledGrid(seedModel('phuong-5', '2026-Y'));
    setCell(second, TASKS_SHEET, 5, 'results', 'Nội dung khác');
    const headers = { 'Idempotency-Key': 'key-phuong-5-a' };
    const created = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: code('phuong-5'),
      ...reportBody(first, headers),
    });
    expect(created.status).toBe(201);
    const replay = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: code('phuong-5'),
      ...reportBody(first, headers),
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const reused = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: code('phuong-5'),
      ...reportBody(second, headers),
    });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({
      code: 'idempotency-key-reused',
      submissionId: (await created.json()).submissionId,
    });
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-5')).toHaveLength(1);
  });
});

describe('12. data/access-codes.json', () => {
  it('follows the store when a code is issued again or revoked', async () => {
    const before = JSON.parse(readFileSync(s.ctx.codesPath, 'utf8'));
    expect(before.agencies['phuong-8']).toBe(code('phuong-8'));
    const issued = await (
      await s.api('/agencies/phuong-8/access-code', { method: 'POST', code: s.codes.admin })
    ).json();
    const after = JSON.parse(readFileSync(s.ctx.codesPath, 'utf8'));
    expect(after.agencies['phuong-8']).toBe(issued.accessCode);
    expect(after.admin).toBe(s.codes.admin);
    expect((await s.api('/me', { code: after.agencies['phuong-8'] })).status).toBe(200);
    await s.api('/agencies/phuong-8/access-code', { method: 'DELETE', code: s.codes.admin });
    expect(JSON.parse(readFileSync(s.ctx.codesPath, 'utf8')).agencies).not.toHaveProperty('phuong-8');
    expect((statSync(s.ctx.codesPath).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('9 and 13. a restart after a crash, in a DATA_DIR that others can read', () => {
  it('rebuilds a master older than its latest submission, and keeps the store and masters owner-only', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'restart-')), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    // A build would come a minute after the submission: the "crash" (close without building) comes first.
    const first = await startServer({ dataDir, config: { masterDelayMs: 60_000 } });
    const grid = filledGrid(seedModel('phuong-7', '2026-Y'));
    expect(
      (
        await first.api('/plans/kh-2023/periods/2026-Y/reports', {
          code: first.codes.agencies['phuong-7'],
          ...reportBody(grid),
        })
      ).status,
    ).toBe(201);
    await first.close();
    expect(existsSync(join(dataDir, 'master', 'master-kh-2023--2026-Y.xlsx'))).toBe(false);
    const second = await startServer({ dataDir, config: { masterDelayMs: 10 } });
    try {
      await second.ctx.master.settled();
      expect(second.ctx.master.builds.get('kh-2023/2026-Y')).toBe(1);
      expect(second.ctx.master.builds.get('kh-2023/2026-H1')).toBeUndefined();
      const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
      expect(mode(join(dataDir, 'plan-reporting.sqlite'))).toBe('600');
      expect(mode(join(dataDir, 'plan-reporting.sqlite-wal'))).toBe('600');
      expect(mode(join(dataDir, 'master'))).toBe('700');
      expect(mode(join(dataDir, 'master', 'master-kh-2023--2026-Y.xlsx'))).toBe('600');
      expect(second.ctx.master.catchUp(await second.ctx.store.submissionSeqs())).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('11. nonsense periods', () => {
  it('opens only a sensible range of years, and deletes a period without submissions', async () => {
    const open = (id: string) => s.api('/plans/kh-2023/periods', { code: s.codes.admin, ...jsonBody({ id }) });
    for (const id of ['0001-H1', '9999-Y', '2028-Y', '2021-Y']) {
      const res = await open(id);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        code: 'period-year-out-of-range',
        field: 'id',
        title: expect.stringContaining('2022–2027'),
      });
    }
    expect((await open('2027-Y')).status).toBe(201);
    const removed = await s.api('/plans/kh-2023/periods/2027-Y', { method: 'DELETE', code: s.codes.admin });
    expect(await removed.json()).toEqual({ planId: 'kh-2023', periodId: '2027-Y', deleted: true });
    const list = await (await s.api('/plans/kh-2023/periods', { code: s.codes.admin })).json();
    expect(list.periods.map((p: { id: string }) => p.id)).not.toContain('2027-Y');
    const grid = filledGrid(seedModel('phuong-9', '2026-Y'));
    expect(
      (await s.api('/plans/kh-2023/periods/2026-Y/reports', { code: code('phuong-9'), ...reportBody(grid) })).status,
    ).toBe(201);
    const kept = await s.api('/plans/kh-2023/periods/2026-Y', { method: 'DELETE', code: s.codes.admin });
    expect(kept.status).toBe(409);
    expect((await kept.json()).code).toBe('period-has-submissions');
    expect(await s.ctx.store.period('kh-2023', '2026-Y')).not.toBeNull();
    expect((await s.api('/plans/kh-2023/periods/2026-Y', { method: 'DELETE', code: code('phuong-9') })).status).toBe(
      403,
    );
  });
});

describe('16. what a 404 echoes back', () => {
  it('clips a 10 KB period id or path instead of echoing it whole', async () => {
    const long = 'x'.repeat(10_000);
    const period = await s.api(`/plans/kh-2023/periods/${long}/status`, { code: s.codes.admin });
    expect(period.status).toBe(404);
    const body = await period.text();
    expect(body.length).toBeLessThan(600);
    expect(JSON.parse(body).title).toContain(`${'x'.repeat(40)}…`);
    const route = await s.api(`/${long}`, { code: s.codes.admin });
    expect((await route.text()).length).toBeLessThan(700);
  });
});
