// What the master's first sheet ("Tổng quan") tells a leader, computed from the same data as the other sheets: who
// has reported (on time, late, returned, missing; overall and by group), each task's state across its leads, and the
// short list of what needs attention. Pure: the master writer, and later the page and the .docx, read these figures.
import type { Timeframe } from '../domain/plan.ts';
import type { Period } from '../domain/period.ts';
import type { Report, ReportRole, TaskStatus } from '../domain/report.ts';
import type { MeasureAggregate } from './aggregate.ts';
import { ratioPercent } from './aggregate.ts';
import type { SubmissionRef } from './master-rows.ts';

/** The three groups of the reporting picture, from the directory's groups. */
export type ReportingGroup = 'departments' | 'wards' | 'other';
export const REPORTING_GROUPS: readonly ReportingGroup[] = ['departments', 'wards', 'other'];
export const GROUP_LABELS: Record<ReportingGroup, string> = {
  departments: 'Các cơ quan chuyên môn',
  wards: 'UBND các phường, xã',
  other: 'Các cơ quan, đơn vị khác',
};

/** `reportingGroup(['wards-communes'])` → 'wards'; the directory's group ids decide, anything else is "other". */
export function reportingGroup(groups: readonly string[]): ReportingGroup {
  if (groups.includes('departments')) return 'departments';
  if (groups.includes('wards-communes')) return 'wards';
  return 'other';
}

/** One agency's place in the picture: a returned report counts as returned, not as submitted. */
export type ReportingState = 'on-time' | 'late' | 'returned' | 'missing';
export function reportingState(s: SubmissionRef | null): ReportingState {
  if (!s) return 'missing';
  if (s.review === 'returned') return 'returned';
  return s.onTime ? 'on-time' : 'late';
}

export interface ReportingCounts {
  expected: number;
  onTime: number;
  late: number;
  returned: number;
  missing: number;
}
const noCounts = (): ReportingCounts => ({ expected: 0, onTime: 0, late: 0, returned: 0, missing: 0 });
const COUNT_OF: Record<ReportingState, keyof ReportingCounts> = {
  'on-time': 'onTime',
  late: 'late',
  returned: 'returned',
  missing: 'missing',
};

/** Submitted and not returned, of those expected, in percent (one decimal); null when nobody is expected. */
export const reportingRate = (c: ReportingCounts): number | null => ratioPercent(c.onTime + c.late, c.expected);

export interface ReportingPicture {
  total: ReportingCounts;
  groups: Record<ReportingGroup, ReportingCounts>;
  missing: string[];
}

/** Counts agencies as they come (10,000 of them: nothing but counters and the names of the missing ones kept). */
export class ReportingTally {
  private readonly total = noCounts();
  private readonly groups = Object.fromEntries(REPORTING_GROUPS.map((g) => [g, noCounts()])) as Record<
    ReportingGroup,
    ReportingCounts
  >;
  private readonly missing: string[] = [];

  add(agency: { name: string; groups: readonly string[] }, s: SubmissionRef | null): void {
    const state = reportingState(s);
    const group = this.groups[reportingGroup(agency.groups)];
    for (const c of [this.total, group]) {
      c.expected += 1;
      c[COUNT_OF[state]] += 1;
    }
    if (state === 'missing') this.missing.push(agency.name);
  }

  result(): ReportingPicture {
    return {
      total: { ...this.total },
      groups: Object.fromEntries(REPORTING_GROUPS.map((g) => [g, { ...this.groups[g] }])) as Record<
        ReportingGroup,
        ReportingCounts
      >,
      missing: [...this.missing],
    };
  }
}

/** A task's state for one of its leads. */
export type LeadState = 'done' | 'in-progress' | 'not-started' | 'not-reported';
export const LEAD_STATES: readonly LeadState[] = ['done', 'in-progress', 'not-started', 'not-reported'];
export const LEAD_STATE_LABELS: Record<LeadState, string> = {
  done: 'Đã hoàn thành',
  'in-progress': 'Đang thực hiện',
  'not-started': 'Chưa triển khai',
  'not-reported': 'Chưa báo cáo',
};
const STATE_OF: Record<TaskStatus, LeadState> = {
  done: 'done',
  'in-progress': 'in-progress',
  ongoing: 'in-progress',
  'not-started': 'not-started',
};
export type TaskCounts = Record<LeadState, number>;
export type TaskStates = Record<string, TaskCounts>;

/** Leads are the agencies that carry a task: its lead agencies, and every reporter of a focus task. */
const isLead = (role: ReportRole) => role === 'lead' || role === 'focus';

/** Each task's leads by state: add one agency's assigned tasks and its report (null when missing), merge blocks. */
export class TaskTally {
  readonly states: TaskStates = {};

  add(assigned: readonly { taskId: string; role: ReportRole }[], report: Pick<Report, 'tasks'> | null): void {
    const reported = report
      ? new Map(report.tasks.filter((t) => isLead(t.role)).map((t) => [t.taskId, t.status]))
      : null;
    for (const t of assigned) {
      if (!isLead(t.role)) continue;
      const status = reported?.get(t.taskId);
      this.count(t.taskId)[status ? STATE_OF[status] : 'not-reported'] += 1;
    }
  }

  merge(states: TaskStates): void {
    for (const [taskId, counts] of Object.entries(states)) {
      const mine = this.count(taskId);
      for (const s of LEAD_STATES) mine[s] += counts[s];
    }
  }

  private count(taskId: string): TaskCounts {
    return (this.states[taskId] ??= { done: 0, 'in-progress': 0, 'not-started': 0, 'not-reported': 0 });
  }
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * The last day of a timeframe, an ISO date; null when it has none (ongoing, recurring, open-ended, unread).
 * `timeframeEnd({ kind: 'quarter', year: 2026, quarter: 2 })` → '2026-06-30'.
 */
export function timeframeEnd(t: Timeframe): string | null {
  switch (t.kind) {
    case 'within-year':
      return `${t.year}-12-31`;
    case 'years':
      return `${t.toYear}-12-31`;
    case 'by-date':
      return t.date;
    case 'quarter':
      return lastDay(t.year, t.quarter * 3);
    case 'month':
      return lastDay(t.year, t.month);
    case 'range':
      return t.end;
    default:
      return null;
  }
}

export interface TaskLine {
  id: string;
  title: string;
  timeframe: Timeframe;
}
export type AttentionKind = 'overdue' | 'target' | 'task';
export const ATTENTION_LABELS: Record<AttentionKind, string> = {
  overdue: 'Quá hạn chưa nộp',
  target: 'Chỉ tiêu chưa đạt',
  task: 'Nhiệm vụ chưa triển khai đã quá thời hạn',
};
export interface AttentionItem {
  kind: AttentionKind;
  text: string;
}

/** Names listed before "… và N đơn vị khác". */
export const ATTENTION_NAMES = 3;
/** Items of one kind listed before "… và N chỉ tiêu / nhiệm vụ khác". */
export const ATTENTION_ITEMS = 6;
/** Characters of an item's text: one line of the overview. */
export const ATTENTION_LINE = 90;

/**
 * What needs a leader's attention, shortest first: agencies that have not reported once the period is due, targets
 * judged Chưa đạt, and tasks whose timeframe ended within the period's data window with leads that have not started.
 */
export function attentionList(input: {
  period: Pick<Period, 'dueAt' | 'dataTo'>;
  now: Date;
  reporting: ReportingPicture;
  aggregates: readonly MeasureAggregate[];
  tasks: readonly TaskLine[];
  states: TaskStates;
}): AttentionItem[] {
  const items: AttentionItem[] = [];
  const { missing } = input.reporting;
  if (missing.length > 0 && input.now.getTime() >= Date.parse(input.period.dueAt)) {
    // As many names as one line holds (at most ATTENTION_NAMES), then how many more.
    const head = `${missing.length} cơ quan, đơn vị: `;
    let shown = 1;
    const line = (n: number) =>
      `${head}${missing.slice(0, n).join(', ')}${missing.length > n ? ` và ${missing.length - n} đơn vị khác` : ''}`;
    while (shown < Math.min(ATTENTION_NAMES, missing.length) && line(shown + 1).length <= ATTENTION_LINE) shown += 1;
    items.push({ kind: 'overdue', text: line(shown) });
  }
  const notMet = input.aggregates.filter((a) => a.verdict === 'not-met');
  for (const a of notMet.slice(0, ATTENTION_ITEMS)) {
    items.push({ kind: 'target', text: `${a.measure.id}. ${short(a.measure.label, 60)}: ${a.citywide ?? '—'}%` });
  }
  if (notMet.length > ATTENTION_ITEMS)
    items.push({ kind: 'target', text: `và ${notMet.length - ATTENTION_ITEMS} chỉ tiêu khác` });
  const late = input.tasks.filter((t) => {
    const end = timeframeEnd(t.timeframe);
    return end !== null && end <= input.period.dataTo && (input.states[t.id]?.['not-started'] ?? 0) > 0;
  });
  for (const t of late.slice(0, ATTENTION_ITEMS)) {
    items.push({
      kind: 'task',
      text: `${t.id}. ${short(t.title, 40)}: ${input.states[t.id]!['not-started']} đơn vị chủ trì chưa triển khai`,
    });
  }
  if (late.length > ATTENTION_ITEMS)
    items.push({ kind: 'task', text: `và ${late.length - ATTENTION_ITEMS} nhiệm vụ khác` });
  return items;
}

/** A text cut to `max` characters at a word, with an ellipsis. `short('một hai ba', 7)` → 'một…'. */
export function short(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
