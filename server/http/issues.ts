// Plans, periods and workbook issues as the HTTP API shows them: known or a 404, refusals with their wording.
import { issueWording, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import type { PlanIssue } from '../../shared/domain/plan-issue.ts';
import { planIssueWordingOf } from '../../shared/plan/plan-messages.ts';
import type { AppContext } from '../service/context.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import type { SubmitResult } from '../service/submissions.ts';
import type { StoredPeriod } from '../store/store.ts';
import { problem, type HttpProblem } from './problem.ts';

export const planUnknown = (id: string) => problem('plan-unknown', { id });
const periodUnknown = (id: string) => problem('period-unknown', { id });

/** A plan that has periods (published, or archived for reading), or a 404 / 409 problem. */
export async function knownPlan(ctx: AppContext, id: string): Promise<PlanContext> {
  const plan = await ctx.plans.get(id);
  if (plan) return plan;
  if (await ctx.store.planIdTaken(id)) {
    throw problem('plan-not-published', { id });
  }
  throw planUnknown(id);
}

/** The stored period of that plan and id, or a 404 problem. */
export async function knownPeriod(ctx: AppContext, plan: PlanContext, id: string): Promise<StoredPeriod> {
  const period = await ctx.store.period(plan.id, id);
  if (!period) throw periodUnknown(id);
  return period;
}

/** Findings as the HTTP answer shows them: the finding with its Vietnamese and English wording. */
export const withWording = (issues: WorkbookIssue[]) => issues.map((i) => ({ ...i, message: issueWording(i) }));
export const planIssuesWithWording = (issues: PlanIssue[]) =>
  issues.map((i) => ({ ...i, message: planIssueWordingOf(i) }));

/** The problem for a refused submission. */
export function submitProblem(result: Exclude<SubmitResult, { ok: true }>, periodId: string): HttpProblem {
  switch (result.reason) {
    case 'period-unknown':
      return periodUnknown(periodId);
    case 'plan-archived':
      return problem('plan-archived', { refused: 'report' });
    case 'period-locked':
      return problem('period-locked', { id: periodId });
    case 'mismatch':
      return problem('workbook-mismatch', undefined, { issues: withWording(result.issues) });
    case 'invalid':
      return problem('report-invalid', undefined, { issues: withWording(result.issues) });
  }
}
