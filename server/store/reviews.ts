// Reviews (append-only): the city's decision on a report version; the latest per submission is its state.
import { z } from 'zod';
import type { ReviewComment } from '../../shared/api/contract.ts';
import type { Db } from './db.ts';
import { Part } from './part.ts';
import { parseStored, shape } from './stored-json.ts';

export type Decision = 'accept' | 'return';
export interface StoredReview {
  decision: Decision;
  comment: string;
  comments: ReviewComment[];
  resubmitBy: string | null;
  actor: string;
  at: string;
}

/**
 * The comments as stored: the contract's ReviewComment without its request limits (a row stored under older limits
 * still reads; the text was cleaned on its way in).
 */
const COMMENTS = shape<ReviewComment[]>(
  z.array(
    z
      .object({
        taskId: z.string().optional(),
        measureId: z.string().optional(),
        cell: z.string().optional(),
        text: z.string(),
      })
      .strict(),
  ),
);
type ReviewRecord = {
  decision: Decision;
  comment: string;
  comments_json: string;
  resubmit_by: string | null;
  actor: string;
  at: string;
  json_version: number;
};

/** A submission's latest review, on any handle (a submission's transaction reads it too). */
export async function latestReviewOn(db: Db, submissionId: string): Promise<StoredReview | null> {
  const row = await db.get<ReviewRecord>(
    `SELECT decision, comment, comments_json, resubmit_by, actor, at, json_version FROM reviews
    WHERE submission_id = ? ORDER BY id DESC LIMIT 1`,
    [submissionId],
  );
  return row
    ? {
        decision: row.decision,
        comment: row.comment,
        comments: parseStored(COMMENTS, row.json_version, row.comments_json, `comments of a review of ${submissionId}`),
        resubmitBy: row.resubmit_by,
        actor: row.actor,
        at: row.at,
      }
    : null;
}

export class ReviewRows extends Part {
  async review(submissionId: string, r: Omit<StoredReview, 'comments'> & { comments: ReviewComment[] }): Promise<void> {
    await this.db.run(
      'INSERT INTO reviews (submission_id, decision, comment, comments_json, resubmit_by, actor, at, json_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [submissionId, r.decision, r.comment, JSON.stringify(r.comments), r.resubmitBy, r.actor, r.at, COMMENTS.current],
    );
  }
  latestReview(submissionId: string): Promise<StoredReview | null> {
    return latestReviewOn(this.db, submissionId);
  }
  /** The latest decision on each reviewed submission of a plan and period, in one query (the master's status column). */
  async latestDecisions(planId: string, periodId: string): Promise<Map<string, Decision>> {
    // Driven by the reviews (few), not by the period's submissions (every version of every agency).
    const rows = await this.db.all<{ submission_id: string; decision: Decision }>(
      `SELECT submission_id, decision FROM reviews WHERE id IN (
      SELECT MAX(r.id) FROM reviews r CROSS JOIN submissions s ON s.id = r.submission_id WHERE s.plan_id = ? AND s.period_id = ? GROUP BY r.submission_id)`,
      [planId, periodId],
    );
    return new Map(rows.map((r) => [r.submission_id, r.decision]));
  }
}
