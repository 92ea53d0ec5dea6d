// The overview's trend: the figures of the previous period of the same kind (2025-Y beside 2026-Y, 2025-H1 beside
// 2026-H1), read from that period's master source (the store's, as its own master reads it). Kept in the master cache while that
// period's submissions are unchanged, so a rebuild of the current period does not read last year's reports again.
import { createHash } from 'node:crypto';
import type { Period } from '../../shared/domain/period.ts';
import { MeasureTotals } from '../../shared/master/aggregate.ts';
import { ReportingTally, TaskTally } from '../../shared/master/overview.ts';
import type { PreviousFigures } from '../../shared/master/overview-sheet.ts';
import type { MasterCache, MasterSource } from './write-master.ts';

/** "2026-H1" → "2025-H1", "2026-Y" → "2025-Y". */
export const previousPeriodId = (period: Pick<Period, 'id' | 'year'>) => `${period.year - 1}${period.id.slice(4)}`;

/** The figures of a period's master: reporting, each measure's citywide value, and each task's leads that are done. */
export async function figuresOf(
  source: Pick<MasterSource, 'plan' | 'period' | 'agencies' | 'submission' | 'report'>,
): Promise<PreviousFigures> {
  const reporting = new ReportingTally();
  const totals = new MeasureTotals(source.plan.targets.flatMap((t) => t.measures));
  const tasks = new TaskTally();
  for (const agency of source.agencies) {
    const s = source.submission(agency.id);
    reporting.add(agency, s);
    const report = s ? await source.report(agency.id) : null;
    if (!report) continue;
    totals.add(report);
    tasks.add(report.tasks, report);
  }
  return {
    periodId: source.period.id,
    reporting: reporting.result().total,
    values: Object.fromEntries(totals.result().map((a) => [a.measure.id, a.citywide])),
    done: Object.fromEntries(Object.entries(tasks.states).map(([id, c]) => [id, c.done])),
  };
}

/**
 * The figures of the previous period's source (see storeMasterSource), kept in the cache while its agencies, their
 * submissions and the plan's targets are unchanged.
 */
export function previousFigures(
  source: MasterSource,
  cache?: { store: MasterCache; key: string },
): Promise<PreviousFigures> {
  if (!cache) return figuresOf(source);
  const seen = createHash('sha256');
  seen.update(JSON.stringify([source.plan.targets, source.plan.tasks.map((t) => t.id), source.period]));
  for (const a of source.agencies) {
    const s = source.submission(a.id);
    seen.update(
      `${a.id}|${a.groups.join(',')}|${s ? `${s.version}|${s.receivedAt}|${s.onTime}|${s.review ?? ''}` : ''}\n`,
    );
  }
  // The reading is kept as its promise; one that failed is forgotten, so the next build reads again.
  const key = `${cache.key}|previous`;
  const digest = seen.digest('base64');
  return cache.store.remember(key, digest, () =>
    figuresOf(source).catch((error: unknown) => {
      cache.store.remember(key, '', () => null);
      throw error;
    }),
  );
}
