// The city's review of a report version: accepted or returned (with comments and a resubmission deadline);
// the state an agency sees; and the timeliness of a resubmission.
import type { Review } from '../../shared/api/contract.ts';
import { vietnamDate } from '../../shared/domain/period.ts';
import type { StoredReview } from '../store/store.ts';

/** Days an agency has to resubmit a returned report, unless the coordinator names a date. */
export const RESUBMIT_DAYS = 5;

export function reviewState(stored: StoredReview | null): Review {
  if (!stored) return { state: 'awaiting', comment: '', comments: [], resubmitBy: null };
  return {
    state: stored.decision === 'accept' ? 'accepted' : 'returned',
    comment: stored.comment,
    comments: stored.comments,
    resubmitBy: stored.resubmitBy,
  };
}

/** The Vietnam date `days` after `now`. */
export const daysAfter = (now: Date, days: number) => vietnamDate(new Date(now.getTime() + days * 86_400_000));

/**
 * The timeliness of a new version: a resubmission of a returned report by its deadline keeps the returned
 * version's timeliness; after it, it is late. Null when the normal rule applies (no returned version before).
 */
export function resubmissionOnTime(
  latest: { onTime: boolean; review: StoredReview | null } | null,
  now: Date,
): boolean | null {
  if (!latest) return null;
  const { review } = latest;
  if (review?.decision !== 'return' || !review.resubmitBy) return null;
  return vietnamDate(now) <= review.resubmitBy ? latest.onTime : false;
}
