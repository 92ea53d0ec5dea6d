// A plan as the API shows it, never as one huge answer: a summary (identity, counts, the first issues, the
// corrections) and, on demand, one section of what was read at a time (targets, focus tasks, tasks, assignments,
// issues), a page of items with the issues that belong to them; `view=read` gives the items as the parser read
// them, before the coordinator's corrections.
import * as z from 'zod';
import { isBlocking, type PlanIssue } from '../../shared/domain/plan-issue.ts';
import type { Plan } from '../../shared/domain/plan.ts';
import type { PlanAct } from '../service/plan-review.ts';
import { planIssuesWithWording } from './issues.ts';

type ShownAct = Extract<PlanAct, { ok: true }>;

/** The issues a summary shows at most of each severity (the rest come with their items, or from the issues section). */
export const SHOWN_ISSUES = 100;
/** Names unknown to the directory a summary lists at most. */
const SHOWN_NAMES = 200;

/** The first issues of each severity, in their order. */
export function shownIssues(issues: PlanIssue[], max = SHOWN_ISSUES): PlanIssue[] {
  let errors = 0;
  let warnings = 0;
  return issues.filter((i) => (isBlocking(i) ? ++errors <= max : ++warnings <= max));
}

export const SECTIONS = ['targets', 'focus-tasks', 'tasks', 'assignments', 'issues'] as const;
export type Section = (typeof SECTIONS)[number];

const count = (max: number, fallback: number) => z.coerce.number().int().min(0).max(max).default(fallback);
export const SectionQuery = z.object({
  offset: count(1_000_000, 0),
  limit: count(500, 100).pipe(z.number().min(1)),
  view: z.enum(['current', 'read']).default('current'),
  severity: z.enum(['error', 'warning']).optional(),
}).strip();
export type SectionQuery = z.infer<typeof SectionQuery>;

/** The summary every act answers with (import, view, correct, publish). */
export function planSummaryBody(act: ShownAct) {
  const { review } = act;
  const plan = review.plan;
  const errors = review.issues.filter(isBlocking).length;
  const unknownNames = [...new Set(review.issues.filter((i) => i.code === 'agency-unknown' && i.params.name !== undefined).map((i) => String(i.params.name)))];
  const base = `/api/v1/plans/${encodeURIComponent(act.planId)}/sections`;
  return {
    planId: act.planId, state: act.summary.state, summary: act.summary,
    plan: { plan: plan.plan, reporting: plan.reporting, recipients: plan.recipients.slice(0, SHOWN_NAMES), directoryId: plan.directoryId },
    counts: {
      targets: plan.targets.length, measures: plan.targets.reduce((n, t) => n + t.measures.length, 0), focusTasks: plan.focusTasks.length,
      tasks: plan.tasks.length, assignments: plan.assignments.length, errors, warnings: review.issues.length - errors,
    },
    issues: planIssuesWithWording(shownIssues(review.issues)),
    unknownNames: unknownNames.slice(0, SHOWN_NAMES),
    stale: review.stale, usable: review.usable, corrections: act.corrections,
    sections: Object.fromEntries(SECTIONS.map((s) => [s, `${base}/${s}`])),
  };
}

/** The issues that belong to these items (a task, a target or one of its measures), with their wording. */
function issuesOf(issues: PlanIssue[], ids: Set<string>) {
  return planIssuesWithWording(issues.filter((i) => i.at.subject !== undefined && ids.has(i.at.subject)));
}

/** One page of one section of a plan. */
export function planSection(act: ShownAct, section: Section, query: SectionQuery) {
  const plan: Plan = query.view === 'read' ? act.read : act.review.plan;
  const page = <T>(items: T[]) => items.slice(query.offset, query.offset + query.limit);
  const head = { planId: act.planId, section, view: query.view, offset: query.offset, limit: query.limit };
  switch (section) {
    case 'targets': {
      const items = page(plan.targets);
      const ids = new Set(items.flatMap((t) => [t.id, ...t.measures.map((m) => m.id)]));
      return { ...head, total: plan.targets.length, items, issues: issuesOf(act.review.issues, ids) };
    }
    case 'focus-tasks': {
      const items = page(plan.focusTasks);
      return { ...head, total: plan.focusTasks.length, items, issues: issuesOf(act.review.issues, new Set(items.map((f) => f.id))) };
    }
    case 'tasks': {
      const items = page(plan.tasks);
      return { ...head, total: plan.tasks.length, items, issues: issuesOf(act.review.issues, new Set(items.map((t) => t.id))) };
    }
    case 'assignments':
      return { ...head, total: plan.assignments.length, items: page(plan.assignments) };
    case 'issues': {
      const all = query.severity ? act.review.issues.filter((i) => (query.severity === 'error') === isBlocking(i)) : act.review.issues;
      return { ...head, total: all.length, items: planIssuesWithWording(page(all)) };
    }
  }
}
