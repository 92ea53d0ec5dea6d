// Google Sheets end to end with the real googleapis clients against a local stand-in of the Sheets and Drive
// APIs (tests/helpers/google-standin.ts): creating the agencies' sheets from the CLI, linking one, pulling
// changed, unchanged and invalid sheets, back-off on 429, a sheet that keeps failing, and the city's status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoogleApi } from '../../../server/google/api.ts';
import type { GoogleDeps } from '../../../server/google/google-sheets.ts';
import { pullPeriod } from '../../../server/service/google-pull.ts';
import { inputBlocks } from '../../../shared/workbook/input-cells.ts';
import { runCli } from '../../helpers/cli.ts';
import { GoogleStandin, SERVICE_ACCOUNT, serviceAccountKey } from '../../helpers/google-standin.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel, serverTemplate } from '../../helpers/workbooks.ts';

let s: TestServer;
let google: GoogleStandin;
let keyFile: string;
let deps: GoogleDeps;
const PERIOD = '2026-Y';
const NOW = new Date('2026-11-25T03:00:00Z');
let env: Record<string, string>;

const sheetOf = async (agency: string) =>
  (await s.ctx.store.googleSheets('kh-2023', PERIOD)).find((r) => r.agencyId === agency)!;
/** The agency types its report into the sheet: the data sheets as filledGrid fills them. */
async function fillIn(agency: string) {
  const filled = filledGrid(seedModel(agency, PERIOD));
  for (const title of ['Nhiệm vụ', 'Chỉ tiêu', 'Đánh giá chung'])
    google.edit((await sheetOf(agency)).spreadsheetId, title, { rows: filled[title]! });
}

beforeAll(async () => {
  s = await startServer({ now: NOW.toISOString() });
  const key = serviceAccountKey(s.dataDir);
  keyFile = key.path;
  google = await new GoogleStandin(key.publicKey).start();
  env = {
    DATA_DIR: s.dataDir,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    GOOGLE_API_ROOT_URL: google.url,
    GOOGLE_READS_PER_MINUTE: '6000',
    GOOGLE_WRITES_PER_MINUTE: '6000',
  };
  deps = {
    api: new GoogleApi({
      keyFile,
      rootUrl: google.url,
      readsPerMinute: 6000,
      writesPerMinute: 6000,
      backoff: { baseMs: 2, maxMs: 10 },
    }),
    folderId: null,
  };
  const directoryId = (await s.ctx.store.plan('kh-2023'))!.directoryId;
  const res = await s.api(`/directories/${directoryId}/agencies/phuong-1/contacts`, {
    code: s.codes.admin,
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ contacts: [{ name: 'Nguyễn Thị Lan', email: 'lan.p1@vungtau.gov.vn' }] }),
  });
  expect(res.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await google?.close();
  await s?.close();
});

describe("creating the agencies' Google Sheets (plan-reporting google create)", () => {
  it('uploads each workbook converted, with a progress line per sheet, and registers it', async () => {
    const out = await runCli(
      ['google', 'create', '--plan', 'kh-2023', '--period', PERIOD],
      env,
      process.cwd(),
      () => NOW,
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const reporters = (await s.ctx.plans.get('kh-2023'))!.reporters;
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(reporters.length + 1);
    expect(lines[0]).toMatch(new RegExp(`^\\[1/${reporters.length}\\] ${reporters[0]!.id}: sheet\\w+`));
    expect(lines.at(-1)).toBe(`Tạo mới / created ${reporters.length}, đã có / already there 0, lỗi / failed 0`);
    expect((await s.ctx.store.googleSheets('kh-2023', PERIOD)).map((r) => r.agencyId).sort()).toEqual(
      reporters.map((r) => r.id).sort(),
    );
    expect(google.count('POST', /^\/upload\/drive\/v3\/files$/)).toBe(reporters.length);
  });

  it('puts back what conversion drops: every input rule, sheets protected but their input cells, the metadata hidden', async () => {
    const book = google.books.get((await sheetOf('phuong-1')).spreadsheetId)!;
    expect(book.name).toBe('Báo cáo kh-2023 2026-Y — Phường 1');
    expect(book.sheets.find((x) => x.title === '_meta')!.hidden).toBe(true);
    const model = seedModel('phuong-1', PERIOD);
    const ruled = inputBlocks(model).filter((b) => b.rule);
    const validations = book.requests.filter((r) => r.setDataValidation) as {
      setDataValidation: {
        range: { startRowIndex: number; startColumnIndex: number };
        rule: { condition: { type: string; values: { userEnteredValue: string }[] }; strict: boolean };
      };
    }[];
    expect(validations).toHaveLength(ruled.length);
    expect(validations.every((v) => v.setDataValidation.rule.strict)).toBe(true);
    // Progress (Nhiệm vụ!F5, the first task's row, onwards): whole numbers from 0 to 100.
    const progress = validations.find(
      (v) => v.setDataValidation.range.startRowIndex === 4 && v.setDataValidation.range.startColumnIndex === 5,
    )!;
    expect(progress.setDataValidation.rule.condition).toEqual({
      type: 'CUSTOM_FORMULA',
      values: [{ userEnteredValue: '=AND(ISNUMBER(F5),F5=INT(F5),F5>=0,F5<=100)' }],
    });
    const status = validations.find(
      (v) => v.setDataValidation.range.startRowIndex === 4 && v.setDataValidation.range.startColumnIndex === 4,
    )!;
    expect(status.setDataValidation.rule.condition.type).toBe('ONE_OF_LIST');
    const protections = book.requests.filter((r) => r.addProtectedRange) as {
      addProtectedRange: {
        protectedRange: { range: { sheetId: number }; unprotectedRanges?: unknown[]; editors: { users: string[] } };
      };
    }[];
    expect(protections).toHaveLength(5);
    expect(protections.every((p) => p.addProtectedRange.protectedRange.editors.users.join() === SERVICE_ACCOUNT)).toBe(
      true,
    );
    const tasksId = book.sheets.find((x) => x.title === 'Nhiệm vụ')!.sheetId;
    expect(
      protections.find((p) => p.addProtectedRange.protectedRange.range.sheetId === tasksId)!.addProtectedRange
        .protectedRange.unprotectedRanges,
    ).toHaveLength(inputBlocks(model).filter((b) => b.sheet.name === 'Nhiệm vụ').length);
  });

  it("shares each sheet with its agency's contacts", async () => {
    expect(google.books.get((await sheetOf('phuong-1')).spreadsheetId)!.permissions).toEqual([
      { emailAddress: 'lan.p1@vungtau.gov.vn', role: 'writer' },
    ]);
    expect(google.books.get((await sheetOf('phuong-2')).spreadsheetId)!.permissions).toEqual([]);
  });

  it('run again, creates nothing twice', async () => {
    const out = await runCli(['google', 'create', '--period', PERIOD], env, process.cwd(), () => NOW);
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n').at(-1)).toMatch(
      /^Tạo mới \/ created 0, đã có \/ already there \d+, lỗi \/ failed 0$/,
    );
  });
});

describe('pulling the sheets (plan-reporting pull)', () => {
  it('stores a filled sheet as a new version, records a sheet with issues with them, and stores nothing for the rest', async () => {
    await fillIn('phuong-1');
    await fillIn('phuong-2');
    google.edit((await sheetOf('phuong-2')).spreadsheetId, 'Nhiệm vụ', { cell: 'F6', value: 150 });
    const out = await runCli(['pull', '--period', PERIOD], env, process.cwd(), () => NOW);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Lưu phiên bản mới \/ stored 1, /);
    expect(out.stdout).toContain('phuong-2: 1 lỗi / issues (Nhiệm vụ!F6)');
    expect(await s.ctx.store.history('kh-2023', PERIOD, 'phuong-1')).toMatchObject([{ version: 1, source: 'pull' }]);
    expect(await s.ctx.store.history('kh-2023', PERIOD, 'phuong-2')).toEqual([]);
    expect(await sheetOf('phuong-2')).toMatchObject({
      pullStatus: 'invalid',
      pullIssues: [{ code: 'progress-out-of-range', at: { sheet: 'Nhiệm vụ', cell: 'F6' } }],
    });
    expect((await sheetOf('phuong-1')).pullStatus).toBe('stored');
  });

  it("the city's status shows each agency's pull, the issues in words", async () => {
    const status = await (await s.api(`/plans/kh-2023/periods/${PERIOD}/status`, { code: s.codes.admin })).json();
    const p2 = status.agencies.find((a: { agencyId: string }) => a.agencyId === 'phuong-2');
    expect(p2.google).toMatchObject({
      status: 'invalid',
      issues: [{ cell: 'Nhiệm vụ!F6', message: expect.stringContaining('Tiến độ ở ô F6') }],
    });
    expect(status.agencies.find((a: { agencyId: string }) => a.agencyId === 'phuong-1').google).toMatchObject({
      status: 'stored',
      issues: [],
    });
  });

  it('reads nothing from a sheet Drive says has not changed', async () => {
    const reads = google.count('GET', /values:batchGet$/);
    const result = await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    expect(result.counts.unchanged).toBe((await s.ctx.store.googleSheets('kh-2023', PERIOD)).length);
    expect(google.count('GET', /values:batchGet$/)).toBe(reads);
    // A sheet left with issues keeps them on the city page while it does not change.
    expect(await sheetOf('phuong-2')).toMatchObject({
      pullStatus: 'invalid',
      pullIssues: [{ code: 'progress-out-of-range' }],
    });
  });

  it('a change makes the next version; a fixed sheet its first; a sheet gone bad keeps the last good version', async () => {
    google.edit((await sheetOf('phuong-1')).spreadsheetId, 'Nhiệm vụ', {
      cell: 'G6',
      value: 'Bổ sung kết quả từ Google Sheets',
    });
    google.edit((await sheetOf('phuong-2')).spreadsheetId, 'Nhiệm vụ', { cell: 'F6', value: 80 });
    const first = await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    expect(first.counts.stored).toBe(2);
    expect((await s.ctx.store.history('kh-2023', PERIOD, 'phuong-1')).map((h) => h.version)).toEqual([1, 2]);
    expect(
      (await s.ctx.store.report(
        (await s.ctx.store.latestSubmission('kh-2023', PERIOD, 'phuong-1'))!.submissionId,
      ))!.tasks.find((t) => t.taskId === 'NV1')!.results,
    ).toBe('Bổ sung kết quả từ Google Sheets');
    expect(await s.ctx.store.history('kh-2023', PERIOD, 'phuong-2')).toMatchObject([{ version: 1, source: 'pull' }]);
    google.edit((await sheetOf('phuong-1')).spreadsheetId, 'Nhiệm vụ', { cell: 'E6', value: 'Xong rồi' });
    const second = await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    expect(second.counts).toMatchObject({ stored: 0, invalid: 1 });
    expect(await s.ctx.store.history('kh-2023', PERIOD, 'phuong-1')).toHaveLength(2);
    expect((await sheetOf('phuong-1')).pullIssues.map((i) => i.code)).toEqual(['status-invalid']);
  });

  it('backs off on 429 and goes on; a sheet that keeps failing is reported with why, and tried again next time', async () => {
    google.edit((await sheetOf('phuong-3')).spreadsheetId, 'Nhiệm vụ', { cell: 'G6', value: 'x' });
    const before = deps.api.retries.get('429') ?? 0;
    google.failNext(2, 429);
    const backedOff = await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    expect(backedOff.failed).toEqual([]);
    expect(deps.api.retries.get('429')).toBe(before + 2);
    google.edit((await sheetOf('phuong-1')).spreadsheetId, 'Nhiệm vụ', { cell: 'E6', value: 'Đang thực hiện' });
    google.failNext(5, 503);
    const failing = await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    expect(failing.failed).toHaveLength(1);
    expect(failing.failed[0]!.reason).toMatch(/^HTTP 503: /);
    // phuong-1 is back to the content of version 2: nothing new to store, and said so.
    expect(failing.counts['same-content']).toBe(1);
    const failedAgency = failing.failed[0]!.agencyId;
    expect(await sheetOf(failedAgency)).toMatchObject({
      pullStatus: 'failed',
      pullError: expect.stringMatching(/^HTTP 503/),
    });
    const after = await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    expect(after.failed).toEqual([]);
    expect((await sheetOf(failedAgency)).pullStatus).not.toBe('failed');
    expect(await s.ctx.store.history('kh-2023', PERIOD, 'phuong-1')).toHaveLength(2);
  });

  it('dates a pulled version when the sheet was saved: finished before the deadline, pulled after it, on time', async () => {
    google.edit((await sheetOf('phuong-7')).spreadsheetId, 'Nhiệm vụ', { cell: 'G6', value: 'z' });
    await fillIn('phuong-7');
    const saved = google.books.get((await sheetOf('phuong-7')).spreadsheetId)!.version;
    s.setNow('2026-12-20T03:00:00Z');
    try {
      await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    } finally {
      s.setNow(NOW.toISOString());
    }
    expect(await s.ctx.store.history('kh-2023', PERIOD, 'phuong-7')).toMatchObject([
      { version: 1, onTime: true, receivedAt: new Date(Date.UTC(2026, 10, 1) + saved * 1000).toISOString() },
    ]);
  });

  it('takes text through the gate, and a literal _x000D_ typed in Sheets as that text (Sheets holds no escapes: nothing to decode)', async () => {
    await fillIn('phuong-8');
    const id = (await sheetOf('phuong-8')).spreadsheetId;
    google.edit(id, 'Nhiệm vụ', { cell: 'G5', value: 'Đã triển khai\r\n- bước 2\u007f\u0001\uFFFF' });
    google.edit(id, 'Nhiệm vụ', { cell: 'G6', value: 'Gõ _x000D_ nguyên văn' });
    await pullPeriod(s.ctx, deps, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    const latest = (await s.ctx.store.history('kh-2023', PERIOD, 'phuong-8')).at(-1)!;
    const results = (await s.ctx.store.report(latest.submissionId))!.tasks.map((t) => t.results);
    expect(results).toContain('Đã triển khai\n- bước 2');
    expect(results).toContain('Gõ _x000D_ nguyên văn');
  });

  it('a token signed with another key is refused by Google and said so', async () => {
    const other = serviceAccountKey(`${s.dataDir}/..`);
    const stranger: GoogleDeps = {
      api: new GoogleApi({ keyFile: other.path, rootUrl: google.url, backoff: { attempts: 1 } }),
      folderId: null,
    };
    google.edit((await sheetOf('phuong-4')).spreadsheetId, 'Nhiệm vụ', { cell: 'G6', value: 'y' });
    const result = await pullPeriod(s.ctx, stranger, (await s.ctx.plans.get('kh-2023'))!, PERIOD);
    expect(result.failed.find((f) => f.agencyId === 'phuong-4')?.reason).toMatch(/^HTTP 401: bad signature/);
  });
});

describe('linking a sheet an agency made itself (plan-reporting google link)', () => {
  it("registers the agency's own copy in place of the created one", async () => {
    const own = google.addBook('Bản của Phường 5', await serverTemplate(s, 'phuong-5'));
    const out = await runCli(
      ['google', 'link', '--period', PERIOD, '--agency', 'phuong-5', '--spreadsheet', own],
      env,
      process.cwd(),
      () => NOW,
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`Đã liên kết / Linked: kh-2023 ${PERIOD} phuong-5 → ${own}\n`);
    expect(await sheetOf('phuong-5')).toMatchObject({ spreadsheetId: own, origin: 'linked', pullStatus: null });
  });

  it("refuses another agency's workbook, saying whose it is", async () => {
    const wrong = google.addBook('Nhầm tệp', await serverTemplate(s, 'phuong-7'));
    const out = await runCli(
      ['google', 'link', '--period', PERIOD, '--agency', 'phuong-8', '--spreadsheet', wrong],
      env,
      process.cwd(),
      () => NOW,
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^Không liên kết được \/ Not linked: Tệp này là báo cáo của .*Phường 7.*/);
    expect((await sheetOf('phuong-8')).spreadsheetId).not.toBe(wrong);
  });

  it('without Google configuration, says what to set', async () => {
    const out = await runCli(['pull', '--period', PERIOD], { DATA_DIR: s.dataDir }, process.cwd(), () => NOW);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
  });
});
