// The city page: sign in with the admin token, pick a period, watch who has reported, download the master
// workbook and every agency's template, issue an agency a new access code. Text goes in through textContent only.
import { api, $, problemText } from './api.js';
import { showPlans } from './plans.js';
import { REVIEW_LABELS, STATUS_LABELS } from './labels.js';

const vnDate = (iso) => iso.split('-').reverse().map((part, i) => (i < 2 ? String(Number(part)) : part)).join('/');
const vnTime = (iso) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
const SOURCES = { 'excel-addin': 'Excel', 'sheets-addon': 'Google Sheets', upload: 'Tải tệp lên', pull: 'Lấy từ Google Sheets' };
// What the last pull of an agency's Google Sheet found.
const PULLS = { stored: 'Đã lấy bản mới', unchanged: 'Không thay đổi', 'same-content': 'Không thay đổi', invalid: 'Có lỗi', refused: 'Kỳ không nhận', failed: 'Không đọc được' };
const collator = new Intl.Collator('vi', { numeric: true });
let filter = 'all';
let byName = false;
let status = null;

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  row.append(td);
  return td;
}

function renderPull(td, google) {
  if (!google) return;
  td.className = `pull pull-${google.status ?? 'none'}`;
  const label = google.status ? PULLS[google.status] ?? google.status : 'Chưa lấy';
  td.textContent = google.pulledAt ? `${label} (${vnTime(google.pulledAt)})` : label;
  if (google.error) td.title = google.error;
  if (google.issues.length) {
    const details = document.createElement('details');
    details.append(Object.assign(document.createElement('summary'), { textContent: `${google.issues.length} lỗi` }));
    const list = document.createElement('ul');
    for (const issue of google.issues) list.append(Object.assign(document.createElement('li'), { textContent: `${issue.cell}: ${issue.message}` }));
    details.append(list);
    td.append(details);
  }
}

function renderStatus() {
  const tbody = $('#status tbody');
  tbody.replaceChildren();
  // Directory order by default; by name in Vietnamese collation (Đ after D, "Phường 2" before "Phường 10") on request.
  const agencies = byName ? [...status.agencies].sort((x, y) => collator.compare(x.agencyName, y.agencyName)) : status.agencies;
  for (const a of agencies) {
    const late = a.submitted && !a.onTime;
    if ((filter === 'missing' && a.submitted) || (filter === 'late' && !late) || (filter === 'awaiting' && a.review !== 'awaiting')) continue;
    const tr = document.createElement('tr');
    tr.dataset.agency = a.agencyId;
    tr.className = !a.submitted ? 'missing' : late ? 'late' : 'on-time';
    cell(tr, a.agencyName);
    cell(tr, a.group);
    cell(tr, a.submitted ? 'Đã nộp' : 'Chưa nộp');
    cell(tr, a.version);
    cell(tr, a.receivedAt && vnTime(a.receivedAt));
    cell(tr, a.submitted ? (a.onTime ? 'Đúng hạn' : 'Trễ hạn') : '');
    cell(tr, SOURCES[a.source] ?? a.source);
    const reviewCell = cell(tr, a.review ? REVIEW_LABELS[a.review] : '');
    if (a.submissionId) {
      const view = document.createElement('button');
      view.type = 'button';
      view.className = 'view-report';
      view.textContent = 'Xem';
      view.addEventListener('click', () => openSubmission(a.submissionId));
      reviewCell.append(' ', view);
    }
    renderPull(cell(tr, ''), a.google);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Cấp & sao chép mã';
    button.addEventListener('click', () => issueCode(a));
    cell(tr, '').append(button);
    tbody.append(tr);
  }
}

function renderSummary() {
  const { period, counts } = status;
  const deadline = $('#deadline');
  deadline.classList.toggle('overdue', period.daysLeft < 0);
  deadline.textContent = period.daysLeft >= 0
    ? `Còn ${period.daysLeft} ngày đến hạn nộp (trước ${vnDate(period.dueBefore)})`
    : `Đã quá hạn ${-period.daysLeft} ngày (hạn trước ${vnDate(period.dueBefore)})`;
  const box = $('#counts');
  box.replaceChildren();
  for (const [label, value] of [['Phải báo cáo', counts.expected], ['Đúng hạn', counts.onTime], ['Trễ hạn', counts.late], ['Chưa nộp', counts.missing]]) {
    const div = document.createElement('div');
    div.className = 'count';
    const strong = document.createElement('strong');
    strong.textContent = String(value);
    div.append(strong, label);
    box.append(div);
  }
}

const planPath = () => `/plans/${encodeURIComponent($('#plan').value)}`;
const periodPath = () => `${planPath()}/periods/${encodeURIComponent($('#period').value)}`;

async function loadStatus() {
  if (!$('#plan').value || !$('#period').value) { $('#status tbody').replaceChildren(); $('#counts').replaceChildren(); $('#deadline').textContent = ''; return; }
  const res = await api(`${periodPath()}/status`);
  if (!res.ok) { $('#action-status').textContent = await problemText(res); return; }
  status = await res.json();
  renderSummary();
  renderStatus();
}

async function download(path, name) {
  const out = $('#action-status');
  out.textContent = 'Đang tải… / Downloading…';
  const res = await api(path);
  if (!res.ok) { out.textContent = await problemText(res); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  out.textContent = `Đã tải ${name}`;
}

/** The consolidated report's draft, as it will read in the .docx: header, title, body, Nơi nhận. */
async function previewReport() {
  const res = await api(`${periodPath()}/report`);
  const box = $('#report-preview');
  if (!res.ok) { $('#action-status').textContent = await problemText(res); return; }
  const r = await res.json();
  const el = (tag, text, cls) => { const n = document.createElement(tag); n.textContent = text; if (cls) n.className = cls; return n; };
  const head = el('div', '', 'report-head');
  head.append(el('p', `${r.issuer} · ${r.number}`), el('p', `${r.nation.join(' — ')}`), el('p', r.placeDate, 'italic'));
  const parts = [head, el('h3', r.title, 'center'), el('p', r.summary, 'center strong')];
  for (const b of r.body) {
    if (b.kind === 'heading') parts.push(el('h4', b.text));
    else if (b.kind === 'subheading') parts.push(el('h5', b.text));
    else if (b.kind === 'paragraph') { const p = el('p', ''); if (b.lead) p.append(el('strong', `${b.lead} `)); p.append(b.text); parts.push(p); }
    else {
      const table = document.createElement('table');
      const tr = document.createElement('tr');
      for (const h of b.header) tr.append(el('th', h));
      table.append(tr);
      for (const row of b.rows) { const r2 = document.createElement('tr'); for (const v of row) r2.append(el('td', v)); table.append(r2); }
      const wrap = el('div', '', 'table-wrap');
      wrap.append(table);
      parts.push(wrap);
    }
  }
  parts.push(el('p', `Nơi nhận: ${r.recipients.join('; ')}`, 'italic'));
  box.replaceChildren(...parts);
  box.hidden = false;
  box.scrollIntoView();
}

/** One report version as it reads in the workbook, what changed since the agency's previous version, and the review form. */
let viewing = null;
async function openSubmission(submissionId) {
  const res = await api(`${periodPath()}/submissions/${encodeURIComponent(submissionId)}`);
  if (!res.ok) { $('#action-status').textContent = await problemText(res); return; }
  viewing = await res.json();
  const { submission, report, previous, review } = viewing;
  $('#report-view-heading').textContent = `${submission.agencyName} — lần ${submission.version} (${vnTime(submission.receivedAt)})`;
  $('#report-view-state').textContent = `${REVIEW_LABELS[review.state]}${review.comment ? `: ${review.comment}` : ''}${previous ? ` · so với lần ${previous.version}: ô thay đổi được tô vàng` : ''}`;
  const before = new Map((previous?.report?.tasks ?? []).map((t) => [t.taskId, t]));
  const tbody = $('#report-view-tasks tbody');
  tbody.replaceChildren();
  for (const t of report.tasks) {
    const title = viewing.tasks.find((x) => x.taskId === t.taskId)?.title ?? '';
    const tr = document.createElement('tr');
    tr.dataset.task = t.taskId;
    const old = before.get(t.taskId);
    for (const [key, text] of [['taskId', t.taskId], ['title', title], ['status', STATUS_LABELS[t.status] ?? t.status], ['progress', t.progress ?? ''], ['results', t.results]]) {
      const td = cell(tr, String(text));
      if (previous && old && ['status', 'progress', 'results'].includes(key) && String(old[key] ?? '') !== String(t[key] ?? '')) td.className = 'changed';
    }
    const input = document.createElement('input');
    input.className = 'task-comment';
    input.setAttribute('aria-label', `Nhận xét ${t.taskId}`);
    cell(tr, '').append(input);
    tbody.append(tr);
  }
  const measures = $('#report-view-measures tbody');
  measures.replaceChildren();
  for (const m of report.measures) {
    const tr = document.createElement('tr');
    cell(tr, m.measureId);
    cell(tr, viewing.measures.find((x) => x.measureId === m.measureId)?.label ?? '');
    cell(tr, m.yes === null ? `${m.numerator ?? ''} / ${m.denominator ?? ''}` : m.yes ? 'Có' : 'Không');
    measures.append(tr);
  }
  const a = report.assessment;
  $('#report-view-assessment').replaceChildren(...[['Kết quả', a.results], ['Hạn chế', a.shortcomings], ['Phương hướng', a.nextSteps], ['Đề xuất', a.proposals]]
    .map(([label, text]) => Object.assign(document.createElement('p'), { textContent: `${label}: ${text || '—'}` })));
  $('#review-comment').value = '';
  $('#review-error').textContent = '';
  $('#report-view').hidden = false;
  $('#report-view').scrollIntoView();
}

async function sendReview(decision) {
  const comments = [...document.querySelectorAll('#report-view-tasks tbody tr')]
    .map((tr) => ({ taskId: tr.dataset.task, text: tr.querySelector('input').value.trim() })).filter((c) => c.text);
  const body = { decision, comment: $('#review-comment').value.trim(), comments };
  if ($('#review-resubmit').value) body.resubmitBy = $('#review-resubmit').value;
  const res = await api(`${periodPath()}/submissions/${encodeURIComponent(viewing.submission.submissionId)}/review`,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) { $('#review-error').textContent = await problemText(res); $('#review-comment').focus(); return; }
  await openSubmission(viewing.submission.submissionId);
  await loadStatus();
}

const KINDS = { 'before-7': 'còn 7 ngày', 'before-1': 'còn 1 ngày', due: 'hạn cuối', 'late-3': 'quá hạn 3 ngày', returned: 'bị trả lại', 'resubmit-1': 'sắp hết hạn nộp lại' };

/** What the reminders would send on a day; without SMTP_URL nothing is sent and this is all that happens. */
async function previewReminders() {
  const on = $('#reminders-on').value;
  const res = await api(`/reminders/preview?on=${encodeURIComponent(on)}`);
  if (!res.ok) { $('#reminders-sends').textContent = await problemText(res); return; }
  const p = await res.json();
  $('#reminders-sends').textContent = p.sends ? 'Thư được gửi qua máy chủ thư đã cấu hình.' : 'Chưa cấu hình máy chủ thư (SMTP_URL): không thư nào được gửi; đây là những thư sẽ gửi.';
  const items = p.reminders.map((r) => Object.assign(document.createElement('li'), {
    textContent: `${r.agencyName} — ${r.planId}, kỳ ${r.periodId}: ${KINDS[r.kind] ?? r.kind} → ${r.to.length ? r.to.join(', ') : '(chưa có địa chỉ)'}` }));
  if (p.digest.to.length) items.push(Object.assign(document.createElement('li'), { textContent: `Bản tổng hợp hằng ngày → ${p.digest.to.join(', ')}` }));
  $('#reminders-list').replaceChildren(...items);
}

async function loadDirectoryChoices() {
  const res = await api('/directories/vung-tau-2023');
  if (!res.ok) return;
  const d = await res.json();
  $('#contact-agency').replaceChildren(...d.agencies.map((a) => Object.assign(document.createElement('option'), { value: a.id, textContent: `${a.name}${a.contacts.length ? ` (${a.contacts.map((c) => c.email).join(', ')})` : ''}` })));
  return d;
}

async function addContact() {
  const chosen = $('#contact-agency').value;
  const d = await loadDirectoryChoices();
  const agency = d?.agencies.find((a) => a.id === chosen);
  if (!agency) return;
  const contacts = [...agency.contacts, { name: $('#contact-name').value.trim(), email: $('#contact-email').value.trim() }];
  const res = await api(`/directories/${d.id}/agencies/${encodeURIComponent(agency.id)}/contacts`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ contacts }) });
  $('#contacts-status').textContent = res.ok ? `Đã lưu liên hệ của ${agency.name}.` : await problemText(res);
  await loadDirectoryChoices();
  $('#contact-agency').value = agency.id;
}

async function loadAccounts() {
  const res = await api('/accounts');
  if (!res.ok) return;
  const { accounts } = await res.json();
  $('#accounts-list').replaceChildren(...accounts.filter((a) => !a.revokedAt).map((a) => {
    const li = Object.assign(document.createElement('li'), { textContent: `${a.name} — ${a.role === 'coordinator' ? 'điều phối' : 'chỉ xem'} ` });
    li.dataset.account = String(a.id);
    const revoke = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Thu hồi' });
    revoke.addEventListener('click', async () => {
      const r = await api(`/accounts/${a.id}`, { method: 'DELETE' });
      $('#account-token').textContent = r.ok ? `Đã thu hồi tài khoản ${a.name}.` : await problemText(r);
      await loadAccounts();
    });
    li.append(revoke);
    return li;
  }));
}

async function addAccount() {
  const body = { name: $('#account-name').value.trim(), role: $('#account-role').value };
  if ($('#account-email').value.trim()) body.email = $('#account-email').value.trim();
  const res = await api('/accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) { $('#account-token').textContent = await problemText(res); return; }
  const { account, token } = await res.json();
  await loadAccounts();
  $('#account-token').textContent = `Mã của ${account.name} (chỉ hiện một lần): ${token}`;
}

async function issueCode(agency) {
  if (!confirm(`Cấp mã mới cho ${agency.agencyName}? Mã cũ sẽ không dùng được nữa.`)) return;
  const res = await api(`/agencies/${encodeURIComponent(agency.agencyId)}/access-code`, { method: 'POST' });
  if (!res.ok) { $('#action-status').textContent = await problemText(res); return; }
  const { accessCode, warnings } = await res.json();
  $('#code-agency').textContent = agency.agencyName;
  $('#code-value').value = accessCode;
  $('#code-copied').textContent = '';
  // The code is in force even when access-codes.json could not follow: said here, beside the code.
  $('#code-warning').textContent = (warnings ?? []).map((w) => w.title).join(' ');
  $('#code-dialog').showModal();
  await copyCode();
}

async function copyCode() {
  const input = $('#code-value');
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    $('#code-copied').textContent = 'Đã sao chép / Copied';
  } catch {
    $('#code-copied').textContent = 'Hãy bấm Ctrl+C để sao chép / Press Ctrl+C to copy';
  }
}

/** The plans that have periods (published first, then archived), in the plan selector. */
export async function loadPlanChoices(keep) {
  const res = await api('/plans');
  if (!res.ok) return false;
  const { plans } = await res.json();
  const withPeriods = plans.filter((p) => p.state !== 'draft').sort((a, b) => (a.state === b.state ? 0 : a.state === 'published' ? -1 : 1));
  const select = $('#plan');
  const before = keep ?? select.value;
  select.replaceChildren(...withPeriods.map((p) => Object.assign(document.createElement('option'), {
    value: p.id, textContent: `${p.number && /\d/.test(p.number) ? `Số ${p.number}` : p.id} — ${p.title.slice(0, 70)}${p.state === 'archived' ? ' (đã lưu trữ)' : ''}`,
  })));
  if (withPeriods.some((p) => p.id === before)) select.value = before;
  return true;
}

async function loadPeriods() {
  if (!$('#plan').value) { $('#period').replaceChildren(); return loadStatus(); }
  const res = await api(`${planPath()}/periods`);
  if (!res.ok) { $('#action-status').textContent = await problemText(res); return; }
  const { periods, current } = await res.json();
  const select = $('#period');
  select.replaceChildren(...periods.map((p) => Object.assign(document.createElement('option'), { value: p.id, textContent: `${p.id} (${p.state === 'open' ? 'đang mở' : p.state === 'closed' ? 'đã đóng' : 'đã khóa'})` })));
  // The current period as the server sees it (Vietnam time), not from this browser's clock.
  select.value = current ?? periods.at(-1)?.id ?? '';
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
  await showPlans({ onPublished: async (planId) => { await loadPlanChoices(planId); await loadPeriods(); } });
  // Tomorrow in Vietnam time, for the reminders preview.
  $('#reminders-on').value = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  await Promise.all([loadAccounts(), loadDirectoryChoices()]);
  return true;
}

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  sessionStorage.setItem('token', $('#token').value.trim());
  if (!(await showApp())) {
    sessionStorage.removeItem('token');
    const error = $('#sign-in-error');
    error.textContent = 'Mã quản trị không đúng. / Wrong admin token.';
    error.hidden = false;
  }
});
$('#sign-out').addEventListener('click', () => { sessionStorage.removeItem('token'); location.reload(); });
$('#plan').addEventListener('change', loadPeriods);
$('#period').addEventListener('change', loadStatus);
$('#download-master').addEventListener('click', () => download(`${periodPath()}/master.xlsx`, `tong-hop-${$('#plan').value}-${$('#period').value}.xlsx`));
$('#download-templates').addEventListener('click', () => download(`${periodPath()}/templates.zip`, `mau-bao-cao-${$('#plan').value}-${$('#period').value}.zip`));
$('#download-report').addEventListener('click', () => download(`${periodPath()}/report.docx`, `bao-cao-${$('#plan').value}-${$('#period').value}.docx`));
$('#preview-report').addEventListener('click', previewReport);
$('#copy-code').addEventListener('click', copyCode);
$('#reminders-preview').addEventListener('click', previewReminders);
$('#contact-form').addEventListener('submit', (event) => { event.preventDefault(); addContact(); });
$('#account-form').addEventListener('submit', (event) => { event.preventDefault(); addAccount(); });
$('#review-accept').addEventListener('click', () => sendReview('accept'));
$('#review-return').addEventListener('click', () => sendReview('return'));
$('#sort-name').addEventListener('click', () => {
  byName = !byName;
  $('#sort-name').setAttribute('aria-pressed', String(byName));
  renderStatus();
});
for (const button of document.querySelectorAll('[data-filter]')) {
  button.addEventListener('click', () => {
    filter = button.dataset.filter;
    for (const b of document.querySelectorAll('[data-filter]')) b.setAttribute('aria-pressed', String(b === button));
    renderStatus();
  });
}
if (sessionStorage.getItem('token')) showApp();
