// The master's data from the store: latest versions' metadata at once, each report body when asked.
import type { Plan } from '../../shared/domain/plan.ts';
import type { Report } from '../../shared/domain/report.ts';
import type { Period } from '../../shared/domain/period.ts';
import type { Store } from '../store/store.ts';
import { storedPlanContext } from '../service/plan-context.ts';
import { writeMaster, type MasterAgency, type MasterSource } from './write-master.ts';

/**
 * The master reads each report in several passes. When all reports together are this much JSON or less,
 * they are parsed once and kept; above it, every pass reads them again, so memory stays flat.
 */
export const REPORT_CACHE_BYTES = 16 * 1024 * 1024;

export function storeMasterSource(store: Store, input: { planId: string; plan: Plan; period: Period; agencies: MasterAgency[]; now: Date }): MasterSource {
  // The latest version of each agency, or, when the period says so, its latest accepted one.
  const accepted = store.period(input.planId, input.period.id)?.masterAcceptedOnly ?? false;
  const latest = accepted ? store.acceptedMeta(input.planId, input.period.id) : store.latestMeta(input.planId, input.period.id);
  const cache = new Map<string, Report>();
  const checked = new Set<string>();
  const reviews = new Map<string, 'accepted' | 'returned' | 'awaiting'>();
  const total = [...latest.values()].reduce((sum, s) => sum + s.reportBytes, 0);
  const keep = total <= REPORT_CACHE_BYTES;
  return {
    plan: input.plan,
    period: input.period,
    generatedAt: input.now,
    agencies: input.agencies,
    // Every sheet asks for each agency's submission: its review state is looked up once per build.
    submission: (id) => {
      const s = latest.get(id);
      if (!s) return null;
      let review = reviews.get(id);
      if (review === undefined) {
        const r = store.latestReview(s.submissionId);
        review = r ? (r.decision === 'accept' ? 'accepted' : 'returned') : 'awaiting';
        reviews.set(id, review);
      }
      return { ...s, review };
    },
    report: (id) => {
      const s = latest.get(id);
      if (!s) return null;
      const hit = cache.get(id);
      if (hit) return hit;
      // Checked against its schema on the first pass; the later passes only parse it (see Store.reportChecked).
      const report = checked.has(id) ? store.reportChecked(s.submissionId) : store.report(s.submissionId);
      checked.add(id);
      if (report === null) return null;
      if (keep) cache.set(id, report);
      return report;
    },
  };
}

/** Writes a period's master from the store's plan and reports; says why not when the store lacks either. */
export async function writeMasterFromStore(store: Store, planId: string, periodId: string, now: Date, filename: string): Promise<{ ok: true } | { ok: false; reason: 'no-plan' | 'no-period' }> {
  const ctx = storedPlanContext(store, planId);
  if (!ctx) return { ok: false, reason: 'no-plan' };
  const period = store.period(planId, periodId);
  if (!period) return { ok: false, reason: 'no-period' };
  const { plan, reporters } = ctx;
  await writeMaster(storeMasterSource(store, { planId, plan, period, agencies: reporters, now }), { filename });
  return { ok: true };
}
