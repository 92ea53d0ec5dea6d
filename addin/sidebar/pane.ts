// The sidebar, whatever the host: sign in with the agency's code; the header (agency, plan, period, deadline,
// last receipt); the tasks and measures with their state; Kiểm tra (check, cell by cell) and Nộp báo cáo
// (submit, with a receipt and the history). Text goes in through textContent only.
import type { Duty, PeriodDuty, Receipt } from '../../shared/api/contract.ts';
import { vietnameseDate as vnDate } from '../../shared/domain/period.ts';
import type { Grid } from '../../shared/workbook/grid.ts';
import { issueWording, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import { ApiClient, type Answer, type SettingsStore } from './api-client.ts';
import { checkWorkbook, identify, measureCell, reviewIssues, taskCell, TARGETS_SHEET, TASKS_SHEET, type Checked, type RowState } from './check.ts';
import type { WorkbookHost } from './host.ts';
import { HostUnsupported } from './host.ts';
import { t, type Lang } from './words.ts';

export interface PaneOptions {
  root: HTMLElement;
  host: WorkbookHost;
  /** Who is signed in, kept where the host keeps it. */
  settings: SettingsStore;
  /** The service's URL when the pane is served by it; null asks for it at sign-in. */
  baseUrl: string | null;
  /** How a report is sent: the grid read from the host (Excel), or the file itself (the file pane). */
  submit: { kind: 'grid'; source: 'excel-addin' | 'sheets-addon' } | { kind: 'file'; bytes: () => Uint8Array | null };
  /** Called once signed in, before the workbook is read (the file pane lists duties there). */
  onSignedIn?: (client: ApiClient, me: Duty[]) => void;
  fetcher?: typeof fetch;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | null, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const vnTime = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `k-${Date.now()}-${Math.random().toString(36).slice(2)}`);

export class Pane {
  private lang: Lang = 'vi';
  private client: ApiClient | null = null;
  private duty: PeriodDuty | null = null;
  private checked: Checked | null = null;
  private grid: Grid | null = null;
  /** Kept across a failed send, so that a retry is the same submission for the server. */
  private pendingKey: string | null = null;
  private confirming = false;

  constructor(private readonly o: PaneOptions) {}

  async start(): Promise<void> {
    const saved = await this.o.settings.load();
    if (!saved) return this.renderSignIn();
    this.client = new ApiClient(saved, this.o.fetcher);
    await this.load();
  }

  private w(key: Parameters<typeof t>[1], ...args: (string | number)[]) { return t(this.lang, key, ...args); }

  private frame(...children: Node[]) {
    const header = el('div', null, { class: 'bar' });
    const toggle = el('button', this.lang === 'vi' ? 'English' : 'Tiếng Việt', { type: 'button', class: 'link', id: 'lang' });
    toggle.addEventListener('click', () => { this.lang = this.lang === 'vi' ? 'en' : 'vi'; void this.redraw(); });
    header.append(el('strong', this.w('appName')), toggle);
    this.o.root.replaceChildren(header, ...children);
  }

  private redraw(): Promise<void> { return this.client ? this.render() : Promise.resolve(this.renderSignIn()); }

  private renderSignIn(error?: string) {
    const form = el('form', null, { id: 'sign-in' });
    form.append(el('h2', this.w('signInTitle')), el('p', this.w('signInHelp'), { class: 'hint' }));
    const code = el('input', null, { id: 'code', type: 'password', autocomplete: 'off', required: '', 'aria-describedby': 'sign-in-error' });
    form.append(el('label', this.w('codeLabel'), { for: 'code' }), code);
    let url: HTMLInputElement | null = null;
    if (!this.o.baseUrl) {
      url = el('input', null, { id: 'service-url', type: 'url', required: '', placeholder: 'https://baocao.example.gov.vn' });
      form.append(el('label', this.w('urlLabel'), { for: 'service-url' }), url);
    }
    form.append(el('p', error ?? '', { id: 'sign-in-error', class: 'error', role: 'alert' }), el('button', this.w('signIn'), { type: 'submit' }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const settings = { baseUrl: (this.o.baseUrl ?? url!.value).replace(/\/+$/, ''), code: code.value.trim() };
      void this.signIn(settings);
    });
    this.frame(form);
    code.focus();
  }

  private async signIn(settings: { baseUrl: string; code: string }) {
    const client = new ApiClient(settings, this.o.fetcher);
    const me = await client.me();
    if (!me.ok) return this.renderSignIn(this.failure(me));
    await this.o.settings.save(settings);
    this.client = client;
    await this.load(me.value.duties);
  }

  private async signOut() {
    await this.o.settings.forget();
    this.client = null;
    this.duty = null;
    this.checked = null;
    this.renderSignIn();
  }

  /** A failed call as one sentence for the user. */
  private failure(answer: Extract<Answer<unknown>, { ok: false }>): string {
    if (answer.offline) return this.w('offline');
    if (answer.status === 401) return this.w('wrongCode');
    return answer.problem?.title ?? this.w('serverError', answer.status);
  }

  /** Reads the workbook and fetches the duty its metadata names. */
  async load(duties?: Duty[]) {
    if (!this.client) return this.renderSignIn();
    const client = this.client;
    this.confirming = false;
    if (this.o.onSignedIn) {
      const me = duties ? { ok: true as const, value: { duties } } : await client.me();
      if (me.ok) this.o.onSignedIn(client, me.value.duties);
      else if (me.status === 401) return this.signOut();
    }
    try {
      this.grid = await this.o.host.readGrid();
    } catch (error) {
      this.grid = null;
      return this.message(error instanceof HostUnsupported ? error.message : this.w('cannotRead', this.o.host.name, (error as Error).message));
    }
    const identity = identify(this.grid);
    if (!identity) return this.message(this.w('notOurWorkbook'));
    if (!identity.planId) return this.message(this.w('oldWorkbook'));
    const duty = await client.periodDuty(identity.planId, identity.periodId);
    if (!duty.ok) {
      if (duty.status === 401) return this.signOut();
      return this.message(duty.status === 403 ? this.w('otherAgency', identity.agencyName) : this.failure(duty));
    }
    this.duty = duty.value;
    this.checked = checkWorkbook(this.grid, this.duty);
    await this.render();
  }

  private message(text: string) {
    const out = el('div', null, { class: 'card' });
    out.append(el('p', text, { role: 'alert', id: 'pane-message' }));
    const again = el('button', this.w('readAgain'), { type: 'button', class: 'secondary' });
    again.addEventListener('click', () => void this.load());
    out.append(again, this.signOutButton());
    this.frame(out);
  }

  private signOutButton() {
    const button = el('button', this.w('signOut'), { type: 'button', class: 'link', id: 'sign-out' });
    button.addEventListener('click', () => void this.signOut());
    return button;
  }

  private async render() {
    const duty = this.duty;
    if (!duty) return this.message(this.w('notOurWorkbook'));
    const head = el('section', null, { class: 'card', id: 'duty' });
    head.append(el('h2', duty.agency.name, { id: 'agency' }), el('p', duty.plan.title, { class: 'plan', id: 'plan' }));
    const late = duty.period.daysLeft < 0;
    head.append(el('p', this.w('period', duty.period.id, vnDate(duty.period.dueBefore)), { id: 'period' }),
      el('p', late ? this.w('overdue', -duty.period.daysLeft) : this.w('daysLeft', duty.period.daysLeft), { id: 'deadline', class: late ? 'late' : 'due' }));
    if (duty.latestReceipt) head.append(el('p', this.receiptLine(duty.latestReceipt), { id: 'last-receipt' }));
    else head.append(el('p', this.w('notSubmitted'), { id: 'last-receipt', class: 'hint' }));

    const actions = el('div', null, { class: 'actions' });
    const check = el('button', this.w('check'), { type: 'button', id: 'check' });
    check.addEventListener('click', () => void this.check());
    const submit = el('button', this.confirming ? this.w('confirmSubmit') : this.w('submit'), { type: 'button', id: 'submit', class: this.confirming ? 'warn' : '' });
    submit.addEventListener('click', () => void this.submit());
    actions.append(check, submit);
    if (this.confirming) {
      const cancel = el('button', this.w('cancel'), { type: 'button', class: 'secondary', id: 'cancel-submit' });
      cancel.addEventListener('click', () => { this.confirming = false; void this.render(); });
      actions.append(cancel);
    }

    const status = el('div', null, { id: 'status', role: 'status' });
    const review = this.reviewSection(duty);
    const issues = this.issuesSection();
    const tasks = this.rowsSection('tasks', this.w('tasks'), duty.tasks.map((task, i) => ({
      id: task.taskId, title: task.title, meta: `${task.roleLabel} · ${task.timeframe}`, state: this.checked?.tasks.get(task.taskId) ?? 'empty', sheet: TASKS_SHEET.name, cell: taskCell(i),
    })));
    const measures = this.rowsSection('measures', this.w('measures'), duty.measures.map((m, i) => ({
      id: m.measureId, title: m.label, meta: `${this.w('threshold')} ${m.threshold} · ${m.how}`, state: this.checked?.measures.get(m.measureId) ?? 'empty', sheet: TARGETS_SHEET.name, cell: measureCell(i),
    })));
    const history = el('details', null, { id: 'history' });
    history.append(el('summary', this.w('history', duty.history.length)));
    const list = el('ol');
    for (const h of [...duty.history].reverse()) list.append(el('li', this.receiptLine(h)));
    history.append(list);
    this.frame(head, review, actions, status, issues, tasks, measures, history, this.signOutButton());
  }

  /** The city's review of the last version: accepted, or returned with its comments at their rows and cells. */
  private reviewSection(duty: PeriodDuty) {
    const section = el('section', null, { id: 'review', class: 'card' });
    const review = duty.latestReceipt?.review;
    if (!review || review.state === 'awaiting') { section.hidden = true; return section; }
    if (review.state === 'accepted') { section.append(el('p', this.w('accepted'), { class: 'ok' })); return section; }
    section.classList.add('returned');
    section.append(el('h3', this.w('returned', review.resubmitBy ? vnDate(review.resubmitBy) : '—')), el('p', review.comment, { id: 'review-comment' }));
    const list = el('ul');
    duty.tasks.forEach((task, i) => {
      for (const c of review.comments.filter((x) => x.taskId === task.taskId)) list.append(this.commentItem(`${task.taskId}: ${c.text}`, TASKS_SHEET.name, taskCell(i)));
    });
    duty.measures.forEach((m, i) => {
      for (const c of review.comments.filter((x) => x.measureId === m.measureId)) list.append(this.commentItem(`${m.measureId}: ${c.text}`, TARGETS_SHEET.name, measureCell(i)));
    });
    for (const c of review.comments.filter((x) => x.cell)) {
      const [sheet, cell] = c.cell!.split('!') as [string, string];
      list.append(this.commentItem(`${c.cell}: ${c.text}`, sheet, cell));
    }
    for (const c of review.comments.filter((x) => !x.cell && !x.taskId && !x.measureId)) list.append(el('li', c.text));
    section.append(list);
    return section;
  }

  private commentItem(text: string, sheet: string, cell: string) {
    const li = el('li');
    const button = el('button', text, { type: 'button', class: 'issue', 'data-cell': `${sheet}!${cell}` });
    button.addEventListener('click', () => void this.o.host.select(sheet, cell));
    li.append(button);
    return li;
  }

  private receiptLine(r: Pick<Receipt, 'version' | 'receivedAt' | 'onTime'>) {
    return this.w('receipt', r.version, vnTime(r.receivedAt), r.onTime ? this.w('onTime') : this.w('late'));
  }

  private issuesSection() {
    const section = el('section', null, { id: 'issues', class: 'card' });
    const checked = this.checked;
    if (!checked) return section;
    if (checked.errors.length === 0) {
      section.append(el('p', this.w('noIssues'), { class: 'ok', id: 'no-issues' }));
      return section;
    }
    section.append(el('h3', this.w('issuesTitle', checked.errors.length)));
    const list = el('ul');
    for (const issue of checked.errors) list.append(this.issueItem(issue));
    section.append(list);
    return section;
  }

  private issueItem(issue: WorkbookIssue) {
    const li = el('li');
    const wording = issueWording(issue);
    const link = el('button', `${issue.at.sheet}!${issue.at.cell} — ${this.lang === 'vi' ? wording.vi : wording.en}`, { type: 'button', class: 'issue', 'data-cell': `${issue.at.sheet}!${issue.at.cell}` });
    link.addEventListener('click', () => void this.o.host.select(issue.at.sheet, issue.at.cell));
    li.append(link);
    return li;
  }

  private rowsSection(id: string, title: string, rows: { id: string; title: string; meta: string; state: RowState; sheet: string; cell: string }[]) {
    const section = el('section', null, { id, class: 'card' });
    section.append(el('h3', title));
    const list = el('ul', null, { class: 'rows' });
    for (const row of rows) {
      const li = el('li', null, { 'data-id': row.id, 'data-state': row.state });
      const button = el('button', null, { type: 'button', class: 'row' });
      button.append(el('span', this.w(row.state), { class: `state ${row.state}` }), el('span', `${row.id}. ${row.title}`, { class: 'title' }), el('span', row.meta, { class: 'meta' }));
      button.addEventListener('click', () => void this.o.host.select(row.sheet, row.cell));
      li.append(button);
      list.append(li);
    }
    section.append(list);
    return section;
  }

  private say(text: string, kind: 'info' | 'error' = 'info') {
    const status = this.o.root.querySelector('#status');
    if (status) { status.textContent = text; status.className = kind; }
  }

  /** Reads the workbook as it is now and judges it; highlights the cells with issues, restores the others. */
  async check(): Promise<Checked | null> {
    if (!this.duty) return null;
    try {
      this.grid = await this.o.host.readGrid();
    } catch (error) {
      this.say(error instanceof HostUnsupported ? error.message : this.w('cannotRead', this.o.host.name, (error as Error).message), 'error');
      return null;
    }
    this.checked = checkWorkbook(this.grid, this.duty);
    // A highlight that failed (a protected cell) is said with the count, not overwritten by it.
    const unhighlighted = await this.o.host.showIssues([...this.checked.errors, ...reviewIssues(this.duty)]).then(() => null, (error: Error) => this.w('cannotHighlight', error.message));
    await this.render();
    const count = this.checked.errors.length ? this.w('issuesTitle', this.checked.errors.length) : this.w('noIssues');
    this.say(unhighlighted ? `${count}${count.endsWith('.') ? '' : '.'} ${unhighlighted}` : count, this.checked.errors.length || unhighlighted ? 'error' : 'info');
    return this.checked;
  }

  /** Refuses while errors remain; asks once more; sends; shows the receipt. A failed send loses nothing. */
  async submit(): Promise<void> {
    const checked = await this.check();
    if (!checked || !this.duty || !this.grid) return;
    if (checked.errors.length > 0) { this.confirming = false; this.say(this.w('fixFirst', checked.errors.length), 'error'); return; }
    if (!this.confirming) {
      this.confirming = true;
      await this.render();
      this.say(this.w('confirmQuestion', this.duty.period.id), 'info');
      (this.o.root.querySelector('#submit') as HTMLElement | null)?.focus();
      return;
    }
    this.confirming = false;
    this.pendingKey ??= newKey();
    const { plan, period } = this.duty;
    let answer: Answer<Receipt>;
    if (this.o.submit.kind === 'grid') {
      answer = await this.client!.submitGrid(plan.id, period.id, { grid: this.grid, source: this.o.submit.source }, this.pendingKey);
    } else {
      const bytes = this.o.submit.bytes();
      if (!bytes) { this.say(this.w('noFile'), 'error'); return; }
      answer = await this.client!.submitFile(plan.id, period.id, bytes, this.pendingKey);
    }
    if (!answer.ok) {
      await this.render();
      if (answer.offline) { this.say(this.w('sendFailed'), 'error'); return; }
      this.pendingKey = null;
      const issues = (answer.problem?.issues ?? []) as unknown as WorkbookIssue[];
      const named = issues.map((i) => { try { const w = issueWording(i); return this.lang === 'vi' ? w.vi : w.en; } catch { return ''; } }).filter(Boolean);
      this.say([answer.problem?.title ?? this.w('serverError', answer.status), ...named].join(' '), 'error');
      return;
    }
    this.pendingKey = null;
    const refreshed = await this.client!.periodDuty(plan.id, period.id);
    if (refreshed.ok) this.duty = refreshed.value;
    await this.render();
    this.say(this.w('submitted', this.receiptLine(answer.value), answer.value.submissionId), 'info');
    this.o.root.querySelector('#status')?.setAttribute('data-receipt', answer.value.submissionId);
  }
}
