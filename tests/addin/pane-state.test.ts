// The pane's state without a browser: PaneState over a fake WorkbookHost and a fake service (PaneApi), fed with what
// the real service gives phuong-1 (its duty, its template filled, a real refusal of another agency's workbook).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Answer, type ClientSettings, type SettingsStore } from '../../addin/sidebar/api-client.ts';
import { CellsNotColoured, HostUnsupported, type WorkbookHost } from '../../addin/sidebar/host.ts';
import { PaneState, say, sentence, type PaneApi, type Submit } from '../../addin/sidebar/pane-state.ts';
import type { Duty, MeAnswer, PeriodDuty, Problem, Receipt, ReportPayload } from '../../shared/api/contract.ts';
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import { startServer, reportBody, type TestServer } from '../helpers/server.ts';
import { cloneGrid, filledServerTemplate } from '../helpers/workbooks.ts';

let s: TestServer;
let duty: PeriodDuty;
let filled: Grid;
let mismatch: Problem;

beforeAll(async () => {
  s = await startServer({ now: '2026-11-25T03:00:00Z' });
  const code = s.codes.agencies['phuong-1']!;
  duty = await (await s.api('/plans/kh-2023/periods/2026-Y/me', { code })).json();
  filled = await filledServerTemplate(s, 'phuong-1');
  const refused = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
    code,
    ...reportBody(await filledServerTemplate(s, 'phuong-2')),
  });
  expect(refused.status).toBe(409);
  mismatch = await refused.json();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

/** A workbook in memory: what it holds, what was highlighted and selected; it can refuse to be read or coloured. */
class FakeHost implements WorkbookHost {
  readonly name = 'Excel';
  shown: WorkbookIssue[][] = [];
  selected: string[] = [];
  unreadable: Error | null = null;
  refuses: string[] = [];
  constructor(public grid: Grid) {}
  async readGrid() {
    if (this.unreadable) throw this.unreadable;
    return cloneGrid(this.grid);
  }
  async showIssues(issues: WorkbookIssue[]) {
    this.shown.push(issues);
    if (this.refuses.length) throw new CellsNotColoured(this.refuses);
  }
  async select(sheet: string, cell: string) {
    this.selected.push(`${sheet}!${cell}`);
  }
  set(sheet: string, address: string, value: CellValue) {
    const [, col, row] = /^([A-Z])(\d+)$/.exec(address)!;
    const rows = this.grid[sheet]!;
    const r = (rows[Number(row) - 1] ??= []);
    while (r.length < col!.charCodeAt(0) - 64) r.push(null);
    r[col!.charCodeAt(0) - 65] = value;
  }
}

type Sent = { key: string; payload?: ReportPayload; bytes?: Uint8Array };
const offline = { ok: false as const, status: 0, problem: null, offline: true };
const receipt = (version: number, submissionId: string): Receipt => ({
  submissionId,
  version,
  receivedAt: '2026-11-25T03:00:00.000Z',
  onTime: true,
});

/** What the fake service answers next, shared by every client the pane connects (answers queued, then the defaults). */
interface Script {
  me: Answer<MeAnswer>[];
  duty: Answer<PeriodDuty>[];
  send: Answer<Receipt>[];
  sent: Sent[];
}

/** The service as the pane sees it: answers scripted by the test, every report sent written down. */
class FakeApi implements PaneApi {
  constructor(
    readonly settings: ClientSettings,
    private readonly script: Script,
  ) {}
  async me(): Promise<Answer<MeAnswer>> {
    return this.script.me.shift() ?? { ok: true, value: { agency: duty.agency, duties: [duty] } };
  }
  async periodDuty(planId: string, periodId: string): Promise<Answer<PeriodDuty>> {
    expect([planId, periodId]).toEqual(['kh-2023', '2026-Y']);
    return this.script.duty.shift() ?? { ok: true, value: duty };
  }
  async submitGrid(_plan: string, _period: string, payload: ReportPayload, key: string): Promise<Answer<Receipt>> {
    const sent = this.script.sent;
    sent.push({ key, payload: structuredClone(payload) });
    return this.script.send.shift() ?? { ok: true, value: receipt(sent.length, `sub-${sent.length}`) };
  }
  async submitFile(_plan: string, _period: string, bytes: Uint8Array, key: string): Promise<Answer<Receipt>> {
    const sent = this.script.sent;
    sent.push({ key, bytes: bytes.slice() });
    return this.script.send.shift() ?? { ok: true, value: receipt(sent.length, `sub-${sent.length}`) };
  }
}

function memorySettings(saved: ClientSettings | null = null): SettingsStore & { saved: ClientSettings | null } {
  const store = {
    saved,
    load: async () => store.saved,
    save: async (x: ClientSettings) => {
      store.saved = x;
    },
    forget: async () => {
      store.saved = null;
    },
  };
  return store;
}

function pane(
  options: {
    grid?: Grid;
    saved?: ClientSettings | null;
    baseUrl?: string | null;
    connect?: (x: ClientSettings) => PaneApi;
    submit?: Submit;
    onSignedIn?: (client: PaneApi, duties: Duty[]) => void;
  } = {},
) {
  const host = new FakeHost(cloneGrid(options.grid ?? filled));
  const settings = memorySettings(
    options.saved === undefined ? { baseUrl: 'https://baocao.test', code: 'ma-dung' } : options.saved,
  );
  const apis: FakeApi[] = [];
  const script: Script = { me: [], duty: [], send: [], sent: [] };
  let keys = 0;
  const submit: Submit = options.submit ?? { kind: 'grid', source: 'excel-addin' };
  const state = new PaneState<PaneApi>({
    host,
    settings,
    baseUrl: options.baseUrl === undefined ? 'https://baocao.test' : options.baseUrl,
    submit,
    ...(options.onSignedIn ? { onSignedIn: options.onSignedIn } : {}),
    connect:
      options.connect ??
      ((x) => {
        const api = new FakeApi(x, script);
        apis.push(api);
        return api;
      }),
    newKey: () => `key-${++keys}`,
  });
  let changes = 0;
  state.changed = () => {
    changes += 1;
  };
  return { state, host, settings, apis, script, sent: script.sent, changes: () => changes };
}
const status = (state: PaneState) => (state.status ? sentence(state.lang, state.status.phrases) : null);

describe('signing in', () => {
  it('refuses a wrong code on the form, and keeps nothing', async () => {
    const { state, settings, apis, script } = pane({ saved: null });
    await state.start();
    expect(state.screen).toBe('sign-in');
    script.me.push({ ok: false, status: 401, problem: null, offline: false });
    await state.signIn(' ma-sai ');
    expect(apis[0]!.settings.code).toBe('ma-sai');
    expect(state.screen).toBe('sign-in');
    expect(state.signedIn).toBe(false);
    expect(say(state.lang, state.signInError!)).toBe('Mã truy cập không đúng hoặc đã bị thu hồi.');
    expect(settings.saved).toBeNull();
  });

  it('says the service cannot be reached when the network fails (the real client over a fetch that throws)', async () => {
    const fetcher = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const { state, settings } = pane({ saved: null, connect: (x) => new ApiClient(x, fetcher) });
    await state.start();
    await state.signIn('ma-dung');
    expect(state.screen).toBe('sign-in');
    expect(say('vi', state.signInError!)).toBe('Không kết nối được máy chủ báo cáo; kiểm tra mạng rồi thử lại.');
    expect(say('en', state.signInError!)).toBe('Cannot reach the reporting service; check the network and try again.');
    expect(settings.saved).toBeNull();
  });

  it('keeps the code and the address without a trailing slash, then shows the duty of the open workbook', async () => {
    const { state, settings } = pane({ saved: null, baseUrl: null });
    await state.start();
    expect(state.asksForUrl).toBe(true);
    await state.signIn('ma-dung', 'https://baocao.test//');
    expect(settings.saved).toEqual({ baseUrl: 'https://baocao.test', code: 'ma-dung' });
    expect(state.screen).toBe('duty');
    expect(state.duty!.agency.name).toBe('Phường 1');
    expect(state.taskRows(state.duty!).map((r) => r.state)).toEqual(state.duty!.tasks.map(() => 'ready'));
    expect(say('vi', state.deadline(state.duty!).phrase)).toBe('Còn 20 ngày');
  });

  it('signs out when the saved code was revoked, and names a workbook of another agency', async () => {
    const revoked = pane();
    revoked.script.duty.push({ ok: false, status: 401, problem: null, offline: false });
    await revoked.state.start();
    expect(revoked.state.screen).toBe('sign-in');
    expect(revoked.settings.saved).toBeNull();
    const other = pane();
    other.script.duty.push({ ok: false, status: 403, problem: null, offline: false });
    await other.state.start();
    expect(other.state.screen).toBe('message');
    expect(say('vi', other.state.message!)).toBe('Bảng tính này là báo cáo của Phường 1, không phải của cơ quan bạn.');
  });

  it('says plainly why a workbook cannot be read, and keeps the message through a change of language', async () => {
    const { state, host, changes } = pane();
    host.unreadable = new HostUnsupported('Phiên bản Excel này chưa có ExcelApi 1.4 / This Excel lacks ExcelApi 1.4');
    await state.start();
    expect(state.screen).toBe('message');
    expect(say('vi', state.message!)).toBe('Phiên bản Excel này chưa có ExcelApi 1.4 / This Excel lacks ExcelApi 1.4');
    host.unreadable = new Error('GeneralException');
    await state.load();
    expect(say(state.lang, state.message!)).toBe('Không đọc được bảng tính từ Excel: GeneralException');
    const drawn = changes();
    state.toggleLanguage();
    expect(changes()).toBe(drawn + 1);
    expect(state.screen).toBe('message');
    expect(say(state.lang, state.message!)).toBe('Cannot read the workbook from Excel: GeneralException');
  });
});

describe('checking', () => {
  it('lists the issues, has the host highlight their cells, and marks their rows', async () => {
    const { state, host } = pane();
    await state.start();
    host.set('Nhiệm vụ', 'F6', 150);
    host.set('Nhiệm vụ', 'E7', 'Xong rồi');
    const checked = await state.check();
    expect(checked!.errors.map((i) => `${i.at.sheet}!${i.at.cell}`)).toEqual(['Nhiệm vụ!F6', 'Nhiệm vụ!E7']);
    expect(host.shown.at(-1)!.map((i) => `${i.at.sheet}!${i.at.cell}`)).toEqual(['Nhiệm vụ!F6', 'Nhiệm vụ!E7']);
    expect(state.status!.kind).toBe('error');
    expect(status(state)).toBe('2 ô cần sửa');
    const rows = state.taskRows(state.duty!);
    expect(rows.find((r) => r.id === 'NV1')).toMatchObject({ state: 'incomplete', sheet: 'Nhiệm vụ', cell: 'A6' });
    expect(rows.find((r) => r.id === 'NV9')!.state).toBe('ready');
    await state.select('Nhiệm vụ', 'E7');
    expect(host.selected).toEqual(['Nhiệm vụ!E7']);
  });

  it('says which cells could not be coloured after the count, never overwritten by it', async () => {
    const { state, host } = pane();
    await state.start();
    host.set('Nhiệm vụ', 'F6', 150);
    host.refuses = ['Nhiệm vụ!F6'];
    await state.check();
    expect(status(state)).toBe('1 ô cần sửa. Không tô được ô lỗi: Nhiệm vụ!F6');
    expect(state.status!.kind).toBe('error');
    host.set('Nhiệm vụ', 'F6', 60);
    await state.check();
    expect(status(state)).toBe('Không có lỗi; có thể nộp báo cáo. Không tô được ô lỗi: Nhiệm vụ!F6');
    expect(state.status!.kind).toBe('error');
    state.toggleLanguage();
    expect(status(state)).toBe('No issues; ready to submit. Cannot highlight the cells: Nhiệm vụ!F6');
  });

  it('says so when the workbook cannot be read at check, keeping the last result', async () => {
    const { state, host } = pane();
    await state.start();
    host.unreadable = new Error('busy');
    expect(await state.check()).toBeNull();
    expect(status(state)).toBe('Không đọc được bảng tính từ Excel: busy');
    expect(state.screen).toBe('duty');
  });
});

describe('submitting', () => {
  it('refuses while errors remain, asks once more, then sends and shows the receipt with the duty refreshed', async () => {
    const { state, host, script, sent } = pane();
    await state.start();
    host.set('Nhiệm vụ', 'F6', 150);
    await state.submit();
    expect(status(state)).toBe('Còn 1 ô cần sửa; hãy sửa rồi nộp.');
    expect(sent).toEqual([]);
    host.set('Nhiệm vụ', 'F6', 60);
    await state.submit();
    expect(state.confirming).toBe(true);
    expect(status(state)).toBe('Nộp báo cáo kỳ 2026-Y? Bấm "Xác nhận nộp" để gửi.');
    expect(sent).toEqual([]);
    const after = {
      ...duty,
      latestReceipt: {
        ...receipt(1, 'sub-1'),
        review: { state: 'awaiting' as const, comment: '', comments: [], resubmitBy: null },
      },
    };
    script.duty.push({ ok: true, value: after });
    await state.submit();
    expect(state.confirming).toBe(false);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toEqual({ grid: host.grid, source: 'excel-addin' });
    expect(state.status).toMatchObject({ kind: 'info', receipt: 'sub-1' });
    expect(status(state)).toMatch(/^Đã nộp\. Đã nộp lần 1 lúc .* \(đúng hạn\)\. Mã biên nhận sub-1\.$/);
    expect(state.duty!.latestReceipt!.submissionId).toBe('sub-1');
    expect(state.pending).toBeNull();
  });

  it('cancels a confirmation', async () => {
    const { state, sent } = pane();
    await state.start();
    await state.submit();
    expect(state.confirming).toBe(true);
    state.cancelSubmit();
    expect(state.confirming).toBe(false);
    await state.submit();
    expect(state.confirming).toBe(true);
    expect(sent).toEqual([]);
  });

  it('sends again with the same idempotency key after a send that got no answer, and a new key for the next report', async () => {
    const { state, host, script, sent } = pane();
    await state.start();
    script.send.push(offline);
    await state.submit();
    await state.submit();
    expect(status(state)).toBe('Chưa gửi được (mất kết nối). Bảng tính vẫn nguyên; bấm Nộp báo cáo để gửi lại.');
    expect(state.screen).toBe('duty');
    await state.submit();
    await state.submit();
    expect(state.status!.receipt).toBe('sub-2');
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-1']);
    host.set('Nhiệm vụ', 'G6', 'Bổ sung');
    await state.submit();
    await state.submit();
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('takes a new key when the report was changed after a send that got no answer (the same key would be refused as reused)', async () => {
    const { state, host, script, sent } = pane();
    await state.start();
    script.send.push(offline);
    await state.submit();
    await state.submit();
    host.set('Nhiệm vụ', 'G6', 'Sửa sau khi mất mạng');
    await state.submit();
    await state.submit();
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-2']);
  });

  it('names a refused workbook (409 workbook-mismatch from the service) with its findings, and drops the key', async () => {
    const { state, script, sent } = pane();
    await state.start();
    script.send.push({ ok: false, status: 409, problem: mismatch, offline: false });
    await state.submit();
    await state.submit();
    expect(state.status!.kind).toBe('error');
    expect(mismatch.issues!.length).toBeGreaterThan(0);
    expect(status(state)).toBe(
      'Tệp này không phải báo cáo của cơ quan, kỳ hoặc kế hoạch này. / ' +
        'This workbook is for another agency, period or plan. ' +
        'Tệp này là báo cáo của Phường 2, không phải phuong-1.',
    );
    expect(state.pending).toBeNull();
    await state.submit();
    await state.submit();
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-2']);
  });
});

describe('the file pane', () => {
  it('lists the duties once signed in, sends the file itself, and keeps the key for the same file only', async () => {
    let file: Uint8Array | null = null;
    const listed: string[][] = [];
    const { state, sent, script } = pane({
      submit: { kind: 'file', bytes: () => file },
      onSignedIn: (_client, duties) => listed.push(duties.map((d) => d.plan.id)),
    });
    await state.start();
    expect(listed).toEqual([['kh-2023']]);
    await state.submit();
    await state.submit();
    expect(status(state)).toBe('Hãy chọn tệp báo cáo .xlsx.');
    expect(sent).toEqual([]);
    file = new Uint8Array([1, 2, 3]);
    script.send.push(offline);
    await state.submit();
    await state.submit();
    file = new Uint8Array([1, 2, 3]); // the same file picked again
    await state.submit();
    await state.submit();
    file = new Uint8Array([1, 2, 4]);
    await state.submit();
    await state.submit();
    expect(sent.map((x) => [x.key, [...x.bytes!]])).toEqual([
      ['key-1', [1, 2, 3]],
      ['key-1', [1, 2, 3]],
      ['key-2', [1, 2, 4]],
    ]);
  });
});

describe('a returned report', () => {
  const returned = () => ({
    ...duty,
    latestReceipt: {
      ...receipt(1, 'sub-1'),
      review: {
        state: 'returned' as const,
        comment: 'Cần bổ sung số liệu cụ thể.',
        resubmitBy: '2026-11-30',
        comments: [
          { taskId: 'NV1', text: 'Nêu số buổi tuyên truyền.' },
          { cell: 'Nhiệm vụ!G7', text: 'Ghi rõ tên văn bản.' },
          { text: 'Gửi kèm văn bản.' },
        ],
      },
    },
  });

  it('shows its comments at their rows and cells, and has the commented cells highlighted without blocking a submission', async () => {
    const { state, host, script, sent } = pane();
    script.duty.push({ ok: true, value: returned() });
    await state.start();
    const review = state.review(state.duty!);
    expect(review.state).toBe('returned');
    if (review.state !== 'returned') return;
    expect(say('vi', review.heading)).toBe('Báo cáo bị trả lại; hãy sửa và nộp lại trước 30/11/2026:');
    expect(review.comment).toBe('Cần bổ sung số liệu cụ thể.');
    expect(review.items).toEqual([
      { text: 'NV1: Nêu số buổi tuyên truyền.', sheet: 'Nhiệm vụ', cell: 'A6' },
      { text: 'Nhiệm vụ!G7: Ghi rõ tên văn bản.', sheet: 'Nhiệm vụ', cell: 'G7' },
      { text: 'Gửi kèm văn bản.' },
    ]);
    const checked = await state.check();
    expect(checked!.errors).toEqual([]);
    expect(host.shown.at(-1)).toEqual([
      {
        code: 'review-comment',
        severity: 'warning',
        at: { sheet: 'Nhiệm vụ', cell: 'G7' },
        params: { text: 'Ghi rõ tên văn bản.' },
      },
    ]);
    expect(status(state)).toBe('Không có lỗi; có thể nộp báo cáo.');
    await state.submit();
    await state.submit();
    expect(sent).toHaveLength(1);
  });

  it('shows an accepted report as such, and nothing while it awaits review', async () => {
    const { state } = pane();
    await state.start();
    expect(state.review(duty)).toEqual({ state: 'none' });
    const review = { state: 'accepted' as const, comment: '', comments: [], resubmitBy: null };
    const accepted = { ...duty, latestReceipt: { ...receipt(1, 'sub-1'), review } };
    expect(state.review(accepted)).toEqual({ state: 'accepted' });
  });
});

describe('signing out', () => {
  it('forgets the code, the duty and a pending key', async () => {
    const { state, settings, script } = pane();
    await state.start();
    script.send.push(offline);
    await state.submit();
    await state.submit();
    expect(state.pending).not.toBeNull();
    await state.signOut();
    expect(settings.saved).toBeNull();
    expect(state).toMatchObject({
      screen: 'sign-in',
      signedIn: false,
      duty: null,
      checked: null,
      pending: null,
      status: null,
    });
  });
});

describe('with the real service and client, over a network that loses answers', () => {
  it('a resend of the same report is the same submission; a report changed after a lost answer is a new version, not a reused key', async () => {
    const code = s.codes.agencies['phuong-1']!;
    let lose = 0;
    /** Delivers the request, then loses the service's answer for the next `lose` sends of a report. */
    const lossy = (async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === 'POST' && lose > 0) {
        lose -= 1;
        throw new TypeError('connection reset');
      }
      return res;
    }) as typeof fetch;
    const { state, host } = pane({ saved: { baseUrl: s.url, code }, connect: (x) => new ApiClient(x, lossy) });
    const history = () => s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1');
    await state.start();
    expect(state.duty!.agency.id).toBe('phuong-1');
    lose = 1;
    await state.submit();
    await state.submit();
    expect(status(state)).toBe('Chưa gửi được (mất kết nối). Bảng tính vẫn nguyên; bấm Nộp báo cáo để gửi lại.');
    expect(await history()).toHaveLength(1);
    await state.submit();
    await state.submit();
    expect(await history()).toHaveLength(1);
    expect(state.status!.receipt).toBe((await history())[0]!.submissionId);

    host.set('Nhiệm vụ', 'G6', 'Bổ sung kết quả');
    lose = 1;
    await state.submit();
    await state.submit();
    expect(await history()).toHaveLength(2);
    host.set('Nhiệm vụ', 'G7', 'Bổ sung thêm sau khi mất kết nối');
    await state.submit();
    await state.submit();
    expect(state.status!.kind).toBe('info');
    expect((await history()).map((h) => h.version)).toEqual([1, 2, 3]);
    expect(state.status!.receipt).toBe((await history())[2]!.submissionId);
  });
});
