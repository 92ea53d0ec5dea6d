// Google Sheets: each agency's sheet per plan and period (created or linked) with what its last pull found, and the
// published master's spreadsheet per plan and period.
import { z } from 'zod';
import type { WorkbookIssue, WorkbookIssueCode } from '../../shared/workbook/issue.ts';
import { Part } from './part.ts';
import { parseStored, shape } from './stored-json.ts';

export type PullStatus = 'stored' | 'unchanged' | 'same-content' | 'invalid' | 'refused' | 'failed';
/** An agency's Google Sheet for one plan and period, and what its last pull found. */
export interface GoogleSheetRow {
  planId: string;
  periodId: string;
  agencyId: string;
  spreadsheetId: string;
  origin: 'created' | 'linked';
  registeredAt: string;
  modifiedTime: string | null;
  pulledAt: string | null;
  pullStatus: PullStatus | null;
  pullIssues: WorkbookIssue[];
  pullError: string | null;
}
export interface GoogleMasterRow {
  spreadsheetId: string;
  publishedSeq: number;
  publishedAt: string | null;
}

/** A pull's findings as stored: the shared Finding shape at a cell (its code is worded by shared/workbook/issue.ts). */
const ISSUES = shape<WorkbookIssue[]>(
  z.array(
    z.object({
      code: z.custom<WorkbookIssueCode>((v) => typeof v === 'string'),
      severity: z.enum(['error', 'warning']),
      at: z.object({ sheet: z.string(), cell: z.string(), field: z.string().optional() }),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
);
type GoogleSheetRecord = {
  plan_id: string;
  period_id: string;
  agency_id: string;
  spreadsheet_id: string;
  origin: 'created' | 'linked';
  registered_at: string;
  modified_time: string | null;
  pulled_at: string | null;
  pull_status: PullStatus | null;
  pull_issues_json: string;
  pull_error: string | null;
  json_version: number;
};
const toSheetRow = (r: GoogleSheetRecord): GoogleSheetRow => ({
  planId: r.plan_id,
  periodId: r.period_id,
  agencyId: r.agency_id,
  spreadsheetId: r.spreadsheet_id,
  origin: r.origin,
  registeredAt: r.registered_at,
  modifiedTime: r.modified_time,
  pulledAt: r.pulled_at,
  pullStatus: r.pull_status,
  pullIssues: parseStored(
    ISSUES,
    r.json_version,
    r.pull_issues_json,
    `pull findings of ${r.plan_id}/${r.period_id}/${r.agency_id}`,
  ),
  pullError: r.pull_error,
});

export class GoogleRows extends Part {
  /** Registers (or re-registers) an agency's sheet; a new spreadsheet forgets what the old one's pulls found. */
  async registerGoogleSheet(r: {
    planId: string;
    periodId: string;
    agencyId: string;
    spreadsheetId: string;
    origin: 'created' | 'linked';
    at: string;
  }): Promise<void> {
    await this.db.run(
      `INSERT INTO google_sheets (plan_id, period_id, agency_id, spreadsheet_id, origin, registered_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (plan_id, period_id, agency_id) DO UPDATE SET spreadsheet_id = excluded.spreadsheet_id, origin = excluded.origin,
        registered_at = excluded.registered_at, modified_time = NULL, pulled_at = NULL, pull_status = NULL, pull_issues_json = '[]', pull_error = NULL`,
      [r.planId, r.periodId, r.agencyId, r.spreadsheetId, r.origin, r.at],
    );
  }
  async googleSheets(planId: string, periodId: string): Promise<GoogleSheetRow[]> {
    return (
      await this.db.all<GoogleSheetRecord>(
        'SELECT * FROM google_sheets WHERE plan_id = ? AND period_id = ? ORDER BY agency_id',
        [planId, periodId],
      )
    ).map(toSheetRow);
  }
  /** Every registered sheet of every period, for the scheduled pull. */
  async googleSheetPeriods(): Promise<{ planId: string; periodId: string }[]> {
    return (
      await this.db.all<{ plan_id: string; period_id: string }>(
        'SELECT DISTINCT plan_id, period_id FROM google_sheets ORDER BY plan_id, period_id',
      )
    ).map((r) => ({ planId: r.plan_id, periodId: r.period_id }));
  }
  /** What a pull found; the Drive modifiedTime is kept only when the content was read (so a failed read is tried again). */
  async recordPull(r: {
    planId: string;
    periodId: string;
    agencyId: string;
    at: string;
    status: PullStatus;
    modifiedTime: string | null;
    issues?: WorkbookIssue[];
    error?: string | null;
  }): Promise<void> {
    await this.db.run(
      `UPDATE google_sheets SET pulled_at = ?, pull_status = ?, modified_time = COALESCE(?, modified_time), pull_issues_json = ?,
      pull_error = ?, json_version = ? WHERE plan_id = ? AND period_id = ? AND agency_id = ?`,
      [
        r.at,
        r.status,
        r.modifiedTime,
        JSON.stringify(r.issues ?? []),
        r.error ?? null,
        ISSUES.current,
        r.planId,
        r.periodId,
        r.agencyId,
      ],
    );
  }
  /** A pull that found the sheet unchanged: only the time moves; what the last read found (its issues) stays shown. */
  async touchPull(r: { planId: string; periodId: string; agencyId: string; at: string }): Promise<void> {
    await this.db.run('UPDATE google_sheets SET pulled_at = ? WHERE plan_id = ? AND period_id = ? AND agency_id = ?', [
      r.at,
      r.planId,
      r.periodId,
      r.agencyId,
    ]);
  }
  async googleMaster(planId: string, periodId: string): Promise<GoogleMasterRow | null> {
    const row = await this.db.get<{ spreadsheet_id: string; published_seq: number; published_at: string | null }>(
      'SELECT spreadsheet_id, published_seq, published_at FROM google_masters WHERE plan_id = ? AND period_id = ?',
      [planId, periodId],
    );
    return row
      ? { spreadsheetId: row.spreadsheet_id, publishedSeq: row.published_seq, publishedAt: row.published_at }
      : null;
  }
  async saveGoogleMaster(r: {
    planId: string;
    periodId: string;
    spreadsheetId: string;
    publishedSeq: number;
    at: string | null;
  }): Promise<void> {
    await this.db.run(
      `INSERT INTO google_masters (plan_id, period_id, spreadsheet_id, published_seq, published_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (plan_id, period_id) DO UPDATE SET spreadsheet_id = excluded.spreadsheet_id, published_seq = excluded.published_seq,
        published_at = excluded.published_at`,
      [r.planId, r.periodId, r.spreadsheetId, r.publishedSeq, r.at],
    );
  }
}
