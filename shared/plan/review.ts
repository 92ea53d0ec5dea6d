// What a coordinator reviews: the plan as read with the corrections applied, the issues that remain, and the
// corrections that no longer apply. Assignments and the issues about leads and agencies are worked out
// again from the corrected tasks, so a fixed task stops blocking and a new doubt shows at once.
import type { Plan, Task } from '../domain/plan.ts';
import { isBlocking, type PlanIssue } from '../domain/plan-issue.ts';
import type { DirectoryInput } from '../directory/agency.ts';
import type { AgencyIndex } from '../directory/directory.ts';
import { deriveAssignments, type TaskLines } from './assignments.ts';
import type { PlanCorrections } from './corrections.ts';
import { parseTimeframe } from './timeframe.ts';

export interface StaleCorrection {
  kind: 'alias' | 'task' | 'measure';
  key: string;
  reason: 'task-gone' | 'measure-gone' | 'agency-gone';
  message: string;
}

export interface PlanReview {
  plan: Plan;
  issues: PlanIssue[];
  stale: StaleCorrection[];
  /** False while any issue blocks publishing. */
  usable: boolean;
}

/** The directory with the coordinator's aliases added to their agencies (aliases naming no agency are left out). */
export function directoryWithAliases(directory: DirectoryInput, aliases: Record<string, string>): DirectoryInput {
  return {
    ...directory,
    agencies: directory.agencies.map((a) => {
      const extra = Object.entries(aliases)
        .filter(([, id]) => id === a.id)
        .map(([name]) => name);
      return extra.length ? { ...a, aliases: [...(a.aliases ?? []), ...extra] } : a;
    }),
  };
}

const RECOMPUTED = new Set(['agency-unknown', 'task-without-lead']);

const stale = (kind: StaleCorrection['kind'], key: string, reason: StaleCorrection['reason']): StaleCorrection => ({
  kind,
  key,
  reason,
  message:
    reason === 'task-gone'
      ? `Sửa cho nhiệm vụ ${key} không còn áp dụng: tài liệu không còn nhiệm vụ này. / The correction of task ${key} no longer applies: the document has no such task.`
      : reason === 'measure-gone'
        ? `Sửa cho chỉ tiêu ${key} không còn áp dụng. / The correction of measure ${key} no longer applies.`
        : `"${key}" được gán cho một cơ quan không còn trong danh bạ. / "${key}" is mapped to an agency no longer in the directory.`,
});

/**
 * Applies corrections to a parse (made with `directoryWithAliases`): task titles, leads, coordinators and
 * timeframes, measures, identity and reporting rule; then derives assignments and the lead/agency issues again.
 */
export function reviewPlan(
  parsed: { plan: Plan; issues: PlanIssue[]; taskLines?: TaskLines },
  corrections: PlanCorrections,
  index: AgencyIndex,
): PlanReview {
  const staleList: StaleCorrection[] = [];
  for (const [name, id] of Object.entries(corrections.aliases))
    if (!index.byId(id)) staleList.push(stale('alias', name, 'agency-gone'));
  const nameOf = (id: string, key: string) => {
    const agency = index.byId(id);
    if (!agency) {
      staleList.push(stale('alias', `${key}: ${id}`, 'agency-gone'));
      return null;
    }
    return agency.name;
  };

  const retimed = new Set<string>();
  const tasks: Task[] = parsed.plan.tasks.map((task) => {
    const fix = corrections.tasks[task.id];
    if (!fix) return task;
    const out: Task = { ...task };
    if (fix.title) out.title = fix.title;
    if (fix.lead) out.lead = fix.lead.map((id) => nameOf(id, task.id)).filter((n): n is string => n !== null);
    if (fix.coordinating)
      out.coordinating = fix.coordinating.map((id) => nameOf(id, task.id)).filter((n): n is string => n !== null);
    if (fix.timeframe) {
      out.timeframe = parseTimeframe(fix.timeframe);
      retimed.add(task.id);
    }
    return out;
  });
  for (const id of Object.keys(corrections.tasks))
    if (!parsed.plan.tasks.some((t) => t.id === id)) staleList.push(stale('task', id, 'task-gone'));

  const measureIds = new Set(parsed.plan.targets.flatMap((t) => t.measures.map((m) => m.id)));
  for (const id of Object.keys(corrections.measures))
    if (!measureIds.has(id)) staleList.push(stale('measure', id, 'measure-gone'));
  const targets = parsed.plan.targets.map((t) => ({
    ...t,
    measures: t.measures.map((m) => {
      const fix = corrections.measures[m.id];
      return fix
        ? {
            ...m,
            ...(fix.label ? { label: fix.label } : {}),
            ...(fix.comparator ? { comparator: fix.comparator } : {}),
            ...(fix.value !== undefined ? { value: fix.value } : {}),
          }
        : m;
    }),
  }));

  const lines: TaskLines = parsed.taskLines ?? new Map();
  const derived = deriveAssignments(tasks, index, lines);
  const issues: PlanIssue[] = parsed.issues.filter(
    (i) =>
      !RECOMPUTED.has(i.code) &&
      !(
        (i.code === 'timeframe-unrecognised' || i.code === 'timeframe-missing') &&
        i.at.subject &&
        retimed.has(i.at.subject)
      ),
  );
  issues.push(...derived.issues);
  for (const task of tasks) {
    if (task.lead.length === 0) {
      const line = lines.get(task.id)?.lead ?? null;
      issues.push({
        code: 'task-without-lead',
        severity: 'error',
        at: { line, where: task.source, subject: task.id },
        params: { task: task.id },
      });
    }
    if (retimed.has(task.id) && task.timeframe.kind === 'unrecognised') {
      issues.push({
        code: 'timeframe-unrecognised',
        severity: 'warning',
        at: { line: null, where: task.source, subject: task.id },
        params: { task: task.id, text: corrections.tasks[task.id]!.timeframe! },
      });
    }
  }
  issues.sort((a, b) => (a.at.line ?? Infinity) - (b.at.line ?? Infinity));

  const identity = corrections.identity ? { ...parsed.plan.plan, ...corrections.identity } : parsed.plan.plan;
  const reporting = corrections.reporting
    ? { ...parsed.plan.reporting, deadlines: corrections.reporting.deadlines }
    : parsed.plan.reporting;
  const plan: Plan = { ...parsed.plan, plan: identity, tasks, targets, reporting, assignments: derived.assignments };
  return { plan, issues, stale: staleList, usable: !issues.some(isBlocking) };
}

/** A readable id for a plan: "kh-45-2025" (its number's digits and year), unique among `taken`. */
export function planSlug(plan: Pick<Plan, 'plan'>, fallbackYear: string, taken: (id: string) => boolean): string {
  const digits = (plan.plan.number ?? '').match(/\d+/)?.[0];
  const year = /^\d{4}/.test(plan.plan.date ?? '') ? plan.plan.date!.slice(0, 4) : fallbackYear;
  const base = ['kh', digits, year].filter(Boolean).join('-');
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}
