// The sidebar's state and every step that changes it, without a DOM: signed in or not, the duty the open workbook
// is for, the checked result, the idempotency key kept across a failed send, the confirmation, the language and
// what the pane says. It reaches the spreadsheet only through a WorkbookHost and the service only through a
// PaneApi, so it runs (and is tested) in Node with fakes of both. pane.ts draws it.
import {
  isCellFinding,
  type Duty,
  type MeAnswer,
  type PeriodDuty,
  type Receipt,
  type ReportPayload,
} from '../../shared/api/contract.ts';
import { vietnameseDate as vnDate } from '../../shared/domain/period.ts';
import type { Grid } from '../../shared/workbook/grid.ts';
import { issueWording, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import type { Answer, ClientSettings, SettingsStore } from './api-client.ts';
import {
  checkWorkbook,
  identify,
  measureCell,
  reviewIssues,
  taskCell,
  TARGETS_SHEET,
  TASKS_SHEET,
  type Checked,
  type RowState,
} from './check.ts';
import { HostUnsupported, type WorkbookHost } from './host.ts';
import { t, type Lang, type WordKey } from './words.ts';

/** What the pane needs of the service (ApiClient implements it). */
export interface PaneApi {
  me(): Promise<Answer<MeAnswer>>;
  periodDuty(planId: string, periodId: string): Promise<Answer<PeriodDuty>>;
  submitGrid(
    planId: string,
    periodId: string,
    payload: ReportPayload,
    idempotencyKey: string,
  ): Promise<Answer<Receipt>>;
  submitFile(planId: string, periodId: string, bytes: Uint8Array, idempotencyKey: string): Promise<Answer<Receipt>>;
}

/**
 * Something the pane says, kept as data and worded in the language of the moment: a word of words.ts (its
 * arguments may be phrases too), a text already worded (a host's bilingual message, the service's title), or a
 * finding in the pane's language.
 */
export type Phrase =
  { word: WordKey; args?: (string | number | Phrase)[] } | { text: string } | { issue: WorkbookIssue };

export function say(lang: Lang, phrase: Phrase): string {
  if ('text' in phrase) return phrase.text;
  if ('issue' in phrase) {
    try {
      const wording = issueWording(phrase.issue);
      return lang === 'vi' ? wording.vi : wording.en;
    } catch {
      return ''; // a finding of a newer service, unknown here: its cell is named all the same
    }
  }
  return t(lang, phrase.word, ...(phrase.args ?? []).map((a) => (typeof a === 'object' ? say(lang, a) : a)));
}

/** Phrases as one line, each closed with a full stop before the next. */
export function sentence(lang: Lang, phrases: Phrase[]): string {
  const parts = phrases.map((p) => say(lang, p)).filter(Boolean);
  return parts.map((p, i) => (i < parts.length - 1 && !p.endsWith('.') ? `${p}.` : p)).join(' ');
}

export type Screen = 'starting' | 'sign-in' | 'message' | 'duty';
/** The status line under the buttons; receipt is the submission id once a report was received. */
export interface Status {
  kind: 'info' | 'error';
  phrases: Phrase[];
  receipt?: string;
}
export type Submit =
  { kind: 'grid'; source: 'excel-addin' | 'sheets-addon' } | { kind: 'file'; bytes: () => Uint8Array | null };

export interface PaneStateOptions<C extends PaneApi> {
  host: WorkbookHost;
  /** Who is signed in, kept where the host keeps it. */
  settings: SettingsStore;
  /** The service's URL when the pane is served by it; null asks for it at sign-in. */
  baseUrl: string | null;
  /** The service as the signed-in agency (an ApiClient in the panes, a fake in tests). */
  connect: (settings: ClientSettings) => C;
  /** How a report is sent: the grid read from the host (Excel, Sheets), or the file itself (the file pane). */
  submit: Submit;
  /** Called once signed in, before the workbook is read (the file pane lists duties there). */
  onSignedIn?: (client: C, duties: Duty[]) => void;
  /** A fresh idempotency key for a new submission. */
  newKey?: () => string;
}

export interface Row {
  id: string;
  title: string;
  meta: string;
  state: RowState;
  sheet: string;
  cell: string;
}
export interface ReviewItem {
  text: string;
  sheet?: string;
  cell?: string;
}
export type ReviewShown =
  | { state: 'none' }
  | { state: 'accepted' }
  | { state: 'returned'; heading: Phrase; comment: string; items: ReviewItem[] };

const randomKey = () => globalThis.crypto?.randomUUID?.() ?? `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const vnTime = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

/** "Đã nộp lần 2 lúc … (đúng hạn)". */
export const receiptLine = (r: Pick<Receipt, 'version' | 'receivedAt' | 'onTime'>): Phrase => ({
  word: 'receipt',
  args: [r.version, vnTime(r.receivedAt), { word: r.onTime ? 'onTime' : 'late' }],
});

const sameBody = (a: string | Uint8Array, b: string | Uint8Array) =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.length === b.length && a.every((v, i) => v === b[i]);

export class PaneState<C extends PaneApi = PaneApi> {
  lang: Lang = 'vi';
  screen: Screen = 'starting';
  /** Why the last sign-in failed (the sign-in screen). */
  signInError: Phrase | null = null;
  /** What stops the pane from showing a duty (the message screen). */
  message: Phrase | null = null;
  duty: PeriodDuty | null = null;
  checked: Checked | null = null;
  grid: Grid | null = null;
  confirming = false;
  status: Status | null = null;
  /** The key of a send that got no answer, with what was sent: the same report sent again is the same submission. */
  pending: { key: string; body: string | Uint8Array } | null = null;
  /** Called after each change, for the view to draw the state again. */
  changed: () => void = () => undefined;
  private client: C | null = null;

  constructor(private readonly o: PaneStateOptions<C>) {}

  get signedIn(): boolean {
    return this.client !== null;
  }
  /** Whether sign-in asks for the service's address. */
  get asksForUrl(): boolean {
    return this.o.baseUrl === null;
  }
  get hostName(): string {
    return this.o.host.name;
  }

  private show(patch: Partial<Pick<PaneState<C>, 'screen' | 'signInError' | 'message' | 'status' | 'confirming'>>) {
    Object.assign(this, patch);
    this.changed();
  }

  async start(): Promise<void> {
    const saved = await this.o.settings.load();
    if (!saved) return this.show({ screen: 'sign-in', signInError: null });
    this.client = this.o.connect(saved);
    await this.load();
  }

  toggleLanguage(): void {
    this.lang = this.lang === 'vi' ? 'en' : 'vi';
    this.changed();
  }

  /** The code as typed (and the service's address when the pane asks for it); a refused code is said on the form. */
  async signIn(code: string, url = ''): Promise<void> {
    const settings = { baseUrl: (this.o.baseUrl ?? url).replace(/\/+$/, ''), code: code.trim() };
    const client = this.o.connect(settings);
    const me = await client.me();
    if (!me.ok) return this.show({ screen: 'sign-in', signInError: this.failure(me) });
    await this.o.settings.save(settings);
    this.client = client;
    this.signInError = null;
    await this.load(me.value.duties);
  }

  async signOut(): Promise<void> {
    await this.o.settings.forget();
    this.client = null;
    this.duty = null;
    this.checked = null;
    this.grid = null;
    this.pending = null;
    this.show({ screen: 'sign-in', signInError: null, status: null, confirming: false });
  }

  /** A failed call as one sentence for the user. */
  private failure(answer: Extract<Answer<unknown>, { ok: false }>): Phrase {
    if (answer.offline) return { word: 'offline' };
    if (answer.status === 401) return { word: 'wrongCode' };
    return answer.problem ? { text: answer.problem.title } : { word: 'serverError', args: [answer.status] };
  }

  private unreadable(error: unknown): Phrase {
    return error instanceof HostUnsupported
      ? { text: error.message }
      : { word: 'cannotRead', args: [this.o.host.name, (error as Error).message] };
  }

  /** Reads the workbook and fetches the duty its metadata names. */
  async load(duties?: Duty[]): Promise<void> {
    const client = this.client;
    if (!client) return this.show({ screen: 'sign-in' });
    this.confirming = false;
    this.status = null;
    if (this.o.onSignedIn) {
      const me = duties ? { ok: true as const, value: { duties } } : await client.me();
      if (me.ok) this.o.onSignedIn(client, me.value.duties);
      else if (me.status === 401) return this.signOut();
    }
    try {
      this.grid = await this.o.host.readGrid();
    } catch (error) {
      this.grid = null;
      return this.show({ screen: 'message', message: this.unreadable(error) });
    }
    const identity = identify(this.grid);
    if (!identity) return this.show({ screen: 'message', message: { word: 'notOurWorkbook' } });
    if (!identity.planId) return this.show({ screen: 'message', message: { word: 'oldWorkbook' } });
    const duty = await client.periodDuty(identity.planId, identity.periodId);
    if (!duty.ok) {
      if (duty.status === 401) return this.signOut();
      return this.show({
        screen: 'message',
        message: duty.status === 403 ? { word: 'otherAgency', args: [identity.agencyName] } : this.failure(duty),
      });
    }
    this.duty = duty.value;
    this.checked = checkWorkbook(this.grid, this.duty);
    this.show({ screen: 'duty', message: null });
  }

  /** Reads the workbook as it is now and judges it; the host highlights the cells with issues and restores the others. */
  async check(): Promise<Checked | null> {
    if (!this.duty) return null;
    try {
      this.grid = await this.o.host.readGrid();
    } catch (error) {
      this.show({ status: { kind: 'error', phrases: [this.unreadable(error)] } });
      return null;
    }
    const checked = checkWorkbook(this.grid, this.duty);
    this.checked = checked;
    // A highlight that failed (a protected cell) is said after the count, not overwritten by it.
    const unhighlighted = await this.o.host.showIssues([...checked.errors, ...reviewIssues(this.duty)]).then(
      (): Phrase | null => null,
      (error: Error): Phrase => ({ word: 'cannotHighlight', args: [error.message] }),
    );
    const count: Phrase = checked.errors.length
      ? { word: 'issuesTitle', args: [checked.errors.length] }
      : { word: 'noIssues' };
    this.show({
      status: {
        kind: checked.errors.length || unhighlighted ? 'error' : 'info',
        phrases: unhighlighted ? [count, unhighlighted] : [count],
      },
    });
    return checked;
  }

  cancelSubmit(): void {
    this.show({ confirming: false, status: null });
  }

  /** Refuses while errors remain; asks once more; sends; shows the receipt. A failed send loses nothing. */
  async submit(): Promise<void> {
    const checked = await this.check();
    const duty = this.duty;
    const client = this.client;
    if (!checked || !duty || !this.grid || !client) return;
    if (checked.errors.length > 0) {
      return this.show({
        confirming: false,
        status: { kind: 'error', phrases: [{ word: 'fixFirst', args: [checked.errors.length] }] },
      });
    }
    if (!this.confirming)
      return this.show({
        confirming: true,
        status: { kind: 'info', phrases: [{ word: 'confirmQuestion', args: [duty.period.id] }] },
      });
    this.confirming = false;
    const { plan, period } = duty;
    const grid = this.grid;
    const submit = this.o.submit;
    const bytes = submit.kind === 'file' ? submit.bytes() : null;
    if (submit.kind === 'file' && !bytes)
      return this.show({ status: { kind: 'error', phrases: [{ word: 'noFile' }] } });
    const body = bytes ?? JSON.stringify(grid);
    // The key of a send that got no answer is used again only for the very same report: a changed one is new.
    const key = this.pending && sameBody(this.pending.body, body) ? this.pending.key : (this.o.newKey ?? randomKey)();
    this.pending = { key, body };
    const answer =
      submit.kind === 'grid'
        ? await client.submitGrid(plan.id, period.id, { grid, source: submit.source }, key)
        : await client.submitFile(plan.id, period.id, bytes!, key);
    if (!answer.ok) {
      if (answer.offline) return this.show({ status: { kind: 'error', phrases: [{ word: 'sendFailed' }] } });
      this.pending = null;
      const issues = (answer.problem?.issues ?? []).filter(isCellFinding);
      return this.show({
        status: { kind: 'error', phrases: [this.failure(answer), ...issues.map((issue) => ({ issue }))] },
      });
    }
    this.pending = null;
    const refreshed = await client.periodDuty(plan.id, period.id);
    if (refreshed.ok) this.duty = refreshed.value;
    const { submissionId } = answer.value;
    this.show({
      status: {
        kind: 'info',
        phrases: [{ word: 'submitted', args: [receiptLine(answer.value), submissionId] }],
        receipt: submissionId,
      },
    });
  }

  /** Moves the selection to a row's or an issue's cell. */
  select(sheet: string, cell: string): Promise<void> {
    return this.o.host.select(sheet, cell);
  }

  // What the duty screen shows, derived from the state.

  deadline(duty: PeriodDuty): { late: boolean; phrase: Phrase } {
    const late = duty.period.daysLeft < 0;
    return {
      late,
      phrase: late
        ? { word: 'overdue', args: [-duty.period.daysLeft] }
        : { word: 'daysLeft', args: [duty.period.daysLeft] },
    };
  }

  taskRows(duty: PeriodDuty): Row[] {
    return duty.tasks.map((task, i) => ({
      id: task.taskId,
      title: task.title,
      meta: `${task.roleLabel} · ${task.timeframe}`,
      state: this.checked?.tasks.get(task.taskId) ?? 'empty',
      sheet: TASKS_SHEET.name,
      cell: taskCell(i),
    }));
  }

  measureRows(duty: PeriodDuty): Row[] {
    return duty.measures.map((m, i) => ({
      id: m.measureId,
      title: m.label,
      meta: `${t(this.lang, 'threshold')} ${m.threshold} · ${m.how}`,
      state: this.checked?.measures.get(m.measureId) ?? 'empty',
      sheet: TARGETS_SHEET.name,
      cell: measureCell(i),
    }));
  }

  /** The city's review of the last version: accepted, or returned with its comments at their rows and cells. */
  review(duty: PeriodDuty): ReviewShown {
    const review = duty.latestReceipt?.review;
    if (!review || review.state === 'awaiting') return { state: 'none' };
    if (review.state === 'accepted') return { state: 'accepted' };
    const items: ReviewItem[] = [];
    duty.tasks.forEach((task, i) => {
      for (const c of review.comments.filter((x) => x.taskId === task.taskId)) {
        items.push({ text: `${task.taskId}: ${c.text}`, sheet: TASKS_SHEET.name, cell: taskCell(i) });
      }
    });
    duty.measures.forEach((m, i) => {
      for (const c of review.comments.filter((x) => x.measureId === m.measureId)) {
        items.push({ text: `${m.measureId}: ${c.text}`, sheet: TARGETS_SHEET.name, cell: measureCell(i) });
      }
    });
    for (const c of review.comments.filter((x) => x.cell)) {
      const [sheet, cell] = c.cell!.split('!') as [string, string];
      items.push({ text: `${c.cell}: ${c.text}`, sheet, cell });
    }
    for (const c of review.comments.filter((x) => !x.cell && !x.taskId && !x.measureId)) items.push({ text: c.text });
    return {
      state: 'returned',
      heading: { word: 'returned', args: [review.resubmitBy ? vnDate(review.resubmitBy) : '—'] },
      comment: review.comment,
      items,
    };
  }
}
