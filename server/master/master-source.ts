// The master's data from the store: latest versions' metadata and review decisions at once, each report body when asked.
import type { Plan } from '../../shared/domain/plan.ts';
import type { Period } from '../../shared/domain/period.ts';
import type { Store } from '../store/store.ts';
import { storedReporters } from '../plan/plan-context.ts';
import { writeMaster, type MasterAgency, type MasterCache, type MasterSource } from './write-master.ts';
import { previousFigures, previousPeriodId } from './previous-figures.ts';

export async function storeMasterSource(
  store: Store,
  input: { planId: string; plan: Plan; period: Period; agencies: MasterAgency[]; now: Date },
): Promise<MasterSource> {
  // The latest version of each agency, or, when the period says so, its latest accepted one.
  const accepted = (await store.period(input.planId, input.period.id))?.masterAcceptedOnly ?? false;
  const latest = await (accepted
    ? store.acceptedMeta(input.planId, input.period.id)
    : store.latestMeta(input.planId, input.period.id));
  const decisions = await store.latestDecisions(input.planId, input.period.id);
  return {
    plan: input.plan,
    period: input.period,
    generatedAt: input.now,
    agencies: input.agencies,
    submission: (id) => {
      const s = latest.get(id);
      if (!s) return null;
      const decision = decisions.get(s.submissionId);
      return { ...s, review: decision === 'accept' ? 'accepted' : decision === 'return' ? 'returned' : 'awaiting' };
    },
    // Read once per build, by the block that holds the agency, and checked against its schema.
    report: async (id) => {
      const s = latest.get(id);
      return s ? store.report(s.submissionId) : null;
    },
  };
}

/**
 * Writes a period's master from the store's plan and reports; says why not when the store lacks either. With a cache,
 * the parsed plan context is kept while the stored plan and directory are unchanged (parsing a 10,000-agency plan
 * took a third of a one-submission rebuild), and the blocks are matched by that digest and the period.
 */
export async function writeMasterFromStore(
  store: Store,
  planId: string,
  periodId: string,
  now: Date,
  filename: string,
  cache?: { store: MasterCache; key: string },
): Promise<{ ok: true } | { ok: false; reason: 'no-plan' | 'no-period' }> {
  const digest = cache ? await store.planDigest(planId) : null;
  const ctx =
    cache && digest
      ? await cache.store.remember(`${cache.key}|plan`, digest, () => storedReporters(store, planId))
      : await storedReporters(store, planId);
  if (!ctx) return { ok: false, reason: 'no-plan' };
  const period = await store.period(planId, periodId);
  if (!period) return { ok: false, reason: 'no-period' };
  const { plan, reporters } = ctx;
  const before = await store.period(planId, previousPeriodId(period));
  const previous =
    before &&
    (await previousFigures(
      await storeMasterSource(store, { planId, plan, period: before, agencies: reporters, now }),
      cache,
    ));
  await writeMaster(
    { ...(await storeMasterSource(store, { planId, plan, period, agencies: reporters, now })), previous },
    { filename },
    cache && { ...cache, fingerprint: `${digest}|${JSON.stringify(period)}` },
  );
  return { ok: true };
}
