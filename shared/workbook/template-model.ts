// What one agency's workbook for one period holds, as plain values: rows, guide text and metadata.
import type { Assignment, Measure, Plan, Timeframe } from '../domain/plan.ts';
import type { Period } from '../domain/period.ts';
import { periodLabel, quarterName, vietnameseDate } from '../domain/period.ts';
import type { ReportRole } from '../domain/report.ts';
import type { Agency } from '../directory/agency.ts';
import { digest } from '../text/digest.ts';
import { MEASURE_HOW, ROLE_LABELS, TEMPLATE_VERSION } from './spec.ts';

export interface TaskRow {
  taskId: string;
  title: string;
  role: ReportRole;
  roleLabel: string;
  timeframe: string;
}
export interface MeasureRow {
  measureId: string;
  label: string;
  threshold: string;
  kind: Measure['kind'];
  how: string;
}

export interface WorkbookMeta {
  templateVersion: number;
  planKey: string;
  planNumber: string;
  planTitle: string;
  periodId: string;
  agencyId: string;
  agencyName: string;
  generatedAt: string;
  /** [taskId, role, digest(title), digest(timeframe)] per task row, in row order. */
  taskRows: [string, ReportRole, string, string][];
  /** [measureId, kind, digest(label), digest(threshold)] per measure row, in row order. */
  measureRows: [string, Measure['kind'], string, string][];
  lockedDigest: string;
  /** The service's id of the plan ("kh-45-2025"); absent in workbooks made before plans had ids. */
  planId?: string;
}

export interface TemplateModel {
  meta: WorkbookMeta;
  agency: Pick<Agency, 'id' | 'name'>;
  period: Period;
  periodLabel: string;
  consolidator: string;
  tasks: TaskRow[];
  measures: MeasureRow[];
}

const COMPARATOR_SIGNS = { '>=': '≥', '>': '>', '=': '', '<=': '≤', '<': '<' } as const;

/** "≥ 25%", "100%", "> 50%". */
export function thresholdText(m: Pick<Measure, 'comparator' | 'value'> & { unit?: string }): string {
  const sign = COMPARATOR_SIGNS[m.comparator];
  const unit = !m.unit || m.unit === '%' ? '%' : ` ${m.unit}`;
  return `${sign ? `${sign} ` : ''}${m.value}${unit}`;
}

/** Short Vietnamese words for a timeframe, as the locked column shows it. */
export function timeframeText(t: Timeframe): string {
  switch (t.kind) {
    case 'ongoing':
      return 'Thường xuyên';
    case 'within-year':
      return `Năm ${t.year}`;
    case 'years':
      return `${t.fromYear}–${t.toYear}`;
    case 'by-date':
      return `Trước ${vietnameseDate(t.date)}`;
    case 'quarter':
      return `Quý ${quarterName(t.quarter)}/${t.year}`;
    case 'month':
      return `Tháng ${t.month}/${t.year}`;
    case 'range':
      return `${vietnameseDate(t.start)} – ${vietnameseDate(t.end)}`;
    case 'from':
      return `Từ ${vietnameseDate(t.date)}`;
    case 'recurring':
      return `${{ year: 'Hằng năm', quarter: 'Hằng quý', month: 'Hằng tháng' }[t.every]}${t.fromYear ? ` từ ${t.fromYear}` : ''}`;
    case 'event':
      return t.text;
    case 'unrecognised':
      return t.text || '—';
  }
}

/** Identifies a plan's content: number, title, tasks and measures. */
export function planKey(plan: Plan): string {
  return digest(
    JSON.stringify([
      plan.plan.number,
      plan.plan.title,
      plan.tasks.map((t) => [t.id, t.title]),
      plan.targets.flatMap((t) => t.measures.map((m) => [m.id, m.comparator, m.value])),
    ]),
  );
}

/** Each agency's assignments, for callers that build many agencies' models at once. */
export function assignmentsByAgency(plan: Plan): Map<string, Assignment[]> {
  const map = new Map<string, Assignment[]>();
  for (const a of plan.assignments) {
    const list = map.get(a.agencyId);
    if (list) list.push(a);
    else map.set(a.agencyId, [a]);
  }
  return map;
}

/** The agencies that report on a plan: every agency with an assignment, in the order of their first assignment. */
export function reportingAgencies(plan: Plan): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const a of plan.assignments) if (!seen.has(a.agencyId)) seen.set(a.agencyId, a.agencyName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * The rows of an agency's workbook: its specific tasks (leads first, then coordinating), the plan's
 * focus tasks, and the measures it reports (all, or those of its group).
 */
export function buildTemplateModel(
  plan: Plan,
  agency: Pick<Agency, 'id' | 'name' | 'groups'>,
  period: Period,
  generatedAt: string,
  mine: Assignment[] = plan.assignments.filter((a) => a.agencyId === agency.id),
  planId?: string,
): TemplateModel {
  const byTask = new Map(plan.tasks.map((t) => [t.id, t]));
  const tasks: TaskRow[] = [];
  for (const role of ['lead', 'coordinating'] as const) {
    for (const a of mine.filter((x) => x.role === role)) {
      const task = byTask.get(a.taskId)!;
      tasks.push({
        taskId: task.id,
        title: task.title,
        role,
        roleLabel: ROLE_LABELS[role],
        timeframe: timeframeText(task.timeframe),
      });
    }
  }
  for (const focus of plan.focusTasks) {
    tasks.push({
      taskId: focus.id,
      title: focus.title,
      role: 'focus',
      roleLabel: ROLE_LABELS.focus,
      timeframe: timeframeText(focus.timeframe),
    });
  }
  const measures: MeasureRow[] = plan.targets
    .flatMap((t) => t.measures)
    .filter((m) => m.reporters === null || agency.groups.includes(m.reporters))
    .map((m) => ({
      measureId: m.id,
      label: m.label,
      threshold: thresholdText(m),
      kind: m.kind,
      how: m.kind === 'count' ? `${MEASURE_HOW.count} (${m.unit})` : MEASURE_HOW[m.kind],
    }));

  const taskRows = tasks.map((t): [string, ReportRole, string, string] => [
    t.taskId,
    t.role,
    digest(t.title),
    digest(t.timeframe),
  ]);
  const measureRows = measures.map((m): [string, Measure['kind'], string, string] => [
    m.measureId,
    m.kind,
    digest(m.label),
    digest(m.threshold),
  ]);
  const meta: WorkbookMeta = {
    templateVersion: TEMPLATE_VERSION,
    planKey: planKey(plan),
    planNumber: plan.plan.number ?? '',
    planTitle: plan.plan.title,
    periodId: period.id,
    agencyId: agency.id,
    agencyName: agency.name,
    generatedAt,
    taskRows,
    measureRows,
    lockedDigest: digest(JSON.stringify([taskRows, measureRows])),
    ...(planId ? { planId } : {}),
  };
  return {
    meta,
    agency: { id: agency.id, name: agency.name },
    period,
    periodLabel: periodLabel(period),
    consolidator: plan.reporting.consolidator ?? 'Phòng Nội vụ',
    tasks,
    measures,
  };
}
