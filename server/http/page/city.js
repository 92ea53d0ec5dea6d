// The city page: sign in with the admin token, pick a period, watch who has reported, download the master
// workbook and every agency's template, issue an agency a new access code. Text goes in through textContent only.
const api = (path, init = {}) => fetch(`/api/v1${path}`, {
  ...init,
  headers: { Authorization: `Bearer ${sessionStorage.getItem('token') ?? ''}`, ...(init.headers ?? {}) },
});
const $ = (selector) => document.querySelector(selector);
const vnDate = (iso) => iso.split('-').reverse().map((part, i) => (i < 2 ? String(Number(part)) : part)).join('/');
const vnTime = (iso) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
const SOURCES = { 'excel-addin': 'Excel', 'sheets-addon': 'Google Sheets', upload: 'Tải tệp lên', pull: 'Lấy từ Google Sheets' };
const collator = new Intl.Collator('vi', { numeric: true });
let filter = 'all';
let byName = false;
let status = null;

async function problemText(res) {
  try { return (await res.json()).title; } catch { return `HTTP ${res.status}`; }
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  row.append(td);
  return td;
}

function renderStatus() {
  const tbody = $('#status tbody');
  tbody.replaceChildren();
  // Directory order by default; by name in Vietnamese collation (Đ after D, "Phường 2" before "Phường 10") on request.
  const agencies = byName ? [...status.agencies].sort((x, y) => collator.compare(x.agencyName, y.agencyName)) : status.agencies;
  for (const a of agencies) {
    const late = a.submitted && !a.onTime;
    if ((filter === 'missing' && a.submitted) || (filter === 'late' && !late)) continue;
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

async function loadStatus() {
  const res = await api(`/periods/${encodeURIComponent($('#period').value)}/status`);
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

async function issueCode(agency) {
  if (!confirm(`Cấp mã mới cho ${agency.agencyName}? Mã cũ sẽ không dùng được nữa.`)) return;
  const res = await api(`/agencies/${encodeURIComponent(agency.agencyId)}/access-code`, { method: 'POST' });
  if (!res.ok) { $('#action-status').textContent = await problemText(res); return; }
  const { accessCode } = await res.json();
  $('#code-agency').textContent = agency.agencyName;
  $('#code-value').value = accessCode;
  $('#code-copied').textContent = '';
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

async function showApp() {
  const res = await api('/periods');
  if (!res.ok) return false;
  const { periods, current } = await res.json();
  const select = $('#period');
  select.replaceChildren(...periods.map((p) => Object.assign(document.createElement('option'), { value: p.id, textContent: `${p.id} (${p.state === 'open' ? 'đang mở' : p.state === 'closed' ? 'đã đóng' : 'đã khóa'})` })));
  // The current period as the server sees it (Vietnam time), not from this browser's clock.
  select.value = current ?? periods.at(-1)?.id ?? '';
  $('#sign-in').hidden = true;
  $('#sign-in-error').hidden = true;
  $('#sign-in-error').textContent = '';
  $('#app').hidden = false;
  $('#sign-out').hidden = false;
  await loadStatus();
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
$('#period').addEventListener('change', loadStatus);
$('#download-master').addEventListener('click', () => download(`/periods/${$('#period').value}/master.xlsx`, `tong-hop-${$('#period').value}.xlsx`));
$('#download-templates').addEventListener('click', () => download(`/periods/${$('#period').value}/templates.zip`, `mau-bao-cao-${$('#period').value}.zip`));
$('#copy-code').addEventListener('click', copyCode);
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
