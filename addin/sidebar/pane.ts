// The sidebar, whatever the host, drawn from its state (pane-state.ts): sign in with the agency's code; the header
// (agency, plan, period, deadline, last receipt); the tasks and measures with their state; Kiểm tra (check, cell by
// cell) and Nộp báo cáo (submit, with a receipt and the history). Each change of the state draws the pane again.
// Text goes in through textContent only.
import type { Duty } from '../../shared/api/contract.ts';
import { vietnameseDate as vnDate } from '../../shared/domain/period.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import { ApiClient, type SettingsStore } from './api-client.ts';
import type { Checked } from './check.ts';
import type { WorkbookHost } from './host.ts';
import { PaneState, receiptLine, say, sentence, type Phrase, type Row, type Submit } from './pane-state.ts';
import { t } from './words.ts';

export interface PaneOptions {
  root: HTMLElement;
  host: WorkbookHost;
  /** Who is signed in, kept where the host keeps it. */
  settings: SettingsStore;
  /** The service's URL when the pane is served by it; null asks for it at sign-in. */
  baseUrl: string | null;
  /** How a report is sent: the grid read from the host (Excel), or the file itself (the file pane). */
  submit: Submit;
  /** Called once signed in, before the workbook is read (the file pane lists duties there). */
  onSignedIn?: (client: ApiClient, me: Duty[]) => void;
  fetcher?: typeof fetch;
}

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string | null,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const button = (text: string, attrs: Record<string, string>, onClick: () => unknown) => {
  const node = el('button', text, { type: 'button', ...attrs });
  node.addEventListener('click', () => void onClick());
  return node;
};

export class Pane {
  readonly state: PaneState<ApiClient>;
  private readonly root: HTMLElement;

  constructor(o: PaneOptions) {
    this.root = o.root;
    this.state = new PaneState({
      host: o.host,
      settings: o.settings,
      baseUrl: o.baseUrl,
      submit: o.submit,
      connect: (s) => new ApiClient(s, o.fetcher),
      ...(o.onSignedIn ? { onSignedIn: o.onSignedIn } : {}),
    });
    let confirming = false;
    this.state.changed = () => {
      this.draw();
      // Asked to confirm: the focus goes to the button that confirms.
      if (this.state.confirming && !confirming) (this.root.querySelector('#submit') as HTMLElement | null)?.focus();
      confirming = this.state.confirming;
    };
  }

  start(): Promise<void> {
    return this.state.start();
  }
  load(): Promise<void> {
    return this.state.load();
  }
  check(): Promise<Checked | null> {
    return this.state.check();
  }
  submit(): Promise<void> {
    return this.state.submit();
  }

  private w(phrase: Phrase | Parameters<typeof t>[1]): string {
    return typeof phrase === 'string' ? t(this.state.lang, phrase) : say(this.state.lang, phrase);
  }

  private draw() {
    const header = el('div', null, { class: 'bar' });
    const other = this.state.lang === 'vi' ? 'English' : 'Tiếng Việt';
    header.append(
      el('strong', this.w('appName')),
      button(other, { class: 'link', id: 'lang' }, () => this.state.toggleLanguage()),
    );
    const screen = this.state.screen;
    if (screen === 'starting') return this.root.replaceChildren(header);
    if (screen === 'sign-in') return this.signIn(header);
    if (screen === 'message' || !this.state.duty) return this.root.replaceChildren(header, this.message());
    return this.root.replaceChildren(header, ...this.duty());
  }

  private signIn(header: HTMLElement) {
    const form = el('form', null, { id: 'sign-in' });
    form.append(el('h2', this.w('signInTitle')), el('p', this.w('signInHelp'), { class: 'hint' }));
    const code = el('input', null, {
      id: 'code',
      type: 'password',
      autocomplete: 'off',
      required: '',
      'aria-describedby': 'sign-in-error',
    });
    form.append(el('label', this.w('codeLabel'), { for: 'code' }), code);
    let url: HTMLInputElement | null = null;
    if (this.state.asksForUrl) {
      url = el('input', null, {
        id: 'service-url',
        type: 'url',
        required: '',
        placeholder: 'https://baocao.example.gov.vn',
      });
      form.append(el('label', this.w('urlLabel'), { for: 'service-url' }), url);
    }
    const error = this.state.signInError;
    form.append(
      el('p', error ? this.w(error) : '', { id: 'sign-in-error', class: 'error', role: 'alert' }),
      el('button', this.w('signIn'), { type: 'submit' }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.state.signIn(code.value, url?.value);
    });
    this.root.replaceChildren(header, form);
    code.focus();
  }

  private message() {
    const out = el('div', null, { class: 'card' });
    out.append(
      el('p', this.state.message ? this.w(this.state.message) : '', { role: 'alert', id: 'pane-message' }),
      button(this.w('readAgain'), { class: 'secondary' }, () => this.state.load()),
      this.signOutButton(),
    );
    return out;
  }

  private signOutButton() {
    return button(this.w('signOut'), { class: 'link', id: 'sign-out' }, () => this.state.signOut());
  }

  private duty(): HTMLElement[] {
    const s = this.state;
    const duty = s.duty!;
    const head = el('section', null, { class: 'card', id: 'duty' });
    head.append(el('h2', duty.agency.name, { id: 'agency' }), el('p', duty.plan.title, { class: 'plan', id: 'plan' }));
    const deadline = s.deadline(duty);
    head.append(
      el('p', this.w({ word: 'period', args: [duty.period.id, vnDate(duty.period.dueBefore)] }), { id: 'period' }),
      el('p', this.w(deadline.phrase), { id: 'deadline', class: deadline.late ? 'late' : 'due' }),
    );
    if (duty.latestReceipt) head.append(el('p', this.w(receiptLine(duty.latestReceipt)), { id: 'last-receipt' }));
    else head.append(el('p', this.w('notSubmitted'), { id: 'last-receipt', class: 'hint' }));

    const actions = el('div', null, { class: 'actions' });
    actions.append(
      button(this.w('check'), { id: 'check' }, () => s.check()),
      button(
        this.w(s.confirming ? 'confirmSubmit' : 'submit'),
        { id: 'submit', class: s.confirming ? 'warn' : '' },
        () => s.submit(),
      ),
    );
    if (s.confirming)
      actions.append(button(this.w('cancel'), { class: 'secondary', id: 'cancel-submit' }, () => s.cancelSubmit()));

    const status = el('div', s.status ? sentence(s.lang, s.status.phrases) : null, { id: 'status', role: 'status' });
    if (s.status) status.className = s.status.kind;
    if (s.status?.receipt) status.setAttribute('data-receipt', s.status.receipt);
    const history = el('details', null, { id: 'history' });
    history.append(el('summary', this.w({ word: 'history', args: [duty.history.length] })));
    const list = el('ol');
    for (const h of [...duty.history].reverse()) list.append(el('li', this.w(receiptLine(h))));
    history.append(list);
    return [
      head,
      this.review(),
      actions,
      status,
      this.issues(),
      this.rows('tasks', this.w('tasks'), s.taskRows(duty)),
      this.rows('measures', this.w('measures'), s.measureRows(duty)),
      history,
      this.signOutButton(),
    ];
  }

  private review() {
    const section = el('section', null, { id: 'review', class: 'card' });
    const review = this.state.review(this.state.duty!);
    if (review.state === 'none') {
      section.hidden = true;
      return section;
    }
    if (review.state === 'accepted') {
      section.append(el('p', this.w('accepted'), { class: 'ok' }));
      return section;
    }
    section.classList.add('returned');
    section.append(el('h3', this.w(review.heading)), el('p', review.comment, { id: 'review-comment' }));
    const list = el('ul');
    for (const item of review.items) {
      const li = el('li', item.cell ? null : item.text);
      if (item.sheet && item.cell) {
        const { sheet, cell } = item as Required<typeof item>;
        li.append(
          button(item.text, { class: 'issue', 'data-cell': `${sheet}!${cell}` }, () => this.state.select(sheet, cell)),
        );
      }
      list.append(li);
    }
    section.append(list);
    return section;
  }

  private issues() {
    const section = el('section', null, { id: 'issues', class: 'card' });
    const checked = this.state.checked;
    if (!checked) return section;
    if (checked.errors.length === 0) {
      section.append(el('p', this.w('noIssues'), { class: 'ok', id: 'no-issues' }));
      return section;
    }
    section.append(el('h3', this.w({ word: 'issuesTitle', args: [checked.errors.length] })));
    const list = el('ul');
    for (const issue of checked.errors) list.append(this.issue(issue));
    section.append(list);
    return section;
  }

  private issue(issue: WorkbookIssue) {
    const li = el('li');
    const { sheet, cell } = issue.at;
    li.append(
      button(`${sheet}!${cell} — ${this.w({ issue })}`, { class: 'issue', 'data-cell': `${sheet}!${cell}` }, () =>
        this.state.select(sheet, cell),
      ),
    );
    return li;
  }

  private rows(id: string, title: string, rows: Row[]) {
    const section = el('section', null, { id, class: 'card' });
    section.append(el('h3', title));
    const list = el('ul', null, { class: 'rows' });
    for (const row of rows) {
      const li = el('li', null, { 'data-id': row.id, 'data-state': row.state });
      const open = button('', { class: 'row' }, () => this.state.select(row.sheet, row.cell));
      open.append(
        el('span', this.w(row.state), { class: `state ${row.state}` }),
        el('span', `${row.id}. ${row.title}`, { class: 'title' }),
        el('span', row.meta, { class: 'meta' }),
      );
      li.append(open);
      list.append(li);
    }
    section.append(list);
    return section;
  }
}
