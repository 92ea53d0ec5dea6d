// The plans section of the city page: the list, importing a document, reviewing what was read beside its
// source lines, settling each doubt (map a name, add an agency, edit a task or a measure), publishing.
// Text goes in through textContent only.
import { api, $, el, json, problemText } from './api.js';

const STATES = { draft: 'Bản nháp', published: 'Đang thực hiện', archived: 'Đã lưu trữ' };
const COMPARATORS = [['>=', '≥'], ['>', '>'], ['=', '='], ['<=', '≤'], ['<', '<']];
const ACTIONS = {
  'plan.import': 'Nhập kế hoạch', 'plan.correct': 'Sửa bản nháp', 'plan.supersede': 'Sửa kế hoạch đã ban hành', 'plan.publish': 'Ban hành',
  'plan.archive': 'Lưu trữ', 'code.issue': 'Cấp mã', 'code.revoke': 'Thu hồi mã', 'directory.add-agency': 'Thêm cơ quan vào danh bạ',
  'period.open': 'Mở kỳ', 'period.close': 'Đóng kỳ', 'period.lock': 'Khóa kỳ', 'period.delete': 'Xóa kỳ',
};
const vnTime = (iso) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

let options = { onPublished: async () => undefined };
let current = null; // the plan under review: the API's summary of it
let shown = 0; // which showReview is the latest: an older one's sections, arriving late, are dropped
const PAGE = 500;
let directory = null; // { id, agencies, groups }

const say = (text) => { $('#review-status').textContent = text; };

async function loadList() {
  const res = await api('/plans');
  if (!res.ok) { $('#plans-status').textContent = await problemText(res); return; }
  const { plans } = await res.json();
  const tbody = $('#plans tbody');
  tbody.replaceChildren();
  for (const p of plans) {
    const tr = el('tr', null, { 'data-plan': p.id });
    const name = el('td');
    name.append(el('strong', p.number && /\d/.test(p.number) ? `Số ${p.number}` : p.id), el('br'), el('span', p.title));
    tr.append(name, el('td', STATES[p.state] ?? p.state), el('td', p.periods.map((x) => x.id).join(', ') || '—'),
      el('td', p.current ? `${p.current.missing.length}/${p.current.expected} (${p.current.periodId})` : '—'));
    const open = el('button', p.state === 'draft' ? 'Xem lại' : 'Xem', { type: 'button', class: 'secondary' });
    open.addEventListener('click', () => openReview(p.id));
    const cell = el('td');
    cell.append(open);
    tr.append(cell);
    tbody.append(tr);
  }
}

async function importFile(file) {
  const out = $('#plans-status');
  if (!file) { out.textContent = 'Hãy chọn tệp .docx hoặc .txt. / Choose a .docx or .txt file.'; return; }
  out.textContent = `Đang đọc ${file.name}… / Reading…`;
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api('/plans', { method: 'POST', body: form });
  if (!res.ok) { out.textContent = await problemText(res); return; }
  const body = await res.json();
  out.textContent = `Đã nhập bản nháp ${body.planId}: ${body.counts.errors} lỗi cần sửa. / Imported as draft.`;
  await loadList();
  await showReview(body);
}

async function openReview(planId) {
  const res = await api(`/plans/${encodeURIComponent(planId)}`);
  if (!res.ok) { $('#plans-status').textContent = await problemText(res); return; }
  await showReview(await res.json());
}

async function loadDirectory(id) {
  if (directory?.id === id) return;
  const res = await api(`/directories/${encodeURIComponent(id)}`);
  directory = res.ok ? await res.json() : { id, agencies: [], groups: [] };
}

const agencyOptions = (select, chosen = []) => {
  select.replaceChildren(...directory.agencies.map((a) => {
    const option = el('option', a.name, { value: a.id });
    option.selected = chosen.includes(a.id);
    return option;
  }));
};

/** Every item of a section of the plan under review, page by page, with the issues that belong to them; null when superseded. */
async function sectionOf(planId, section, mine) {
  const items = [];
  const issues = [];
  for (let offset = 0; ; offset += PAGE) {
    const res = await api(`/plans/${encodeURIComponent(planId)}/sections/${section}?offset=${offset}&limit=${PAGE}`);
    if (mine !== shown) return null;
    if (!res.ok) { say(await problemText(res)); return null; }
    const page = await res.json();
    items.push(...page.items);
    issues.push(...(page.issues ?? []));
    if (page.items.length === 0 || items.length >= page.total) return { items, issues };
  }
}

/** "… and N more" under a list the summary shows only the first of. */
const more = (total, listed) => (total > listed ? [el('li', `… và ${total - listed} mục khác / and ${total - listed} more`)] : []);

/** The directory ids a task's names stand for (names the directory knows; groups expanded by the server later). */
const idsOf = (names) => names.map((n) => directory.agencies.find((a) => a.name === n)?.id).filter(Boolean);

async function showReview(body) {
  current = body;
  const mine = ++shown;
  await loadDirectory(body.summary.directoryId);
  if (mine !== shown) return;
  const editable = body.state !== 'archived';
  $('#review').hidden = false;
  $('#review-heading').textContent = `${body.plan.plan.title}`;
  $('#review-state').textContent = `${body.planId} · ${STATES[body.state] ?? body.state} · ${body.summary.sourceName} · số ${body.plan.plan.number ?? '—'} · ngày ${body.plan.plan.date ?? '—'}`;

  const errors = body.issues.filter((i) => i.severity === 'error');
  const warnings = body.issues.filter((i) => i.severity !== 'error');
  const list = (box, items, render, total = items.length) => {
    $(`${box} ul`).replaceChildren(...items.map(render), ...more(total, items.length));
    $(box).hidden = items.length === 0;
  };
  // GOV.UK's error summary: every problem as a link that moves focus to where it is fixed.
  list('#review-summary', errors, (issue) => {
    const li = el('li');
    const target = issue.at.subject ? `task-${issue.at.subject}` : null;
    const link = el('a', `${issue.at.where}: ${issue.message.vi}`, { href: target ? `#${target}` : '#review-tasks' });
    link.addEventListener('click', (event) => { event.preventDefault(); document.getElementById(target ?? 'review-tasks')?.querySelector('button')?.focus(); });
    li.append(link);
    return li;
  }, body.counts.errors);
  list('#review-warnings', warnings, (issue) => el('li', `${issue.at.where}: ${issue.message.vi}`), body.counts.warnings);
  list('#review-stale', body.stale, (s) => el('li', s.message));

  // Each unknown name: map it to a directory agency, or add it to the directory.
  const unknown = body.unknownNames;
  list('#review-unknown', unknown, (name) => {
    const li = el('li', null, { 'data-name': name });
    const select = el('select', null, { 'aria-label': `Cơ quan ứng với "${name}"` });
    agencyOptions(select);
    const map = el('button', 'Gán', { type: 'button', class: 'map-agency' });
    map.addEventListener('click', () => correct({ aliases: { [name]: select.value } }, `Đã gán "${name}".`));
    const add = el('button', 'Thêm vào danh bạ', { type: 'button', class: 'secondary add-agency' });
    add.addEventListener('click', () => addAgency(name));
    li.append(el('strong', name), ' → ', select, ' ', map, ' ', add);
    return li;
  });

  $('#publish').hidden = body.state !== 'draft';
  $('#archive').hidden = body.state === 'archived';

  // What was read, section by section (a large plan comes a page at a time).
  const [targets, focus, taskList] = await Promise.all([sectionOf(body.planId, 'targets', mine), sectionOf(body.planId, 'focus-tasks', mine),
    sectionOf(body.planId, 'tasks', mine)]);
  if (!targets || !focus || !taskList || mine !== shown) return;
  const measures = $('#review-measures tbody');
  measures.replaceChildren();
  for (const target of targets.items) {
    for (const m of target.measures) {
      const tr = el('tr', null, { 'data-measure': m.id });
      const comparator = el('select', null, { 'aria-label': `So sánh ${m.id}` });
      comparator.replaceChildren(...COMPARATORS.map(([value, label]) => Object.assign(el('option', label, { value }), { selected: value === m.comparator })));
      const value = el('input', null, { type: 'number', min: '0', max: '100', step: 'any', 'aria-label': `Ngưỡng ${m.id}` });
      value.value = String(m.value);
      const save = el('button', 'Lưu', { type: 'button', class: 'secondary' });
      save.disabled = !editable;
      save.addEventListener('click', () => correct({ measures: { [m.id]: { comparator: comparator.value, value: Number(value.value) } } }, `Đã sửa ${m.id}.`));
      const cells = [el('td', m.id), el('td', m.label), el('td'), el('td'), el('td')];
      cells[2].append(comparator);
      cells[3].append(value);
      cells[4].append(save);
      tr.append(...cells);
      measures.append(tr);
    }
  }
  $('#review-focus').replaceChildren(...focus.items.map((f) => el('li', `${f.id}. ${f.title}`)));

  const tasks = $('#review-tasks tbody');
  tasks.replaceChildren();
  for (const task of taskList.items) {
    const issues = taskList.issues.filter((i) => i.at.subject === task.id);
    const tr = el('tr', null, { id: `task-${task.id}`, 'data-task': task.id, class: issues.some((i) => i.severity === 'error') ? 'has-issue' : '' });
    const title = el('td', task.title);
    for (const issue of issues) title.append(el('span', `${issue.message.vi} / ${issue.message.en}`, { class: 'issue' }));
    const edit = el('button', 'Sửa', { type: 'button', class: 'secondary' });
    edit.disabled = !editable;
    edit.addEventListener('click', () => editTask(task));
    const actions = el('td');
    actions.append(edit);
    tr.append(el('td', task.id), title, el('td', task.lead.join('; ') || '—'), el('td', task.coordinating.join('; ') || '—'),
      el('td', task.timeframe.text || '—'), el('td', task.source), actions);
    tasks.append(tr);
  }
  await loadAudit(body.planId);
}

async function loadAudit(planId) {
  const res = await api(`/audit?plan=${encodeURIComponent(planId)}`);
  if (!res.ok) return;
  const { entries } = await res.json();
  $('#audit').replaceChildren(...entries.map((e) => el('li', `${vnTime(e.at)} — ${e.actor}: ${ACTIONS[e.action] ?? e.action}${e.subject ? ` (${e.subject})` : ''}`)));
}

async function correct(patch, done) {
  const res = await api(`/plans/${encodeURIComponent(current.planId)}`, json('PATCH', patch));
  if (!res.ok) { say(await problemText(res)); return false; }
  await showReview(await res.json());
  say(`${done} / Saved.`);
  return true;
}

async function addAgency(name) {
  const res = await api(`/directories/${encodeURIComponent(current.summary.directoryId)}/agencies`, json('POST', { name, kind: 'department', groups: [] }));
  if (!res.ok) { say(await problemText(res)); return; }
  const agency = await res.json();
  directory = null;
  await loadDirectory(current.summary.directoryId);
  await correct({ aliases: { [name]: agency.id } }, `Đã thêm "${name}" vào danh bạ.`);
}

function editTask(task) {
  $('#task-id').textContent = task.id;
  $('#task-title').value = task.title;
  agencyOptions($('#task-lead'), idsOf(task.lead));
  agencyOptions($('#task-coordinating'), idsOf(task.coordinating));
  $('#task-timeframe').value = task.timeframe.text ?? '';
  $('#task-error').textContent = '';
  $('#task-save').onclick = async () => {
    const selected = (select) => [...select.selectedOptions].map((o) => o.value);
    const lead = selected($('#task-lead'));
    if (lead.length === 0) { $('#task-error').textContent = 'Chọn ít nhất một cơ quan chủ trì. / Choose at least one lead agency.'; $('#task-lead').focus(); return; }
    const fix = { title: $('#task-title').value.trim(), lead, coordinating: selected($('#task-coordinating')) };
    const timeframe = $('#task-timeframe').value.trim();
    if (timeframe) fix.timeframe = timeframe;
    if (await correct({ tasks: { [task.id]: fix } }, `Đã sửa ${task.id}.`)) $('#task-dialog').close();
  };
  $('#task-dialog').showModal();
}

async function publish() {
  const res = await api(`/plans/${encodeURIComponent(current.planId)}/publish`, { method: 'POST' });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ title: `HTTP ${res.status}` }));
    say(problem.title);
    return;
  }
  const body = await res.json();
  await showReview(body);
  say(`Đã ban hành ${body.planId}; mở kỳ ${body.openedPeriods.join(', ') || '—'}. / Published.`);
  await loadList();
  await options.onPublished(body.planId);
}

async function archive() {
  if (!confirm(`Lưu trữ kế hoạch ${current.planId}? Các cơ quan sẽ không nộp báo cáo cho kế hoạch này nữa.`)) return;
  const res = await api(`/plans/${encodeURIComponent(current.planId)}/archive`, { method: 'POST' });
  if (!res.ok) { say(await problemText(res)); return; }
  await openReview(current.planId);
  say('Đã lưu trữ. / Archived.');
  await loadList();
}

let wired = false;
export async function showPlans(opts) {
  options = opts;
  if (!wired) {
    wired = true;
    $('#import-form').addEventListener('submit', (event) => { event.preventDefault(); importFile($('#plan-file').files[0]); });
    const zone = $('#import-form');
    zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => { event.preventDefault(); zone.classList.remove('over'); importFile(event.dataTransfer.files[0]); });
    $('#publish').addEventListener('click', publish);
    $('#archive').addEventListener('click', archive);
    $('#close-review').addEventListener('click', () => { $('#review').hidden = true; });
  }
  await loadList();
}
