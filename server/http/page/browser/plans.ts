// The plans section of the city page: the list, importing a document, reviewing what was read beside its
// source lines, settling each doubt (map a name, add an agency, edit a task or a measure), publishing.
// Text goes in through textContent only.
import { ROUTE_PATHS } from '../../../../shared/api/route-paths.ts';
import { problemText } from '../city-state.ts';
import {
  auditLine,
  PLAN_STATES as STATES,
  planName,
  PlanReview,
  type AuditEntry,
  type PlanSummary,
} from '../plans-state.ts';
import { $, api, el, input, select } from './dom.ts';

const COMPARATORS = [
  ['>=', '≥'],
  ['>', '>'],
  ['=', '='],
  ['<=', '≤'],
  ['<', '<'],
] as const;

interface Measure {
  id: string;
  label: string;
  comparator: string;
  value: number;
}
interface Task {
  id: string;
  title: string;
  lead: string[];
  coordinating: string[];
  timeframe: { text: string | null };
  source: string;
}

let options: { onPublished: (planId: string) => Promise<void> } = { onPublished: async () => undefined };
const review = new PlanReview(api);

const say = (text: string) => {
  $('#review-status').textContent = text;
};

async function loadList() {
  const res = await api.call(ROUTE_PATHS.plans, {});
  if (!res.ok) {
    $('#plans-status').textContent = await problemText(res);
    return;
  }
  const { plans } = (await res.json()) as {
    plans: {
      id: string;
      state: string;
      number: string | null;
      title: string;
      periods: { id: string }[];
      current: { periodId: string; expected: number; missing: unknown[] } | null;
    }[];
  };
  const tbody = $('#plans tbody');
  tbody.replaceChildren();
  for (const p of plans) {
    const tr = el('tr', null, { 'data-plan': p.id });
    const name = el('td');
    name.append(el('strong', planName(p)), el('br'), el('span', p.title));
    tr.append(
      name,
      el('td', STATES[p.state] ?? p.state),
      el('td', p.periods.map((x) => x.id).join(', ') || '—'),
      el('td', p.current ? `${p.current.missing.length}/${p.current.expected} (${p.current.periodId})` : '—'),
    );
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
  if (!file) {
    out.textContent = 'Hãy chọn tệp .docx hoặc .txt. / Choose a .docx or .txt file.';
    return;
  }
  out.textContent = `Đang đọc ${file.name}… / Reading…`;
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api.call(ROUTE_PATHS.importPlan, {}, { body: form });
  if (!res.ok) {
    out.textContent = await problemText(res);
    return;
  }
  const body = (await res.json()) as PlanSummary;
  out.textContent = `Đã nhập bản nháp ${body.planId}: ${body.counts.errors} lỗi cần sửa. / Imported as draft.`;
  await loadList();
  await showReview(body);
}

async function openReview(planId: string) {
  const res = await api.call(ROUTE_PATHS.plan, { plan: planId });
  if (!res.ok) {
    $('#plans-status').textContent = await problemText(res);
    return;
  }
  await showReview((await res.json()) as PlanSummary);
}

const agencyOptions = (box: HTMLSelectElement, chosen: string[] = []) => {
  box.replaceChildren(
    ...(review.directory?.agencies ?? []).map((a) => {
      const option = el('option', a.name, { value: a.id });
      option.selected = chosen.includes(a.id);
      return option;
    }),
  );
};

/** "… and N more" under a list the summary shows only the first of. */
const more = (total: number, listed: number) =>
  total > listed ? [el('li', `… và ${total - listed} mục khác / and ${total - listed} more`)] : [];

async function showReview(body: PlanSummary) {
  const mine = review.begin(body);
  await review.loadDirectory(body.summary.directoryId);
  if (!review.isLatest(mine)) return;
  const editable = body.state !== 'archived';
  $('#review').hidden = false;
  $('#review-heading').textContent = `${body.plan.plan.title}`;
  $('#review-state').textContent =
    `${body.planId} · ${STATES[body.state] ?? body.state} · ${body.summary.sourceName} · số ${body.plan.plan.number ?? '—'} · ngày ${body.plan.plan.date ?? '—'}`;

  const errors = body.issues.filter((i) => i.severity === 'error');
  const warnings = body.issues.filter((i) => i.severity !== 'error');
  const list = <T>(box: string, items: T[], render: (item: T) => HTMLElement, total = items.length) => {
    $(`${box} ul`).replaceChildren(...items.map(render), ...more(total, items.length));
    $(box).hidden = items.length === 0;
  };
  // GOV.UK's error summary: every problem as a link that moves focus to where it is fixed.
  list(
    '#review-summary',
    errors,
    (issue) => {
      const li = el('li');
      const target = issue.at.subject ? `task-${issue.at.subject}` : null;
      const link = el('a', `${issue.at.where}: ${issue.message.vi}`, { href: target ? `#${target}` : '#review-tasks' });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        document
          .getElementById(target ?? 'review-tasks')
          ?.querySelector('button')
          ?.focus();
      });
      li.append(link);
      return li;
    },
    body.counts.errors,
  );
  list(
    '#review-warnings',
    warnings,
    (issue) => el('li', `${issue.at.where}: ${issue.message.vi}`),
    body.counts.warnings,
  );
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
  const [targets, focus, taskList] = await Promise.all([
    review.section<{ measures: Measure[] }>(body.planId, 'targets', mine),
    review.section<{ id: string; title: string }>(body.planId, 'focus-tasks', mine),
    review.section<Task>(body.planId, 'tasks', mine),
  ]);
  for (const read of [targets, focus, taskList]) if (read && 'problem' in read) say(read.problem);
  if (
    !targets ||
    !focus ||
    !taskList ||
    'problem' in targets ||
    'problem' in focus ||
    'problem' in taskList ||
    !review.isLatest(mine)
  )
    return;
  const measures = $('#review-measures tbody');
  measures.replaceChildren();
  for (const target of targets.items) {
    for (const m of target.measures) {
      const tr = el('tr', null, { 'data-measure': m.id });
      const comparator = el('select', null, { 'aria-label': `So sánh ${m.id}` });
      comparator.replaceChildren(
        ...COMPARATORS.map(([value, label]) =>
          Object.assign(el('option', label, { value }), { selected: value === m.comparator }),
        ),
      );
      const value = el('input', null, {
        type: 'number',
        min: '0',
        max: '100',
        step: 'any',
        'aria-label': `Ngưỡng ${m.id}`,
      });
      value.value = String(m.value);
      const save = el('button', 'Lưu', { type: 'button', class: 'secondary' });
      save.disabled = !editable;
      save.addEventListener('click', () =>
        correct(
          { measures: { [m.id]: { comparator: comparator.value, value: Number(value.value) } } },
          `Đã sửa ${m.id}.`,
        ),
      );
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
    const tr = el('tr', null, {
      id: `task-${task.id}`,
      'data-task': task.id,
      class: issues.some((i) => i.severity === 'error') ? 'has-issue' : '',
    });
    const title = el('td', task.title);
    for (const issue of issues)
      title.append(el('span', `${issue.message.vi} / ${issue.message.en}`, { class: 'issue' }));
    const edit = el('button', 'Sửa', { type: 'button', class: 'secondary' });
    edit.disabled = !editable;
    edit.addEventListener('click', () => editTask(task));
    const actions = el('td');
    actions.append(edit);
    tr.append(
      el('td', task.id),
      title,
      el('td', task.lead.join('; ') || '—'),
      el('td', task.coordinating.join('; ') || '—'),
      el('td', task.timeframe.text || '—'),
      el('td', task.source),
      actions,
    );
    tasks.append(tr);
  }
  await loadAudit(body.planId);
}

async function loadAudit(planId: string) {
  const res = await api.call(ROUTE_PATHS.audit, {}, {}, { plan: planId });
  if (!res.ok) return;
  const { entries } = (await res.json()) as { entries: AuditEntry[] };
  $('#audit').replaceChildren(...entries.map((e) => el('li', auditLine(e))));
}

async function correct(patch: unknown, done: string): Promise<boolean> {
  const current = review.current;
  if (!current) return false;
  const res = await api.send(ROUTE_PATHS.correctPlan, { plan: current.planId }, patch);
  if (!res.ok) {
    say(await problemText(res));
    return false;
  }
  await showReview((await res.json()) as PlanSummary);
  say(`${done} / Saved.`);
  return true;
}

async function addAgency(name: string) {
  const current = review.current;
  if (!current) return;
  const res = await api.send(
    ROUTE_PATHS.addAgency,
    { id: current.summary.directoryId },
    { name, kind: 'department', groups: [] },
  );
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  const agency = (await res.json()) as { id: string };
  review.directory = null;
  await review.loadDirectory(current.summary.directoryId);
  await correct({ aliases: { [name]: agency.id } }, `Đã thêm "${name}" vào danh bạ.`);
}

function editTask(task: Task) {
  $('#task-id').textContent = task.id;
  input('#task-title').value = task.title;
  agencyOptions(select('#task-lead'), review.idsOf(task.lead));
  agencyOptions(select('#task-coordinating'), review.idsOf(task.coordinating));
  input('#task-timeframe').value = task.timeframe.text ?? '';
  $('#task-error').textContent = '';
  $('#task-save').onclick = async () => {
    const selected = (box: HTMLSelectElement) => [...box.selectedOptions].map((o) => o.value);
    const lead = selected(select('#task-lead'));
    if (lead.length === 0) {
      $('#task-error').textContent = 'Chọn ít nhất một cơ quan chủ trì. / Choose at least one lead agency.';
      select('#task-lead').focus();
      return;
    }
    const fix: Record<string, unknown> = {
      title: input('#task-title').value.trim(),
      lead,
      coordinating: selected(select('#task-coordinating')),
    };
    const timeframe = input('#task-timeframe').value.trim();
    if (timeframe) fix.timeframe = timeframe;
    if (await correct({ tasks: { [task.id]: fix } }, `Đã sửa ${task.id}.`))
      $<HTMLDialogElement>('#task-dialog').close();
  };
  $<HTMLDialogElement>('#task-dialog').showModal();
}

async function publish() {
  const current = review.current;
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
  const current = review.current;
  if (!current) return;
  if (!confirm(`Lưu trữ kế hoạch ${current.planId}? Các cơ quan sẽ không nộp báo cáo cho kế hoạch này nữa.`)) return;
  const res = await api.call(ROUTE_PATHS.archivePlan, { plan: current.planId });
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  await openReview(current.planId);
  say('Đã lưu trữ. / Archived.');
  await loadList();
}

let wired = false;
export async function showPlans(opts: typeof options) {
  options = opts;
  if (!wired) {
    wired = true;
    $('#import-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void importFile(input('#plan-file').files?.[0]);
    });
    const zone = $('#import-form');
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      void importFile(event.dataTransfer?.files[0]);
    });
    $('#publish').addEventListener('click', publish);
    $('#archive').addEventListener('click', archive);
    $('#close-review').addEventListener('click', () => {
      $('#review').hidden = true;
    });
  }
  await loadList();
}
