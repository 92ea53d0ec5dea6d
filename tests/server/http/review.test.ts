// Named staff accounts and the city's review of each report version: accept, return with comments pinned to rows
// and cells, resubmission on time or late, who may do what, and every act in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { jsonBody, reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';

let s: TestServer;
let viewer: string;
beforeAll(async () => {
  s = await startServer({ now: '2026-12-01T03:00:00Z' });
});
afterAll(async () => {
  await s.close();
});

const PERIOD = '/plans/kh-2023/periods/2026-Y';
const send = async (agency: string, note: string) => {
  const grid = filledGrid(seedModel(agency, '2026-Y'));
  setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 1, 'results', note);
  const res = await s.api(`${PERIOD}/reports`, { code: s.codes.agencies[agency], ...reportBody(grid) });
  expect(res.status).toBe(201);
  return (await res.json()).submissionId as string;
};
const review = (id: string, body: unknown, code = s.codes.admin) =>
  s.api(`${PERIOD}/submissions/${id}/review`, { code, ...jsonBody(body) });
const duty = async (agency: string) => await (await s.api(`${PERIOD}/me`, { code: s.codes.agencies[agency] })).json();

describe('named staff accounts', () => {
  it('adds a viewer (its token shown once), lists accounts and keeps the last coordinator', async () => {
    const res = await s.api('/accounts', {
      code: s.codes.admin,
      ...jsonBody({ name: 'Nguyễn Thị Lan', role: 'viewer' }),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    viewer = body.token;
    expect(body.account).toMatchObject({ name: 'Nguyễn Thị Lan', role: 'viewer', revokedAt: null });
    const { accounts } = await (await s.api('/accounts', { code: viewer })).json();
    expect(accounts.map((a: { name: string; role: string }) => `${a.name}:${a.role}`)).toEqual([
      'Quản trị (mã đầu tiên):coordinator',
      'Nguyễn Thị Lan:viewer',
    ]);
    const first = accounts[0].id;
    expect((await s.api(`/accounts/${first}`, { method: 'DELETE', code: s.codes.admin })).status).toBe(409);
    expect((await s.api('/accounts', { code: s.codes.admin, ...jsonBody({ name: 'X', role: 'admin' }) })).status).toBe(
      400,
    );
  });

  it('lets a viewer read status and masters, and nothing more', async () => {
    expect((await s.api(`${PERIOD}/status`, { code: viewer })).status).toBe(200);
    expect((await s.api(`${PERIOD}/master.xlsx`, { code: viewer })).status).toBe(200);
    const refused = await s.api(`${PERIOD}/lock`, { method: 'POST', code: viewer });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('coordinator-only');
    expect(
      (await s.api('/plans', { code: viewer, method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } }))
        .status,
    ).toBe(403);
  });
});

describe('the review of a report version', () => {
  it('starts awaiting, and an agency sees its own state', async () => {
    await send('phuong-1', 'Bản đầu');
    expect((await duty('phuong-1')).latestReceipt.review).toEqual({
      state: 'awaiting',
      comment: '',
      comments: [],
      resubmitBy: null,
    });
  });

  it('accepts a version', async () => {
    const id = await send('phuong-2', 'Đầy đủ');
    const res = await review(id, { decision: 'accept' });
    expect(await res.json()).toMatchObject({ agencyId: 'phuong-2', version: 1, review: { state: 'accepted' } });
    expect((await duty('phuong-2')).latestReceipt.review.state).toBe('accepted');
    const status = await (await s.api(`${PERIOD}/status`, { code: s.codes.admin })).json();
    expect(status.agencies.find((a: { agencyId: string }) => a.agencyId === 'phuong-2')).toMatchObject({
      review: 'accepted',
      submissionId: id,
    });
  });

  it('returns only with a comment; comments pin to a task row and a cell; the deadline defaults to five days', async () => {
    const id = await send('phuong-3', 'Sơ sài');
    const bare = await review(id, { decision: 'return' });
    expect(bare.status).toBe(400);
    expect((await bare.json()).field).toBe('comment');
    expect(
      (await review(id, { decision: 'return', comment: 'Bổ sung', comments: [{ cell: 'không phải ô', text: 'x' }] }))
        .status,
    ).toBe(400);
    const res = await review(id, {
      decision: 'return',
      comment: 'Bổ sung kết quả cụ thể.',
      comments: [
        { taskId: 'NV9', text: 'Nêu số liệu.' },
        { cell: 'Nhiệm vụ!G5', text: 'Ghi rõ văn bản.' },
      ],
    });
    expect(res.status).toBe(200);
    const seen = (await duty('phuong-3')).latestReceipt.review;
    expect(seen).toEqual({
      state: 'returned',
      comment: 'Bổ sung kết quả cụ thể.',
      comments: [
        { taskId: 'NV9', text: 'Nêu số liệu.' },
        { cell: 'Nhiệm vụ!G5', text: 'Ghi rõ văn bản.' },
      ],
      resubmitBy: '2026-12-06',
    });
    // Another agency sees none of it.
    expect((await duty('phuong-4')).latestReceipt).toBeNull();
    expect((await review(id, { decision: 'accept' }, s.codes.agencies['phuong-3'])).status).toBe(403);
    expect((await review(id, { decision: 'accept' }, viewer)).status).toBe(403);
  });

  it("a returned report resubmitted by its deadline keeps the first version's timeliness; after it, it is late", async () => {
    const kept = await send('phuong-4', 'Bản đầu');
    await review(kept, { decision: 'return', comment: 'Thiếu số liệu.', resubmitBy: '2026-12-20' });
    const lapsed = await send('phuong-5', 'Bản đầu');
    await review(lapsed, { decision: 'return', comment: 'Thiếu số liệu.' }); // by 2026-12-06
    // 18/12 is past the period's due day (15/12) but within phuong-4's deadline: on time, as its first version.
    s.setNow('2026-12-18T03:00:00Z');
    await send('phuong-4', 'Bản bổ sung');
    expect((await duty('phuong-4')).latestReceipt).toMatchObject({
      version: 2,
      onTime: true,
      review: { state: 'awaiting' },
    });
    // 10/12 is before the due day, but past phuong-5's deadline to resubmit: late.
    s.setNow('2026-12-10T03:00:00Z');
    await send('phuong-5', 'Bản bổ sung trễ');
    expect((await duty('phuong-5')).latestReceipt).toMatchObject({ version: 2, onTime: false });
    s.setNow('2026-12-01T03:00:00Z');
  });

  it('builds the master from accepted versions only when the period says so, and shows each review state', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { dumpXlsx } = await import('../../helpers/openpyxl.ts');
    const master = async (name: string) => {
      await s.ctx.master.settled();
      const res = await s.api(`${PERIOD}/master.xlsx`, { code: s.codes.admin });
      const path = join(s.dataDir, name);
      writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
      return dumpXlsx(path)['Tình hình nộp']!.rows.map((r) => r.map(([v]) => v));
    };
    const all = await master('latest.xlsx');
    expect(
      all
        .find((r) => r[0] === 'Phường 2')!
        .slice(2, 3)
        .concat(all.find((r) => r[0] === 'Phường 2')!.slice(7)),
    ).toEqual(['Đã nộp', 'Đã tiếp nhận']);
    expect(all.find((r) => r[0] === 'Phường 3')![7]).toBe('Trả lại');
    expect(all.find((r) => r[0] === 'Phường 1')![7]).toBe('Chờ xem xét');
    const set = await s.api(`${PERIOD}/master-source`, { code: s.codes.admin, ...jsonBody({ acceptedOnly: true }) });
    expect((await set.json()).masterAcceptedOnly).toBe(true);
    const accepted = await master('accepted.xlsx');
    expect(accepted.find((r) => r[0] === 'Phường 2')![2]).toBe('Đã nộp');
    expect(accepted.find((r) => r[0] === 'Phường 1')![2]).toBe('Chưa nộp'); // submitted, not accepted
    expect(accepted.find((r) => r[0] === 'Phường 3')![2]).toBe('Chưa nộp'); // returned
    await s.api(`${PERIOD}/master-source`, { code: s.codes.admin, ...jsonBody({ acceptedOnly: false }) });
  });

  it('lets one agency submit to a locked period until a date, with who granted it and why', async () => {
    expect((await s.api(`${PERIOD}/lock`, { method: 'POST', code: s.codes.admin })).status).toBe(200);
    const grid = filledGrid(seedModel('phuong-7', '2026-Y'));
    const post = () => s.api(`${PERIOD}/reports`, { code: s.codes.agencies['phuong-7'], ...reportBody(grid) });
    expect((await post()).status).toBe(409);
    const granted = await s.api(`${PERIOD}/exceptions`, {
      code: s.codes.admin,
      ...jsonBody({ agencyId: 'phuong-7', until: '2026-12-03', reason: 'Mất điện kéo dài.' }),
    });
    expect(await granted.json()).toMatchObject({
      agencyId: 'phuong-7',
      until: '2026-12-03',
      grantedBy: 'Quản trị (mã đầu tiên)',
    });
    expect((await post()).status).toBe(201);
    const other = filledGrid(seedModel('phuong-8', '2026-Y'));
    expect(
      (await s.api(`${PERIOD}/reports`, { code: s.codes.agencies['phuong-8'], ...reportBody(other) })).status,
    ).toBe(409);
    s.setNow('2026-12-04T03:00:00Z');
    setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 1, 'results', 'Sau hạn ngoại lệ');
    expect((await post()).status).toBe(409);
    s.setNow('2026-12-01T03:00:00Z');
    expect(
      (
        await s.api(`${PERIOD}/exceptions`, {
          code: viewer,
          ...jsonBody({ agencyId: 'phuong-8', until: '2026-12-31', reason: 'x' }),
        })
      ).status,
    ).toBe(403);
    await s.api(`${PERIOD}/open`, { method: 'POST', code: s.codes.admin });
  });

  it('records every act with who did it', async () => {
    const { entries } = await (await s.api('/audit?plan=kh-2023', { code: s.codes.admin })).json();
    const acts = entries.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`);
    expect(acts).toContain('report.accept:Quản trị (mã đầu tiên)');
    expect(acts.filter((a: string) => a.startsWith('report.return'))).toHaveLength(3);
    expect(acts).toContain('period.exception:Quản trị (mã đầu tiên)');
    const all = await (await s.api('/audit', { code: s.codes.admin })).json();
    expect(all.entries.map((e: { action: string }) => e.action)).toContain('account.add');
  });
});
