// The master's data from the store: latest versions' metadata at once, each report body when asked.
import type { Plan } from '../../shared/domain/plan.ts';
import type { Report } from '../../shared/domain/report.ts';
import type { Period } from '../../shared/domain/period.ts';
import type { AgencyIndex } from '../../shared/directory/directory.ts';
import type { Store } from '../store/store.ts';
import type { MasterAgency, MasterSource } from './write-master.ts';

/** Names a set of groups the way the directory does ("UBND các phường, xã"). */
export function groupLabel(index: AgencyIndex | null, groups: string[]): string {
  return groups.map((g) => index?.directory.groups.find((x) => x.id === g)?.name ?? g).join('; ');
}

/**
 * The master reads each report in several passes. When all reports together are this much JSON or less,
 * they are parsed once and kept; above it, every pass reads them again, so memory stays flat.
 */
export const REPORT_CACHE_BYTES = 16 * 1024 * 1024;

export function storeMasterSource(store: Store, input: { plan: Plan; period: Period; agencies: MasterAgency[]; now: Date }): MasterSource {
  const latest = store.latestMeta(input.period.id);
  const cache = new Map<string, Report>();
  const total = [...latest.values()].reduce((sum, s) => sum + s.reportBytes, 0);
  const keep = total <= REPORT_CACHE_BYTES;
  return {
    plan: input.plan,
    period: input.period,
    generatedAt: input.now,
    agencies: input.agencies,
    submission: (id) => latest.get(id) ?? null,
    report: (id) => {
      const s = latest.get(id);
      if (!s) return null;
      const hit = cache.get(id);
      if (hit) return hit;
      const json = store.reportJson(s.submissionId);
      if (json === null) return null;
      const report = JSON.parse(json) as Report;
      if (keep) cache.set(id, report);
      return report;
    },
  };
}
