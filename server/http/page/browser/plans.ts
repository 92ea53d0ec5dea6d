// The plans section of the city page: the list, importing a document, reviewing what was read beside its
// source lines, settling each doubt (map a name, add an agency, edit a task or a measure), publishing.
// Text goes in through textContent only.
import { ROUTE_PATHS } from '../../../../shared/api/route-paths.ts';
import { problemText, vnTime } from '../city-state.ts';
import { $, api, el, input, select } from './dom.ts';

const STATES: Record<string, string> = { draft: 'Bản nháp', published: 'Đang thực hiện', archived: 'Đã lưu trữ' };
const COMPARATORS = [['>=', '≥'], ['>', '>'], ['=', '='], ['<=', '≤'], ['<', '<']] as const;
const ACTIONS: Record<string, string> = {
  'plan.import': 'Nhập kế hoạch', 'plan.correct': 'Sửa bản nháp', 'plan.supersede': 'Sửa kế hoạch đã ban hành', 'plan.publish': 'Ban hành',
  'plan.archive': 'Lưu trữ', 'code.issue': 'Cấp mã', 'code.revoke': 'Thu hồi mã', 'directory.add-agency': 'Thêm cơ quan vào danh bạ',
  'period.open': 'Mở kỳ', 'period.close': 'Đóng kỳ', 'period.lock': 'Khóa kỳ', 'period.delete': 'Xóa kỳ',
};

interface Issue { severity: string; at: { where: string; subject?: string }; message: { vi: string; en: string } }
/** The API's summary of a plan under review (server/http/plan-view.ts). */
interface PlanSummary {
  planId: string; state: string;
  plan: { plan: { title: string; number: string | null; date: string | null } };
  summary: { sourceName: string; directoryId: string };
  counts: { errors: number; warnings: number };
  issues: Issue[]; stale: { message: string }[]; unknownNames: string[];
}
interface Measure { id: string; label: string; comparator: string; value: number }
interface Task { id: string; title: string; lead: string[]; coordinating: string[]; timeframe: { text: string | null }; source: string }
interface Directory { id: string; agencies: { id: string; name: string }[]; groups: unknown[] }

let options: { onPublished: (planId: string) => Promise<void> } = { onPublished: async () => undefined };
let current: PlanSummary | null = null; // the plan under review
let shown = 0; // which showReview is the latest: an older one's sections, arriving late, are dropped
const PAGE = 500;
let directory: Directory | null = null;

const say = (text: string) => { $('#review-status').textContent = text; };

async function loadList() {
  const res = await api.call(ROUTE_PATHS.plans, {});
  if (!res.ok) { $('#plans-status').textContent = await problemText(res); return; }
  const { plans } = (await res.json()) as { plans: { id: string; state: string; number: string | null; title: string; periods: { id: string }[];
    current: { periodId: string; expected: number; missing: unknown[] } | null }[] };
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

async function importFile(file: File | undefined) {
  const out = $('#plans-status');
  if (!file) { out.textContent = 'Hãy chọn tệp .docx hoặc .txt. / Choose a .docx or .txt file.'; return; }
  out.textContent = `Đang đọc ${file.name}… / Reading…`;
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api.call(ROUTE_PATHS.importPlan, {}, { body: form });
  if (!res.ok) { out.textContent = await problemText(res); return; }
  const body = (await res.json()) as PlanSummary;
  out.textContent = `Đã nhập bản nháp ${body.planId}: ${body.counts.errors} lỗi cần sửa. / Imported as draft.`;
  await loadList();
  await showReview(body);
}

async function openReview(planId: string) {
  const res = await api.call(ROUTE_PATHS.plan, { plan: planId });
  if (!res.ok) { $('#plans-status').textContent = await problemText(res); return; }
  await showReview((await res.json()) as PlanSummary);
}

async function loadDirectory(id: string): Promise<Directory> {
  if (directory?.id === id) return directory;
  const res = await api.call(ROUTE_PATHS.directory, { id });
  directory = res.ok ? ((await res.json()) as Directory) : { id, agencies: [], groups: [] };
  return directory;
}

const agencyOptions = (box: HTMLSelectElement, chosen: string[] = []) => {
  box.replaceChildren(...(directory?.agencies ?? []).map((a) => {
    const option = el('option', a.name, { value: a.id });
    option.selected = chosen.includes(a.id);
    return option;
  }));
};

/** Every item of a section of the plan under review, page by page, with the issues that belong to them; null when superseded. */
async function sectionOf<T>(planId: string, section: string, mine: number): Promise<{ items: T[]; issues: Issue[] } | null> {
  const items: T[] = [];
  const issues: Issue[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const res = await api.call(ROUTE_PATHS.planSection, { plan: planId, section }, {}, { offset: String(offset), limit: String(PAGE) });
    if (mine !== shown) return null;
    if (!res.ok) { say(await problemText(res)); return null; }
    const page = (await res.json()) as { items: T[]; issues?: Issue[]; total: number };
    items.push(...page.items);
    issues.push(...(page.issues ?? []));
    if (page.items.length === 0 || items.length >= page.total) return { items, issues };
  }
}

/** "… and N more" under a list the summary shows only the first of. */
const more = (total: number, listed: number) => (total > listed ? [el('li', `… và ${total - listed} mục khác / and ${total - listed} more`)] : []);

/** The directory ids a task's names stand for (names the directory knows; groups expanded by the server later). */
const idsOf = (names: string[]) => names.map((n) => directory?.agencies.find((a) => a.name === n)?.id).filter((id): id is string => !!id);

async function showReview(body: PlanSummary) {
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
  const list = <T,>(box: string, items: T[], render: (item: T) => HTMLElement, total = items.length) => {
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
  list('#review-unknown', body.unknownNames, (name) => {
    const li = el('li', null, { 'data-name': name });
    const choice = el('select', null, { 'aria-label': `Cơ quan ứng với "${name}"` });
    agencyOptions(choice);
    const map = el('button', 'Gán', { type: 'button', class: 'map-agency' });
    map.addEventListener('click', () => correct({ aliases: { [name]: choice.value } }, `Đã gán "${name}".`));
    const add = el('button', 'Thêm vào danh bạ', { type: 'button', class: 'secondary add-agency' });
    add.addEventListener('click', () => addAgency(name));
    li.append(el('strong', name), ' → ', choice, ' ', map, ' ', add);
    return li;
  });

  $('#publish').hidden = body.state !== 'draft';
  $('#archive').hidden = body.state === 'archived';

  // What was read, section by section (a large plan comes a page at a time).
  const [targets, focus, taskList] = await Promise.all([sectionOf<{ measures: Measure[] }>(body.planId, 'targets', mine),
    sectionOf<{ id: string; title: string }>(body.planId, 'focus-tasks', mine), sectionOf<Task>(body.planId, 'tasks', mine)]);
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
      const cells = [el('td', m.id), el('td', m.label), el('td'), el('td'), el('td')] as const;
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

async function loadAudit(planId: string) {
  const res = await api.call(ROUTE_PATHS.audit, {}, {}, { plan: planId });
  if (!res.ok) return;
  const { entries } = (await res.json()) as { entries: { at: string; actor: string; action: string; subject: string | null }[] };
  $('#audit').replaceChildren(...entries.map((e) => el('li', `${vnTime(e.at)} — ${e.actor}: ${ACTIONS[e.action] ?? e.action}${e.subject ? ` (${e.subject})` : ''}`)));
}

async function correct(patch: unknown, done: string): Promise<boolean> {
  if (!current) return false;
  const res = await api.send(ROUTE_PATHS.correctPlan, { plan: current.planId }, patch);
  if (!res.ok) { say(await problemText(res)); return false; }
  await showReview((await res.json()) as PlanSummary);
  say(`${done} / Saved.`);
  return true;
}

async function addAgency(name: string) {
  if (!current) return;
  const res = await api.send(ROUTE_PATHS.addAgency, { id: current.summary.directoryId }, { name, kind: 'department', groups: [] });
  if (!res.ok) { say(await problemText(res)); return; }
  const agency = (await res.json()) as { id: string };
  directory = null;
  await loadDirectory(current.summary.directoryId);
  await correct({ aliases: { [name]: agency.id } }, `Đã thêm "${name}" vào danh bạ.`);
}

function editTask(task: Task) {
  $('#task-id').textContent = task.id;
  input('#task-title').value = task.title;
  agencyOptions(select('#task-lead'), idsOf(task.lead));
  agencyOptions(select('#task-coordinating'), idsOf(task.coordinating));
  input('#task-timeframe').value = task.timeframe.text ?? '';
  $('#task-error').textContent = '';
  $('#task-save').onclick = async () => {
    const selected = (box: HTMLSelectElement) => [...box.selectedOptions].map((o) => o.value);
    const lead = selected(select('#task-lead'));
    if (lead.length === 0) { $('#task-error').textContent = 'Chọn ít nhất một cơ quan chủ trì. / Choose at least one lead agency.'; select('#task-lead').focus(); return; }
    const fix: Record<string, unknown> = { title: input('#task-title').value.trim(), lead, coordinating: selected(select('#task-coordinating')) };
    const timeframe = input('#task-timeframe').value.trim();
    if (timeframe) fix.timeframe = timeframe;
    if (await correct({ tasks: { [task.id]: fix } }, `Đã sửa ${task.id}.`)) $<HTMLDialogElement>('#task-dialog').close();
  };
  $<HTMLDialogElement>('#task-dialog').showModal();
}

async function publish() {
  if (!current) return;
  const res = await api.call(ROUTE_PATHS.publishPlan, { plan: current.planId });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({ title: `HTTP ${res.status}` }))) as { title: string };
    say(problem.title);
    return;
  }
  const body = (await res.json()) as PlanSummary & { openedPeriods: string[] };
  await showReview(body);
  say(`Đã ban hành ${body.planId}; mở kỳ ${body.openedPeriods.join(', ') || '—'}. / Published.`);
  await loadList();
  await options.onPublished(body.planId);
}

async function archive() {
  if (!current) return;
  if (!confirm(`Lưu trữ kế hoạch ${current.planId}? Các cơ quan sẽ không nộp báo cáo cho kế hoạch này nữa.`)) return;
  const res = await api.call(ROUTE_PATHS.archivePlan, { plan: current.planId });
  if (!res.ok) { say(await problemText(res)); return; }
  await openReview(current.planId);
  say('Đã lưu trữ. / Archived.');
  await loadList();
}

let wired = false;
export async function showPlans(opts: typeof options) {
  options = opts;
  if (!wired) {
    wired = true;
    $('#import-form').addEventListener('submit', (event) => { event.preventDefault(); void importFile(input('#plan-file').files?.[0]); });
    const zone = $('#import-form');
    zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => { event.preventDefault(); zone.classList.remove('over'); void importFile(event.dataTransfer?.files[0]); });
    $('#publish').addEventListener('click', publish);
    $('#archive').addEventListener('click', archive);
    $('#close-review').addEventListener('click', () => { $('#review').hidden = true; });
  }
  await loadList();
}
