// The period people work on now, in Vietnam time: one rule for the agency's /me and the city page.
import { vietnamDate } from '../../shared/domain/period.ts';
import type { StoredPeriod } from '../store/store.ts';

/** The first period not locked whose due day has not passed (Vietnam date), else the last one not locked. */
export function currentPeriod(periods: StoredPeriod[], now: Date): StoredPeriod | null {
  const usable = periods.filter((p) => p.state !== 'locked');
  const today = vietnamDate(now);
  return usable.find((p) => p.dueBefore > today) ?? usable.at(-1) ?? null;
}
