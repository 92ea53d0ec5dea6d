// Submissions (append-only): each agency's report versions per plan and period, with their receipts. The unique
// (plan, period, agency, version) index makes two writers of one version impossible; nothing is updated or deleted.
import { createHash } from 'node:crypto';
import type { Receipt, SubmissionSource } from '../../shared/api/contract.ts';
import { Report } from '../../shared/domain/report.ts';
import { Part } from './part.ts';
import { latestReviewOn, type StoredReview } from './reviews.ts';
import { parseStored, shape } from './stored-json.ts';

export interface SubmissionRow extends Receipt {
  planId: string;
  periodId: string;
  agencyId: string;
  source: SubmissionSource;
  contentHash: string;
}
export interface NewSubmission {
  id: string;
  planId: string;
  periodId: string;
  agencyId: string;
  receivedAt: string;
  source: SubmissionSource;
  /**
   * Whether the version is on time, or how to tell from the agency's latest version and its latest review as the
   * transaction reads them (a returned report resubmitted by its date keeps that version's timing).
   */
  onTime:
    boolean | ((latest: { submissionId: string; onTime: boolean; review: StoredReview | null } | null) => boolean);
  /** What identifies the content (a repeat of the latest is not a new version); by default the SHA-256 of the report's JSON. */
  contentHash?: string;
  idempotencyKey: string | null;
  report: Report;
}
export type SubmitOutcome = { kind: 'created' | 'replayed' | 'duplicate' | 'key-reused'; receipt: Receipt };

const REPORT = shape(Report);
interface SubmissionRecord {
  id: string;
  plan_id: string;
  period_id: string;
  agency_id: string;
  version: number;
  received_at: string;
  on_time: number;
  source: SubmissionSource;
  content_hash: string;
}
/** What a receipt and a content comparison need of a submission row (never its report body). */
const RECEIPT_COLUMNS = 'id, version, received_at, on_time, content_hash';
const ROW_COLUMNS = 'id, plan_id, period_id, agency_id, version, received_at, on_time, source, content_hash';
const toReceipt = (r: Pick<SubmissionRecord, 'id' | 'version' | 'received_at' | 'on_time'>): Receipt => ({
  submissionId: r.id,
  version: r.version,
  receivedAt: r.received_at,
  onTime: r.on_time === 1,
});
const toRow = (r: SubmissionRecord): SubmissionRow => ({
  ...toReceipt(r),
  planId: r.plan_id,
  periodId: r.period_id,
  agencyId: r.agency_id,
  source: r.source,
  contentHash: r.content_hash,
});
const byAgency = (rows: SubmissionRecord[]) => new Map(rows.map((r) => [r.agency_id, toRow(r)]));

export class SubmissionRows extends Part {
  /**
   * Records a submission as the next version, in one transaction: a known idempotency key returns
   * the first receipt; content equal to the latest version returns that version's receipt.
   */
  async submit(input: NewSubmission): Promise<SubmitOutcome> {
    // The report's JSON once: hashed and stored alike.
    const json = JSON.stringify(input.report);
    const s = { ...input, contentHash: input.contentHash ?? createHash('sha256').update(json).digest('hex') };
    return this.db.tx(async (db): Promise<SubmitOutcome> => {
      if (s.idempotencyKey) {
        const earlier = await db.get<SubmissionRecord>(
          `SELECT ${RECEIPT_COLUMNS} FROM submissions
          WHERE plan_id = ? AND period_id = ? AND agency_id = ? AND idempotency_key = ?`,
          [s.planId, s.periodId, s.agencyId, s.idempotencyKey],
        );
        // The same key with other content is a client bug: refused, and nothing is stored.
        if (earlier)
          return {
            kind: earlier.content_hash === s.contentHash ? 'replayed' : 'key-reused',
            receipt: toReceipt(earlier),
          };
      }
      // The receipt's columns only: reading the latest report body (kilobytes of JSON) on every submit cost 5% of the CPU.
      const latest = await db.get<SubmissionRecord>(
        `SELECT ${RECEIPT_COLUMNS} FROM submissions WHERE plan_id = ? AND period_id = ? AND agency_id = ?
        ORDER BY version DESC LIMIT 1`,
        [s.planId, s.periodId, s.agencyId],
      );
      if (latest && latest.content_hash === s.contentHash) return { kind: 'duplicate', receipt: toReceipt(latest) };
      const version = (latest?.version ?? 0) + 1;
      const onTime =
        typeof s.onTime !== 'function'
          ? s.onTime
          : s.onTime(
              latest
                ? { submissionId: latest.id, onTime: latest.on_time === 1, review: await latestReviewOn(db, latest.id) }
                : null,
            );
      await db.run(
        `INSERT INTO submissions (id, plan_id, period_id, agency_id, version, received_at, on_time, source, content_hash, idempotency_key,
        report_json, json_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          s.id,
          s.planId,
          s.periodId,
          s.agencyId,
          version,
          s.receivedAt,
          onTime ? 1 : 0,
          s.source,
          s.contentHash,
          s.idempotencyKey,
          json,
          REPORT.current,
        ],
      );
      return { kind: 'created', receipt: { submissionId: s.id, version, receivedAt: s.receivedAt, onTime } };
    });
  }
  async submission(planId: string, periodId: string, submissionId: string): Promise<SubmissionRow | null> {
    const row = await this.db.get<SubmissionRecord>(
      `SELECT ${ROW_COLUMNS} FROM submissions WHERE plan_id = ? AND period_id = ? AND id = ?`,
      [planId, periodId, submissionId],
    );
    return row ? toRow(row) : null;
  }
  /** An agency's latest version in one plan and period (metadata only, one row), or null. */
  async latestSubmission(planId: string, periodId: string, agencyId: string): Promise<SubmissionRow | null> {
    const row = await this.db.get<SubmissionRecord>(
      `SELECT ${ROW_COLUMNS} FROM submissions WHERE plan_id = ? AND period_id = ? AND agency_id = ?
      ORDER BY version DESC LIMIT 1`,
      [planId, periodId, agencyId],
    );
    return row ? toRow(row) : null;
  }
  /** An agency's versions in one plan and period, without their report bodies. */
  async history(planId: string, periodId: string, agencyId: string): Promise<SubmissionRow[]> {
    return (
      await this.db.all<SubmissionRecord>(
        `SELECT ${ROW_COLUMNS} FROM submissions WHERE plan_id = ? AND period_id = ? AND agency_id = ?
      ORDER BY version`,
        [planId, periodId, agencyId],
      )
    ).map(toRow);
  }
  /** The latest version's metadata per agency (no report bodies), for building the master. */
  async latestMeta(planId: string, periodId: string): Promise<Map<string, SubmissionRow>> {
    return byAgency(
      await this.db.all<SubmissionRecord>(
        `SELECT s.id, s.plan_id, s.period_id, s.agency_id, s.version, s.received_at, s.on_time,
      s.source, s.content_hash FROM submissions s JOIN (SELECT agency_id, MAX(version) AS version FROM submissions WHERE plan_id = ? AND period_id = ?
        GROUP BY agency_id) m ON s.agency_id = m.agency_id AND s.version = m.version WHERE s.plan_id = ? AND s.period_id = ?`,
        [planId, periodId, planId, periodId],
      ),
    );
  }
  /** Per agency, its latest version that the city accepted (metadata only). */
  async acceptedMeta(planId: string, periodId: string): Promise<Map<string, SubmissionRow>> {
    return byAgency(
      await this.db.all<SubmissionRecord>(
        `SELECT s.id, s.plan_id, s.period_id, s.agency_id, s.version, s.received_at, s.on_time,
      s.source, s.content_hash FROM submissions s WHERE s.plan_id = ? AND s.period_id = ?
        AND (SELECT decision FROM reviews r WHERE r.submission_id = s.id ORDER BY r.id DESC LIMIT 1) = 'accept' ORDER BY s.version`,
        [planId, periodId],
      ),
    );
  }
  /** A stored report, parsed with its schema (a damaged row is an error naming it, never a cast). */
  async report(submissionId: string): Promise<Report | null> {
    const row = await this.db.get<{ report_json: string; json_version: number }>(
      'SELECT report_json, json_version FROM submissions WHERE id = ?',
      [submissionId],
    );
    return row ? parseStored(REPORT, row.json_version, row.report_json, `submission ${submissionId}`) : null;
  }
  /** Per plan and period ("plan/period"), the sequence number (rowid) of the latest submission: a master built after it is current. */
  async submissionSeqs(): Promise<Map<string, number>> {
    const rows = await this.db.all<{ plan_id: string; period_id: string; seq: number }>(
      'SELECT plan_id, period_id, MAX(rowid) AS seq FROM submissions GROUP BY plan_id, period_id',
    );
    return new Map(rows.map((r) => [`${r.plan_id}/${r.period_id}`, r.seq]));
  }
  async submissionSeq(planId: string, periodId: string): Promise<number> {
    return (
      (await this.db.get<{ seq: number | null }>(
        'SELECT MAX(rowid) AS seq FROM submissions WHERE plan_id = ? AND period_id = ?',
        [planId, periodId],
      ))!.seq ?? 0
    );
  }
  async countSubmissions(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM submissions'))!.n;
  }
}
