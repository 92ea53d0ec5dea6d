import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport } from '../../../shared/workbook/grid-reader.ts';
import { digest } from '../../../shared/text/digest.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { buildTemplateGrid } from '../../../shared/workbook/template-grid.ts';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { jsonBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, filledXlsx, seedModel, setCell } from '../../helpers/workbooks.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

const code = (agency: string) => s.codes.agencies[agency]!;
const grid = (agency: string, note = 'Đã triển khai', period = '2026-Y') => {
  const g = filledGrid(seedModel(agency, period));
  setCell(g, TASKS_SHEET, 5, 'results', note);
  return g;
};
/** Posts a report body; the pane's source unless the body names one. */
const submit = (agency: string, body: object, headers: Record<string, string> = {}, period = '2026-Y') =>
  s.api(`/plans/kh-2023/periods/${period}/reports`, {
    code: code(agency),
    ...jsonBody({ source: 'excel-addin', ...body }, headers),
  });

describe('GET /me', () => {
  it('gives the agency, its current period with days left, its tasks and measures', async () => {
    const res = await s.api('/me', { code: code('phuong-1') });
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me.agency).toEqual({ id: 'phuong-1', name: 'Phường 1' });
    expect(me.duties).toHaveLength(1);
    const [duty] = me.duties;
    expect(duty.plan).toMatchObject({ id: 'kh-2023', number: '/KH-UBND' });
    expect(duty.period).toEqual({
      id: '2026-Y',
      kind: 'annual',
      state: 'open',
      dataFrom: '2025-12-15',
      dataTo: '2026-12-14',
      dueBefore: '2026-12-15',
      daysLeft: 20,
    });
    expect(duty.tasks.map((t: { taskId: string }) => t.taskId)).toEqual([
      'NV9',
      'NV1',
      'NV2',
      'NV3',
      'NV4',
      'NV5',
      'NV6',
      'NV7',
      'NV8',
      'TT1',
      'TT2',
      'TT3',
      'TT4',
      'TT5',
    ]);
    expect(duty.measures).toHaveLength(10);
    expect(duty.latestReceipt).toBeNull();
  });
});

describe('GET /periods/:period/template.xlsx', () => {
  it("serves the agency's own workbook", async () => {
    const res = await s.api('/plans/kh-2023/periods/2026-Y/template.xlsx', { code: code('phong-y-te') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kh-2023-2026-Y-phong-y-te.xlsx"');
    const read = readXlsx(new Uint8Array(await res.arrayBuffer()));
    if (!read.ok) throw new Error(read.error.code);
    const result = readReport(read.grid, { expected: { agencyId: 'phong-y-te', periodId: '2026-Y' } });
    expect(!result.ok && result.issues.every((i) => i.code === 'status-required')).toBe(true);
  });

  it('answers 404 for an unknown period', async () => {
    const res = await s.api('/plans/kh-2023/periods/2019-H1/template.xlsx', { code: code('phong-y-te') });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('period-unknown');
  });
});

describe('POST /periods/:period/reports', () => {
  it('accepts a valid grid with a receipt, then a resubmission as version 2, keeping both', async () => {
    s.nextIds('nop-phuong-2-a');
    const first = await submit('phuong-2', { grid: grid('phuong-2'), source: 'excel-addin' });
    expect(first.status).toBe(201);
    const receipt = await first.json();
    expect(receipt).toEqual({
      submissionId: 'nop-phuong-2-a',
      version: 1,
      receivedAt: '2026-11-25T03:00:00.000Z',
      onTime: true,
    });
    const second = await submit('phuong-2', { grid: grid('phuong-2', 'Bổ sung kết quả'), source: 'sheets-addon' });
    expect(second.status).toBe(201);
    expect((await second.json()).version).toBe(2);
    const history = await (await s.api('/plans/kh-2023/periods/2026-Y/submissions', { code: code('phuong-2') })).json();
    expect(history.submissions.map((h: { version: number; source: string }) => `${h.version}:${h.source}`)).toEqual([
      '1:excel-addin',
      '2:sheets-addon',
    ]);
    const me = await (await s.api('/me', { code: code('phuong-2') })).json();
    expect(me.duties[0].latestReceipt.version).toBe(2);
  });

  it('returns the first receipt for a retried Idempotency-Key, and the existing one for the same content', async () => {
    const body = { grid: grid('phuong-3') };
    const first = await (await submit('phuong-3', body, { 'Idempotency-Key': 'nop-1' })).json();
    const retry = await submit('phuong-3', body, { 'Idempotency-Key': 'nop-1' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(first);
    const same = await submit('phuong-3', body);
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ ...first, duplicate: true });
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-3')).toHaveLength(1);
  });

  it('scopes an Idempotency-Key to its period', async () => {
    await s.api('/plans/kh-2023/periods', { code: s.codes.admin, ...jsonBody({ id: '2026-H1' }) });
    const yearly = await submit('phong-kinh-te', { grid: grid('phong-kinh-te') }, { 'Idempotency-Key': 'bao-cao-1' });
    const semiannual = await submit(
      'phong-kinh-te',
      { grid: grid('phong-kinh-te', 'x', '2026-H1') },
      { 'Idempotency-Key': 'bao-cao-1' },
      '2026-H1',
    );
    expect([yearly.status, semiannual.status]).toEqual([201, 201]);
    expect(semiannual.headers.get('idempotent-replayed')).toBeNull();
    expect((await semiannual.json()).submissionId).not.toBe((await yearly.json()).submissionId);
  });

  it('answers 422 with every issue and its cell, storing nothing', async () => {
    const g = grid('phuong-4');
    setCell(g, TASKS_SHEET, 6, 'progress', 140);
    setCell(g, TASKS_SHEET, 7, 'status', null);
    const res = await submit('phuong-4', { grid: g });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body.code).toBe('report-invalid');
    expect(body.issues.map((i: { code: string; at: { cell: string } }) => `${i.code}@${i.at.cell}`)).toEqual([
      'progress-out-of-range@F6',
      'status-required@E7',
    ]);
    expect(body.issues[0].message).toEqual({
      vi: 'Tiến độ ở ô F6 phải từ 0 đến 100 (đang là "140").',
      en: 'Progress in F6 must be from 0 to 100 (found "140").',
    });
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-4')).toEqual([]);
  });

  it("answers 409 for another agency's workbook or another period's", async () => {
    const foreign = await submit('phuong-5', { grid: grid('phuong-7') });
    expect(foreign.status).toBe(409);
    expect((await foreign.json()).issues.map((i: { code: string }) => i.code)).toEqual(['agency-mismatch']);
    await s.api('/plans/kh-2023/periods', { code: s.codes.admin, ...jsonBody({ id: '2026-H1' }) });
    const otherPeriod = await submit('phuong-5', { grid: grid('phuong-5', 'x', '2026-Y') }, {}, '2026-H1');
    expect(otherPeriod.status).toBe(409);
    expect((await otherPeriod.json()).issues.map((i: { code: string }) => i.code)).toEqual(['period-mismatch']);
  });

  it("answers 409 for a workbook whose rows no longer match the agency's assignment", async () => {
    const g = grid('thanh-tra-thanh-pho');
    const meta = g['_meta']!;
    const row = (key: string) => meta.find((r) => r[0] === key)!;
    const taskRows = JSON.parse(row('taskRows')[1] as string).slice(1);
    row('taskRows')[1] = JSON.stringify(taskRows);
    row('lockedDigest')[1] = digest(JSON.stringify([taskRows, JSON.parse(row('measureRows')[1] as string)]));
    g['Nhiệm vụ']!.splice(4, 1);
    const res = await submit('thanh-tra-thanh-pho', { grid: g });
    expect(res.status).toBe(409);
    expect((await res.json()).issues.map((i: { code: string }) => i.code)).toEqual(['template-outdated']);
  });

  it('answers 400 for malformed JSON and for a payload of the wrong shape, naming the field', async () => {
    const malformed = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: code('phuong-5'),
      method: 'POST',
      body: '{"grid": [',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('malformed-json');
    // A prototype key anywhere, even written with escapes, is refused before any route sees the body.
    const escaped = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: code('phuong-5'),
      method: 'POST',
      body: '{"grid":{"Nhiệm vụ":[[{"\\u005f_proto__":1}]]}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(escaped.status).toBe(400);
    expect(await escaped.json()).toMatchObject({ code: 'forbidden-key', field: '__proto__' });
    const wrong = await submit('phuong-5', { grid: { 'Nhiệm vụ': [[{ formula: '=1' }]] } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'bad-payload', field: 'grid.Nhiệm vụ.0.0' });
    const extra = await submit('phuong-5', { grid: {}, agencyId: 'phuong-1' });
    expect((await extra.json()).code).toBe('bad-payload');
    const badKey = await submit('phuong-5', { grid: grid('phuong-5') }, { 'Idempotency-Key': 'nop lai lan 2' });
    expect((await badKey.json()).code).toBe('bad-idempotency-key');
  });

  it('answers 413 over the body limit', async () => {
    const res = await submit('phuong-5', { grid: { x: [['a'.repeat(3 * 1024 * 1024)]] } });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('body-too-large');
  });

  it('answers 409 when the period is locked, and flags every report late once it is closed', async () => {
    await s.api('/plans/kh-2023/periods/2026-H1/lock', { code: s.codes.admin, method: 'POST' });
    const locked = await submit('phuong-8', { grid: grid('phuong-8', 'x', '2026-H1') }, {}, '2026-H1');
    expect(locked.status).toBe(409);
    expect((await locked.json()).code).toBe('period-locked');
    await s.api('/plans/kh-2023/periods/2026-H1/close', { code: s.codes.admin, method: 'POST' });
    const closed = await submit('phuong-8', { grid: grid('phuong-8', 'x', '2026-H1') }, {}, '2026-H1');
    expect(closed.status).toBe(201);
    expect((await closed.json()).onTime).toBe(false);
    const reopened = await s.api('/plans/kh-2023/periods/2026-H1/open', { code: s.codes.admin, method: 'POST' });
    expect(await reopened.json()).toMatchObject({ id: '2026-H1', state: 'open' });
    expect((await s.api('/plans/kh-2023/periods/2030-H1/lock', { code: s.codes.admin, method: 'POST' })).status).toBe(
      404,
    );
  });
});

describe('POST /periods/:period/workbooks', () => {
  it('accepts the raw .xlsx body', async () => {
    const res = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-9'),
      method: 'POST',
      body: await filledXlsx('phuong-9'),
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(res.status).toBe(201);
    expect((await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-9'))[0]!.source).toBe('upload');
  });

  it('accepts multipart field "file" and refuses a multipart without it', async () => {
    const form = new FormData();
    form.append('file', new Blob([await filledXlsx('phuong-10')]), 'bao-cao.xlsx');
    const res = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-10'),
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(201);
    const empty = new FormData();
    empty.append('note', 'không có tệp');
    const missing = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-10'),
      method: 'POST',
      body: empty,
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).code).toBe('file-missing');
  });

  it('refuses what is not a workbook (422), a body over 10 MB (413) and another content type (415)', async () => {
    const xlsx = { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    const text = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-11'),
      method: 'POST',
      body: 'không phải xlsx',
      headers: xlsx,
    });
    expect(text.status).toBe(422);
    expect((await text.json()).code).toBe('not-a-workbook');
    const big = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-11'),
      method: 'POST',
      body: new Uint8Array(11 * 1024 * 1024),
      headers: xlsx,
    });
    expect(big.status).toBe(413);
    const csv = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: code('phuong-11'),
      method: 'POST',
      body: 'a,b',
      headers: { 'Content-Type': 'text/csv' },
    });
    expect(csv.status).toBe(415);
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-11')).toEqual([]);
  });
});

describe('a blank template grid', () => {
  it('is refused with status-required on each row', async () => {
    const res = await submit('phuong-12', { grid: buildTemplateGrid(seedModel('phuong-12', '2026-Y')) });
    expect(res.status).toBe(422);
  });
});

describe('the API contract', () => {
  it('requires the source: a Sheets submission is never recorded as Excel', async () => {
    const res = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: code('phuong-12'),
      ...jsonBody({ grid: grid('phuong-12') }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'bad-payload', field: 'source' });
  });

  it("gives a pane the plan key and the row digest the server checks against, for the workbook's plan and period", async () => {
    const res = await s.api('/plans/kh-2023/periods/2026-Y/me', { code: code('phuong-12') });
    expect(res.status).toBe(200);
    const duty = await res.json();
    const model = seedModel('phuong-12', '2026-Y');
    expect(duty).toMatchObject({
      agency: { id: 'phuong-12' },
      plan: { id: 'kh-2023' },
      period: { id: '2026-Y' },
      planKey: model.meta.planKey,
      lockedDigest: model.meta.lockedDigest,
      history: [],
    });
    expect((await s.api('/plans/kh-2023/periods/2026-Y/me', { code: s.codes.admin })).status).toBe(403);
  });
});
