// The master's data from the store: latest versions' metadata at once, each report body when asked.
import type { Plan } from '../../shared/domain/plan.ts';
import type { Period } from '../../shared/domain/period.ts';
import type { AgencyIndex } from '../../shared/directory/directory.ts';
import type { Store } from '../store/store.ts';
import type { MasterAgency, MasterSource } from './write-master.ts';

/** Names a set of groups the way the directory does ("UBND các phường, xã"). */
export function groupLabel(index: AgencyIndex | null, groups: string[]): string {
  return groups.map((g) => index?.directory.groups.find((x) => x.id === g)?.name ?? g).join('; ');
}

export function storeMasterSource(store: Store, input: { plan: Plan; period: Period; agencies: MasterAgency[]; now: Date }): MasterSource {
  const latest = store.latestMeta(input.period.id);
  return {
    plan: input.plan,
    period: input.period,
    generatedAt: input.now,
    agencies: input.agencies,
    submission: (id) => latest.get(id) ?? null,
    report: (id) => {
      const s = latest.get(id);
      return s ? store.reportOf(s.submissionId) : null;
    },
  };
}
