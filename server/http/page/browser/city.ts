// The city page: sign in with the admin token, pick a period, watch who has reported, download the master
// workbook and every agency's template, issue an agency a new access code. What it holds and shows is decided in
// ../city-state.ts; this module and its parts draw it (city-context.ts the state they share, documents.ts, review.ts,
// admin.ts). Text goes in through textContent only.
import { countItems, deadlineText, type Filter, type StatusRow } from '../city-state.ts';
import {
  addAccount,
  addContact,
  copyCode,
  issueCode,
  loadAccounts,
  loadDirectoryChoices,
  previewReminders,
} from './admin.ts';
import { cell, say, state } from './city-context.ts';
import { download, previewReport } from './documents.ts';
import { $, el, input, options, select } from './dom.ts';
import { showPlans } from './plans.ts';
import { openSubmission, sendReview } from './review.ts';

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
$('#review-accept').addEventListener('click', () => sendReview('accept', loadStatus));
$('#review-return').addEventListener('click', () => sendReview('return', loadStatus));
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
