// The pane's state without a browser: a fake WorkbookHost and a fake service (PaneApi) for PaneState, fed with what the
// real service gives phuong-1 (its duty, its template filled, a real refusal of another agency's workbook).
import { afterAll, beforeAll, expect } from 'vitest';
import { type Answer, type ClientSettings, type SettingsStore } from '../../addin/sidebar/api-client.ts';
import { CellsNotColoured, type WorkbookHost } from '../../addin/sidebar/host.ts';
import { PaneState, sentence, type PaneApi, type Submit } from '../../addin/sidebar/pane-state.ts';
import type { Duty, MeAnswer, PeriodDuty, Problem, Receipt, ReportPayload } from '../../shared/api/contract.ts';
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import { startServer, reportBody, type TestServer } from './server.ts';
import { cloneGrid, filledServerTemplate } from './workbooks.ts';

/** What the real service gives phuong-1, read once per test file before its tests. */
export interface PaneWorld {
  s: TestServer;
  duty: PeriodDuty;
  filled: Grid;
  mismatch: Problem;
}

/** Starts the service for the file's tests (closed after them); the world is filled in before the first test. */
export function paneWorld(): PaneWorld {
  const world = {} as PaneWorld;
  beforeAll(async () => {
    world.s = await startServer({ now: '2026-11-25T03:00:00Z' });
    const s = world.s;
    const code = s.codes.agencies['phuong-1']!;
    world.duty = await (await s.api('/plans/kh-2023/periods/2026-Y/me', { code })).json();
    world.filled = await filledServerTemplate(s, 'phuong-1');
    const refused = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code,
      ...reportBody(await filledServerTemplate(s, 'phuong-2')),
    });
    expect(refused.status).toBe(409);
    world.mismatch = await refused.json();
  }, 60_000);
  afterAll(async () => {
    await world.s?.close();
  });
  return world;
}

/** A workbook in memory: what it holds, what was highlighted and selected; it can refuse to be read or coloured. */
export class FakeHost implements WorkbookHost {
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
export const offline = { ok: false as const, status: 0, problem: null, offline: true };
export const receipt = (version: number, submissionId: string): Receipt => ({
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
    private readonly duty: PeriodDuty,
  ) {}
  async me(): Promise<Answer<MeAnswer>> {
    return this.script.me.shift() ?? { ok: true, value: { agency: this.duty.agency, duties: [this.duty] } };
  }
  async periodDuty(planId: string, periodId: string): Promise<Answer<PeriodDuty>> {
    expect([planId, periodId]).toEqual(['kh-2023', '2026-Y']);
    return this.script.duty.shift() ?? { ok: true, value: this.duty };
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

/** A pane over a fake host holding the world's filled workbook (or `grid`) and the fake service, signed in by default. */
export function pane(
  world: PaneWorld,
  options: {
    grid?: Grid;
    saved?: ClientSettings | null;
    baseUrl?: string | null;
    connect?: (x: ClientSettings) => PaneApi;
    submit?: Submit;
    onSignedIn?: (client: PaneApi, duties: Duty[]) => void;
  } = {},
) {
  const host = new FakeHost(cloneGrid(options.grid ?? world.filled));
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
        const api = new FakeApi(x, script, world.duty);
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

/** The status line as the pane shows it in its language, or null. */
export const status = (state: PaneState) => (state.status ? sentence(state.lang, state.status.phrases) : null);
