// The consolidated report's input from the store: a plan's reporting units and each one's latest report.
import { draftConsolidatedReport, type ConsolidatedReport, type UnitReport } from '../../shared/report/consolidated.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import type { Store, StoredPeriod } from '../store/store.ts';

export async function consolidatedFromStore(
  store: Store,
  plan: Pick<PlanContext, 'id' | 'plan' | 'reporters'>,
  period: StoredPeriod,
): Promise<ConsolidatedReport> {
  const reports = new Map<string, UnitReport>();
  for (const [agencyId, meta] of await store.latestMeta(plan.id, period.id)) {
    const report = await store.report(meta.submissionId);
    if (report) reports.set(agencyId, { report, onTime: meta.onTime });
  }
  return draftConsolidatedReport({
    plan: plan.plan,
    period,
    units: plan.reporters.map((a) => ({ id: a.id, name: a.name })),
    reports,
  });
}
