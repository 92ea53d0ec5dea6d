// Plans, periods and workbook issues as the HTTP API shows them: known or a 404, refusals with their wording.
import { issueWording, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import type { PlanIssue } from '../../shared/domain/plan-issue.ts';
import { planIssueWordingOf } from '../../shared/plan/plan-messages.ts';
import type { AppContext } from '../service/context.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import type { SubmitResult } from '../service/submissions.ts';
import type { StoredPeriod } from '../store/store.ts';
import { clip, problem, type HttpProblem } from './problem.ts';

export const planUnknown = (id: string) => problem(404, 'plan-unknown', `Không có kế hoạch ${clip(id)}.`, `No plan ${clip(id)}.`);
const periodUnknown = (id: string) => problem(404, 'period-unknown', `Không có kỳ báo cáo ${clip(id)}.`, `No reporting period ${clip(id)}.`);

/** A plan that has periods (published, or archived for reading), or a 404 / 409 problem. */
export async function knownPlan(ctx: AppContext, id: string): Promise<PlanContext> {
  const plan = await ctx.plans.get(id);
  if (plan) return plan;
  if (await ctx.store.planIdTaken(id)) {
    throw problem(409, 'plan-not-published', `Kế hoạch ${clip(id)} chưa ban hành; chưa có kỳ báo cáo.`, `The plan ${clip(id)} is not published yet; it has no periods.`);
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
export const planIssuesWithWording = (issues: PlanIssue[]) => issues.map((i) => ({ ...i, message: planIssueWordingOf(i) }));

/** The problem for a refused submission. */
export function submitProblem(result: Exclude<SubmitResult, { ok: true }>, periodId: string): HttpProblem {
  switch (result.reason) {
    case 'period-unknown': return periodUnknown(periodId);
    case 'plan-archived': return problem(409, 'plan-archived', 'Kế hoạch đã kết thúc (lưu trữ); không nhận thêm báo cáo.', 'The plan is archived; no more reports are accepted.');
    case 'period-locked': return problem(409, 'period-locked', `Kỳ báo cáo ${periodId} đã khóa; không nhận thêm báo cáo.`, `The period ${periodId} is locked; no more reports are accepted.`);
    case 'mismatch': return problem(409, 'workbook-mismatch', 'Tệp này không phải báo cáo của cơ quan, kỳ hoặc kế hoạch này.', 'This workbook is for another agency, period or plan.', { issues: withWording(result.issues) });
    case 'invalid': return problem(422, 'report-invalid', 'Báo cáo còn lỗi; xem danh sách ô cần sửa.', 'The report has issues; see the cells to fix.', { issues: withWording(result.issues) });
  }
}
