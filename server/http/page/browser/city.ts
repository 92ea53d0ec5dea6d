// The city page: sign in with the admin token, pick a period, watch who has reported, download the master
// workbook and every agency's template, issue an agency a new access code. What it holds and shows is decided in
// ../city-state.ts; this module draws it. Text goes in through textContent only.
import { ROUTE_PATHS } from '../../../../shared/api/route-paths.ts';
import {
  CityState,
  countItems,
  deadlineText,
  problemText,
  submissionView,
  type Filter,
  type StatusRow,
} from '../city-state.ts';
import { $, api, el, input, options, select } from './dom.ts';
import { showPlans } from './plans.ts';

const state = new CityState(api);
const say = (text: string) => {
  $('#action-status').textContent = text;
};

function cell(row: HTMLTableRowElement, text: string) {
  const td = el('td', text);
  row.append(td);
  return td;
}

function renderPull(td: HTMLTableCellElement, row: StatusRow) {
  const pull = row.pull;
  if (!pull) return;
  td.className = pull.className;
  td.textContent = pull.text;
  if (pull.title) td.title = pull.title;
  if (pull.issues.length) {
    const details = el('details');
    const list = el('ul');
    list.append(...pull.issues.map((text) => el('li', text)));
    details.append(el('summary', `${pull.issues.length} lỗi`), list);
    td.append(details);
  }
}

function renderStatus() {
  const tbody = $('#status tbody');
  tbody.replaceChildren();
  for (const row of state.rows()) {
    const tr = el('tr');
    tr.dataset.agency = row.agencyId;
    tr.className = row.className;
    const cells = row.cells.map((text) => cell(tr, text));
    if (row.submissionId) {
      const view = el('button', 'Xem', { type: 'button', class: 'view-report' });
      const id = row.submissionId;
      view.addEventListener('click', () => openSubmission(id));
      cells.at(-1)!.append(' ', view);
    }
    renderPull(cell(tr, ''), row);
    const button = el('button', 'Cấp & sao chép mã', { type: 'button' });
    button.addEventListener('click', () => issueCode(row.agency));
    cell(tr, '').append(button);
    tbody.append(tr);
  }
}

function renderSummary() {
  if (!state.status) return;
  const deadline = $('#deadline');
  const { text, overdue } = deadlineText(state.status.period);
  deadline.classList.toggle('overdue', overdue);
  deadline.textContent = text;
  $('#counts').replaceChildren(
    ...countItems(state.status.counts).map(([label, value]) => {
      const div = el('div', null, { class: 'count' });
      div.append(el('strong', value), label);
      return div;
    }),
  );
}

async function loadStatus() {
  state.plan = select('#plan').value;
  state.period = select('#period').value;
  const loaded = await state.loadStatus();
  if (!loaded.ok) {
    say(loaded.message);
    return;
  }
  if (!loaded.value) {
    $('#status tbody').replaceChildren();
    $('#counts').replaceChildren();
    $('#deadline').textContent = '';
    return;
  }
  renderSummary();
  renderStatus();
}

async function download(route: 'masterFile' | 'templatesZip' | 'reportFile', name: string) {
  say('Đang tải… / Downloading…');
  const res = await api.call(ROUTE_PATHS[route], state.scope);
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', null, { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(`Đã tải ${name}`);
}

interface ReportDraft {
  issuer: string;
  number: string;
  nation: string[];
  placeDate: string;
  title: string;
  summary: string;
  recipients: string[];
  body: (
    | { kind: 'heading'; text: string }
    | { kind: 'subheading'; text: string }
    | { kind: 'paragraph'; lead?: string; text: string }
    | { kind: 'table'; header: string[]; rows: string[][] }
  )[];
}

/** The consolidated report's draft, as it will read in the .docx: header, title, body, Nơi nhận. */
async function previewReport() {
  const res = await api.call(ROUTE_PATHS.report, state.scope);
  const box = $('#report-preview');
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  const r = (await res.json()) as ReportDraft;
  const head = el('div', '', { class: 'report-head' });
  head.append(
    el('p', `${r.issuer} · ${r.number}`),
    el('p', `${r.nation.join(' — ')}`),
    el('p', r.placeDate, { class: 'italic' }),
  );
  const parts: HTMLElement[] = [
    head,
    el('h3', r.title, { class: 'center' }),
    el('p', r.summary, { class: 'center strong' }),
  ];
  for (const b of r.body) {
    if (b.kind === 'heading') parts.push(el('h4', b.text));
    else if (b.kind === 'subheading') parts.push(el('h5', b.text));
    else if (b.kind === 'paragraph') {
      const p = el('p', '');
      if (b.lead) p.append(el('strong', `${b.lead} `));
      p.append(b.text);
      parts.push(p);
    } else {
      const table = el('table');
      const tr = el('tr');
      for (const h of b.header) tr.append(el('th', h));
      table.append(tr);
      for (const row of b.rows) {
        const r2 = el('tr');
        for (const v of row) r2.append(el('td', v));
        table.append(r2);
      }
      const wrap = el('div', '', { class: 'table-wrap' });
      wrap.append(table);
      parts.push(wrap);
    }
  }
  parts.push(el('p', `Nơi nhận: ${r.recipients.join('; ')}`, { class: 'italic' }));
  box.replaceChildren(...parts);
  box.hidden = false;
  box.scrollIntoView();
}

/** One report version as it reads in the workbook, what changed since the agency's previous version, and the review form. */
async function openSubmission(submissionId: string) {
  const loaded = await state.openSubmission(submissionId);
  if (!loaded.ok) {
    say(loaded.message);
    return;
  }
  const view = submissionView(loaded.value);
  $('#report-view-heading').textContent = view.heading;
  $('#report-view-state').textContent = view.state;
  $('#report-view-tasks tbody').replaceChildren(
    ...view.tasks.map((t) => {
      const tr = el('tr');
      tr.dataset.task = t.taskId;
      for (const c of t.cells) {
        const td = cell(tr, c.text);
        if (c.changed) td.className = 'changed';
      }
      cell(tr, '').append(el('input', null, { class: 'task-comment', 'aria-label': `Nhận xét ${t.taskId}` }));
      return tr;
    }),
  );
  $('#report-view-measures tbody').replaceChildren(
    ...view.measures.map((texts) => {
      const tr = el('tr');
      for (const text of texts) cell(tr, text);
      return tr;
    }),
  );
  $('#report-view-assessment').replaceChildren(...view.assessment.map((text) => el('p', text)));
  input('#review-comment').value = '';
  $('#review-error').textContent = '';
  $('#report-view').hidden = false;
  $('#report-view').scrollIntoView();
}

async function sendReview(decision: 'accept' | 'return') {
  const comments = [...document.querySelectorAll<HTMLTableRowElement>('#report-view-tasks tbody tr')].map((tr) => ({
    taskId: tr.dataset.task ?? '',
    text: tr.querySelector('input')?.value ?? '',
  }));
  const sent = await state.review(decision, input('#review-comment').value, comments, input('#review-resubmit').value);
  if (!sent.ok) {
    $('#review-error').textContent = sent.message;
    input('#review-comment').focus();
    return;
  }
  await openSubmission(state.viewing!.submission.submissionId);
  await loadStatus();
}

/** What the reminders would send on a day; without SMTP_URL nothing is sent and this is all that happens. */
async function previewReminders() {
  const loaded = await state.remindersOn(input('#reminders-on').value);
  if (!loaded.ok) {
    $('#reminders-sends').textContent = loaded.message;
    return;
  }
  $('#reminders-sends').textContent = loaded.value.sends;
  $('#reminders-list').replaceChildren(...loaded.value.items.map((text) => el('li', text)));
}

interface DirectoryAnswer {
  id: string;
  agencies: { id: string; name: string; contacts: { name: string; email: string }[] }[];
}

async function loadDirectoryChoices(): Promise<DirectoryAnswer | undefined> {
  const res = await api.call(ROUTE_PATHS.directory, { id: 'vung-tau-2023' });
  if (!res.ok) return undefined;
  const d = (await res.json()) as DirectoryAnswer;
  select('#contact-agency').replaceChildren(
    ...options(
      d.agencies.map((a) => ({
        value: a.id,
        text: `${a.name}${a.contacts.length ? ` (${a.contacts.map((c) => c.email).join(', ')})` : ''}`,
      })),
    ),
  );
  return d;
}

async function addContact() {
  const chosen = select('#contact-agency').value;
  const d = await loadDirectoryChoices();
  const agency = d?.agencies.find((a) => a.id === chosen);
  if (!d || !agency) return;
  const contacts = [
    ...agency.contacts,
    { name: input('#contact-name').value.trim(), email: input('#contact-email').value.trim() },
  ];
  const res = await api.send(ROUTE_PATHS.setContacts, { id: d.id, agencyId: agency.id }, { contacts });
  $('#contacts-status').textContent = res.ok ? `Đã lưu liên hệ của ${agency.name}.` : await problemText(res);
  await loadDirectoryChoices();
  select('#contact-agency').value = agency.id;
}

async function loadAccounts() {
  const res = await api.call(ROUTE_PATHS.accounts, {});
  if (!res.ok) return;
  const { accounts } = (await res.json()) as {
    accounts: { id: number; name: string; role: string; revokedAt: string | null }[];
  };
  $('#accounts-list').replaceChildren(
    ...accounts
      .filter((a) => !a.revokedAt)
      .map((a) => {
        const li = el('li', `${a.name} — ${a.role === 'coordinator' ? 'điều phối' : 'chỉ xem'} `);
        li.dataset.account = String(a.id);
        const revoke = el('button', 'Thu hồi', { type: 'button', class: 'secondary' });
        revoke.addEventListener('click', async () => {
          const r = await api.call(ROUTE_PATHS.revokeAccount, { id: String(a.id) });
          $('#account-token').textContent = r.ok ? `Đã thu hồi tài khoản ${a.name}.` : await problemText(r);
          await loadAccounts();
        });
        li.append(revoke);
        return li;
      }),
  );
}

async function addAccount() {
  const body: Record<string, string> = {
    name: input('#account-name').value.trim(),
    role: select('#account-role').value,
  };
  if (input('#account-email').value.trim()) body.email = input('#account-email').value.trim();
  const res = await api.send(ROUTE_PATHS.addAccount, {}, body);
  if (!res.ok) {
    $('#account-token').textContent = await problemText(res);
    return;
  }
  const { account, token } = (await res.json()) as { account: { name: string }; token: string };
  await loadAccounts();
  $('#account-token').textContent = `Mã của ${account.name} (chỉ hiện một lần): ${token}`;
}

async function issueCode(agency: { agencyId: string; agencyName: string }) {
  if (!confirm(`Cấp mã mới cho ${agency.agencyName}? Mã cũ sẽ không dùng được nữa.`)) return;
  const res = await api.call(ROUTE_PATHS.issueCode, { id: agency.agencyId });
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  const { accessCode, warnings } = (await res.json()) as { accessCode: string; warnings?: { title: string }[] };
  $('#code-agency').textContent = agency.agencyName;
  input('#code-value').value = accessCode;
  $('#code-copied').textContent = '';
  // The code is in force even when access-codes.json could not follow: said here, beside the code.
  $('#code-warning').textContent = (warnings ?? []).map((w) => w.title).join(' ');
  $<HTMLDialogElement>('#code-dialog').showModal();
  await copyCode();
}

async function copyCode() {
  const field = input('#code-value');
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    $('#code-copied').textContent = 'Đã sao chép / Copied';
  } catch {
    $('#code-copied').textContent = 'Hãy bấm Ctrl+C để sao chép / Press Ctrl+C to copy';
  }
}

/** The plans that have periods (published first, then archived), in the plan selector. */
async function loadPlanChoices(keep?: string): Promise<boolean> {
  state.plan = select('#plan').value;
  const loaded = await state.loadPlans(keep);
  if (!loaded.ok) return false;
  select('#plan').replaceChildren(...options(loaded.value));
  select('#plan').value = state.plan;
  return true;
}

async function loadPeriods() {
  state.plan = select('#plan').value;
  const loaded = await state.loadPeriods();
  if (!loaded.ok) {
    say(loaded.message);
    return;
  }
  select('#period').replaceChildren(...options(loaded.value));
  select('#period').value = state.period;
  await loadStatus();
}

async function showApp() {
  if (!(await loadPlanChoices())) return false;
  await loadPeriods();
  $('#sign-in').hidden = true;
  $('#sign-in-error').hidden = true;
  $('#sign-in-error').textContent = '';
  $('#app').hidden = false;
  $('#sign-out').hidden = false;
  await showPlans({
    onPublished: async (planId) => {
      await loadPlanChoices(planId);
      await loadPeriods();
    },
  });
  // Tomorrow in Vietnam time, for the reminders preview.
  input('#reminders-on').value = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  await Promise.all([loadAccounts(), loadDirectoryChoices()]);
  return true;
}

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  sessionStorage.setItem('token', input('#token').value.trim());
  if (!(await showApp())) {
    sessionStorage.removeItem('token');
    const error = $('#sign-in-error');
    error.textContent = 'Mã quản trị không đúng. / Wrong admin token.';
    error.hidden = false;
  }
});
$('#sign-out').addEventListener('click', () => {
  sessionStorage.removeItem('token');
  location.reload();
});
$('#plan').addEventListener('change', loadPeriods);
$('#period').addEventListener('change', loadStatus);
const fileName = (prefix: string, ext: string) => `${prefix}-${state.plan}-${state.period}.${ext}`;
$('#download-master').addEventListener('click', () => download('masterFile', fileName('tong-hop', 'xlsx')));
$('#download-templates').addEventListener('click', () => download('templatesZip', fileName('mau-bao-cao', 'zip')));
$('#download-report').addEventListener('click', () => download('reportFile', fileName('bao-cao', 'docx')));
$('#preview-report').addEventListener('click', previewReport);
$('#copy-code').addEventListener('click', copyCode);
$('#reminders-preview').addEventListener('click', previewReminders);
$('#contact-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void addContact();
});
$('#account-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void addAccount();
});
$('#review-accept').addEventListener('click', () => sendReview('accept'));
$('#review-return').addEventListener('click', () => sendReview('return'));
$('#sort-name').addEventListener('click', () => {
  state.byName = !state.byName;
  $('#sort-name').setAttribute('aria-pressed', String(state.byName));
  renderStatus();
});
for (const button of document.querySelectorAll<HTMLElement>('[data-filter]')) {
  button.addEventListener('click', () => {
    state.filter = (button.dataset.filter ?? 'all') as Filter;
    for (const b of document.querySelectorAll('[data-filter]')) b.setAttribute('aria-pressed', String(b === button));
    renderStatus();
  });
}
if (sessionStorage.getItem('token')) void showApp();
