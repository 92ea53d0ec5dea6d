// A plan as the API shows it, never as one huge answer: a summary (identity, counts, the first issues, the
// corrections) and, on demand, one section of what was read at a time (targets, focus tasks, tasks, assignments,
// issues), a page of items with the issues that belong to them; `view=read` gives the items as the parser read
// them, before the coordinator's corrections.
import * as z from 'zod';
import { isBlocking, type PlanIssue } from '../../shared/domain/plan-issue.ts';
import type { Plan } from '../../shared/domain/plan.ts';
import type { PlanReadingOk } from '../plan/read-plan.ts';
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
export const SectionQuery = z
  .object({
    offset: count(1_000_000, 0),
    limit: count(500, 100).pipe(z.number().min(1)),
    view: z.enum(['current', 'read']).default('current'),
    severity: z.enum(['error', 'warning']).optional(),
  })
  .strip();
export type SectionQuery = z.infer<typeof SectionQuery>;

/** The summary every act answers with (import, view, correct, publish). */
export function planSummaryBody(act: ShownAct) {
  const { reading } = act;
  const errors = reading.issues.filter(isBlocking).length;
  const unknownNames = [
    ...new Set(
      reading.issues
        .filter((i) => i.code === 'agency-unknown' && i.params.name !== undefined)
        .map((i) => String(i.params.name)),
    ),
  ];
  const base = `/api/v1/plans/${encodeURIComponent(act.planId)}/sections`;
  return {
    planId: act.planId,
    state: act.summary.state,
    summary: act.summary,
    plan: { ...reading.head, recipients: reading.head.recipients.slice(0, SHOWN_NAMES) },
    counts: { ...reading.counts, errors, warnings: reading.issues.length - errors },
    issues: planIssuesWithWording(shownIssues(reading.issues)),
    unknownNames: unknownNames.slice(0, SHOWN_NAMES),
    stale: reading.stale,
    usable: reading.usable,
    corrections: act.corrections,
    sections: Object.fromEntries(SECTIONS.map((s) => [s, `${base}/${s}`])),
  };
}

// The plans of a reading as objects, parsed from its JSON on the first section asked of it (our own JSON: no schema).
const parsed = new WeakMap<PlanReadingOk, { read?: Plan; current?: Plan }>();
function planOf(reading: PlanReadingOk, view: 'read' | 'current'): Plan {
  const entry = parsed.get(reading) ?? {};
  parsed.set(reading, entry);
  return (entry[view] ??= JSON.parse(view === 'read' ? reading.readJson : reading.planJson) as Plan);
}

/** The issues that belong to these items (a task, a target or one of its measures), with their wording. */
function issuesOf(issues: PlanIssue[], ids: Set<string>) {
  return planIssuesWithWording(issues.filter((i) => i.at.subject !== undefined && ids.has(i.at.subject)));
}

/** One page of one section of a plan. */
export function planSection(act: ShownAct, section: Section, query: SectionQuery) {
  const plan = planOf(act.reading, query.view);
  const allIssues = act.reading.issues;
  const page = <T>(items: T[]) => items.slice(query.offset, query.offset + query.limit);
  const head = { planId: act.planId, section, view: query.view, offset: query.offset, limit: query.limit };
  switch (section) {
    case 'targets': {
      const items = page(plan.targets);
      const ids = new Set(items.flatMap((t) => [t.id, ...t.measures.map((m) => m.id)]));
      return { ...head, total: plan.targets.length, items, issues: issuesOf(allIssues, ids) };
    }
    case 'focus-tasks': {
      const items = page(plan.focusTasks);
      return {
        ...head,
        total: plan.focusTasks.length,
        items,
        issues: issuesOf(allIssues, new Set(items.map((f) => f.id))),
      };
    }
    case 'tasks': {
      const items = page(plan.tasks);
      return { ...head, total: plan.tasks.length, items, issues: issuesOf(allIssues, new Set(items.map((t) => t.id))) };
    }
    case 'assignments':
      return { ...head, total: plan.assignments.length, items: page(plan.assignments) };
    case 'issues': {
      const all = query.severity ? allIssues.filter((i) => (query.severity === 'error') === isBlocking(i)) : allIssues;
      return { ...head, total: all.length, items: planIssuesWithWording(page(all)) };
    }
  }
}
