// Accepting a report: re-checked with the shared reader against its plan, then committed as the next version.
import { isOnTime, vietnamDate, type Period } from '../../shared/domain/period.ts';
import type { Grid } from '../../shared/workbook/grid.ts';
import { readReport } from '../../shared/workbook/grid-reader.ts';
import { agencyDuty } from '../../shared/workbook/duty.ts';
import { isMismatch, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import type { SubmissionSource, SubmitOutcome } from '../store/store.ts';
import type { AppContext } from './context.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import { resubmissionOnTime } from './reviews.ts';

export type SubmitResult =
  | { ok: true; outcome: SubmitOutcome }
  | { ok: false; reason: 'period-unknown' | 'period-locked' | 'plan-archived' }
  | { ok: false; reason: 'mismatch' | 'invalid'; issues: WorkbookIssue[] };

// The rows an agency's workbook must hold depend on the plan version and the agency only: computed once per agency.
const digests = new WeakMap<PlanContext, Map<string, string | undefined>>();
function expectedRows(plan: PlanContext, agencyId: string, period: Period): string | undefined {
  let byAgency = digests.get(plan);
  if (!byAgency) {
    byAgency = new Map();
    digests.set(plan, byAgency);
  }
  if (!byAgency.has(agencyId)) {
    const agency = plan.reporters.find((a) => a.id === agencyId);
    byAgency.set(agencyId, agency ? agencyDuty(plan.plan, agency, period).lockedDigest : undefined);
  }
  return byAgency.get(agencyId);
}

/** What taking a report needs of the service: the store, the clock, ids, and the master to mark stale. */
export type SubmitContext = Pick<AppContext, 'store' | 'clock' | 'newId'> & {
  master: Pick<AppContext['master'], 'schedule'>;
};

export async function submitGrid(
  ctx: SubmitContext,
  plan: PlanContext,
  input: { agencyId: string; periodId: string; grid: Grid; source: SubmissionSource; idempotencyKey: string | null },
): Promise<SubmitResult> {
  if (plan.state !== 'published') return { ok: false, reason: 'plan-archived' };
  const period = await ctx.store.period(plan.id, input.periodId);
  if (!period) return { ok: false, reason: 'period-unknown' };
  if (period.state === 'locked') {
    // A locked period takes a report only from an agency granted an exception, until its date.
    const exception = await ctx.store.exception(plan.id, period.id, input.agencyId);
    if (!exception || vietnamDate(ctx.clock()) > exception.until) return { ok: false, reason: 'period-locked' };
  }
  const lockedDigest = expectedRows(plan, input.agencyId, period);
  const read = readReport(input.grid, {
    expected: {
      agencyId: input.agencyId,
      periodId: input.periodId,
      planId: plan.id,
      planKey: plan.planKey,
      lockedDigest,
    },
  });
  if (!read.ok) {
    return {
      ok: false,
      reason: read.issues.some((i) => isMismatch(i.code)) ? 'mismatch' : 'invalid',
      issues: read.issues,
    };
  }
  const now = ctx.clock();
  const outcome = await ctx.store.submit({
    id: ctx.newId(),
    planId: plan.id,
    periodId: input.periodId,
    agencyId: input.agencyId,
    receivedAt: now.toISOString(),
    // Judged against the latest version the transaction reads, so two submissions at once cannot both count as the first.
    onTime: (latest) => resubmissionOnTime(latest, now) ?? (period.state === 'open' && isOnTime(period, now)),
    source: input.source,
    idempotencyKey: input.idempotencyKey,
    report: read.value,
  });
  if (outcome.kind === 'created') ctx.master.schedule(`${plan.id}/${input.periodId}`);
  return { ok: true, outcome };
}
