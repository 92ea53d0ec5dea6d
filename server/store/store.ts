// The store: the plan, access codes, periods and append-only submissions, in one SQLite file (WAL).
import Database from 'better-sqlite3';
import { Plan } from '../../shared/domain/plan.ts';
import type { Period } from '../../shared/domain/period.ts';
import { Report } from '../../shared/domain/report.ts';
import type { z } from 'zod';
import { MIGRATIONS } from './schema.ts';

export type PeriodState = 'open' | 'closed' | 'locked';
export interface StoredPeriod extends Period { state: PeriodState }
export type SubmissionSource = 'excel-addin' | 'sheets-addon' | 'upload' | 'pull';

export interface Receipt { submissionId: string; version: number; receivedAt: string; onTime: boolean }
export interface SubmissionRow extends Receipt { periodId: string; agencyId: string; source: SubmissionSource; contentHash: string }
export interface NewSubmission {
  id: string;
  periodId: string;
  agencyId: string;
  receivedAt: string;
  onTime: boolean;
  source: SubmissionSource;
  contentHash: string;
  idempotencyKey: string | null;
  report: Report;
}
export type SubmitOutcome = { kind: 'created' | 'replayed' | 'duplicate'; receipt: Receipt } | { kind: 'key-reused'; receipt: Receipt };

interface SubmissionRecord {
  id: string; period_id: string; agency_id: string; version: number; received_at: string; on_time: number; source: SubmissionSource;
  content_hash: string; report_json: string;
}
interface PeriodRecord { id: string; kind: Period['kind']; year: number; data_from: string; data_to: string; due_before: string; due_at: string; state: PeriodState }

const toReceipt = (r: SubmissionRecord): Receipt => ({ submissionId: r.id, version: r.version, receivedAt: r.received_at, onTime: r.on_time === 1 });
const toRow = (r: SubmissionRecord): SubmissionRow => ({ ...toReceipt(r), periodId: r.period_id, agencyId: r.agency_id, source: r.source, contentHash: r.content_hash });
const toPeriod = (r: PeriodRecord): StoredPeriod => ({ id: r.id, kind: r.kind, year: r.year, dataFrom: r.data_from, dataTo: r.data_to, dueBefore: r.due_before, dueAt: r.due_at, state: r.state });

/** Thrown when what the store holds no longer matches its schema. */
export class StoreDamaged extends Error {}

function parseStored<S extends z.ZodType>(schema: S, json: string, what: string): z.infer<S> {
  let value: unknown;
  try { value = JSON.parse(json); } catch { throw new StoreDamaged(`stored ${what} is not JSON`); }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreDamaged(`stored ${what} does not match its schema at "${parsed.error.issues[0]!.path.join('.')}"`);
  return parsed.data;
}

export class Store {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once per store. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) { statement = this.db.prepare(text); this.statements.set(text, statement); }
    return statement;
  }

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the process being killed; FULL would also survive power loss.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate() {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  close() { this.db.close(); }

  /** Runs `fn` in one write transaction. */
  transaction<T>(fn: () => T): T { return this.db.transaction(fn).immediate(); }

  // --- plan -------------------------------------------------------------------------------
  plan(): { plan: Plan; planKey: string } | null {
    const row = this.sql('SELECT plan_json, plan_key FROM plan WHERE id = 1').get() as { plan_json: string; plan_key: string } | undefined;
    return row ? { plan: parseStored(Plan, row.plan_json, 'plan'), planKey: row.plan_key } : null;
  }
  savePlan(plan: Plan, planKey: string, sourceName: string, at: string) {
    this.sql(`INSERT INTO plan (id, plan_json, plan_key, source_name, imported_at) VALUES (1, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET plan_json = excluded.plan_json, plan_key = excluded.plan_key, source_name = excluded.source_name, imported_at = excluded.imported_at`)
      .run(JSON.stringify(plan), planKey, sourceName, at);
  }

  // --- access codes -----------------------------------------------------------------------
  findCode(hash: string): { role: 'admin' | 'agency'; agencyId: string | null; hash: string } | null {
    const row = this.sql('SELECT role, agency_id, code_hash FROM access_codes WHERE code_hash = ? AND revoked_at IS NULL').get(hash) as
      { role: 'admin' | 'agency'; agency_id: string | null; code_hash: string } | undefined;
    return row ? { role: row.role, agencyId: row.agency_id, hash: row.code_hash } : null;
  }
  /** Stores a new code's hash, revoking the role's (or agency's) previous ones. */
  issueCode(role: 'admin' | 'agency', agencyId: string | null, hash: string, at: string) {
    this.transaction(() => {
      this.sql(`UPDATE access_codes SET revoked_at = ? WHERE revoked_at IS NULL AND role = ? AND agency_id IS ?`).run(at, role, agencyId);
      this.sql('INSERT INTO access_codes (role, agency_id, code_hash, created_at) VALUES (?, ?, ?, ?)').run(role, agencyId, hash, at);
    });
  }
  revokeCodes(agencyId: string, at: string): number {
    return this.sql('UPDATE access_codes SET revoked_at = ? WHERE revoked_at IS NULL AND agency_id = ?').run(at, agencyId).changes;
  }
  codeStatus(): Map<string, { issuedAt: string; active: boolean }> {
    const rows = this.sql(`SELECT agency_id, MAX(created_at) AS issued_at, SUM(revoked_at IS NULL) AS active
      FROM access_codes WHERE role = 'agency' GROUP BY agency_id`).all() as { agency_id: string; issued_at: string; active: number }[];
    return new Map(rows.map((r) => [r.agency_id, { issuedAt: r.issued_at, active: r.active > 0 }]));
  }
  hasAdmin(): boolean {
    return this.sql(`SELECT 1 FROM access_codes WHERE role = 'admin' AND revoked_at IS NULL`).get() !== undefined;
  }

  // --- periods ----------------------------------------------------------------------------
  periods(): StoredPeriod[] {
    return (this.sql('SELECT * FROM periods ORDER BY due_before, id').all() as PeriodRecord[]).map(toPeriod);
  }
  period(id: string): StoredPeriod | null {
    const row = this.sql('SELECT * FROM periods WHERE id = ?').get(id) as PeriodRecord | undefined;
    return row ? toPeriod(row) : null;
  }
  /** Opens a period; an existing one keeps its state. Returns whether it was new. */
  openPeriod(p: Period, at: string): boolean {
    return this.sql(`INSERT INTO periods (id, kind, year, data_from, data_to, due_before, due_at, state, opened_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT (id) DO NOTHING`)
      .run(p.id, p.kind, p.year, p.dataFrom, p.dataTo, p.dueBefore, p.dueAt, at, at).changes === 1;
  }
  /** Deletes a period that has no submission; false when it has some (submissions are never deleted). */
  deletePeriod(id: string): boolean {
    return this.sql('DELETE FROM periods WHERE id = ? AND NOT EXISTS (SELECT 1 FROM submissions WHERE period_id = ?)').run(id, id).changes === 1;
  }
  setPeriodState(id: string, state: PeriodState, at: string): boolean {
    return this.sql('UPDATE periods SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id).changes === 1;
  }

  // --- submissions (append-only) ----------------------------------------------------------
  /**
   * Records a submission as the next version, in one transaction: a known idempotency key returns
   * the first receipt; content equal to the latest version returns that version's receipt.
   */
  submit(s: NewSubmission): SubmitOutcome {
    return this.transaction(() => {
      if (s.idempotencyKey) {
        const earlier = this.sql('SELECT * FROM submissions WHERE period_id = ? AND agency_id = ? AND idempotency_key = ?').get(s.periodId, s.agencyId, s.idempotencyKey) as SubmissionRecord | undefined;
        // The same key with other content is a client bug: refused, and nothing is stored.
        if (earlier) return { kind: earlier.content_hash === s.contentHash ? 'replayed' as const : 'key-reused' as const, receipt: toReceipt(earlier) };
      }
      const latest = this.sql('SELECT * FROM submissions WHERE period_id = ? AND agency_id = ? ORDER BY version DESC LIMIT 1').get(s.periodId, s.agencyId) as SubmissionRecord | undefined;
      if (latest && latest.content_hash === s.contentHash) return { kind: 'duplicate' as const, receipt: toReceipt(latest) };
      const version = (latest?.version ?? 0) + 1;
      this.sql(`INSERT INTO submissions (id, period_id, agency_id, version, received_at, on_time, source, content_hash, idempotency_key, report_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(s.id, s.periodId, s.agencyId, version, s.receivedAt, s.onTime ? 1 : 0, s.source, s.contentHash, s.idempotencyKey, JSON.stringify(s.report));
      return { kind: 'created' as const, receipt: { submissionId: s.id, version, receivedAt: s.receivedAt, onTime: s.onTime } };
    });
  }
  history(periodId: string, agencyId: string): SubmissionRow[] {
    return (this.sql('SELECT * FROM submissions WHERE period_id = ? AND agency_id = ? ORDER BY version').all(periodId, agencyId) as SubmissionRecord[]).map(toRow);
  }
  /** The latest version's metadata per agency (no report bodies), for building the master. */
  latestMeta(periodId: string): Map<string, SubmissionRow & { reportBytes: number }> {
    const rows = this.sql(`SELECT s.id, s.period_id, s.agency_id, s.version, s.received_at, s.on_time, s.source, s.content_hash, length(s.report_json) AS report_bytes
      FROM submissions s JOIN (SELECT agency_id, MAX(version) AS version FROM submissions WHERE period_id = ? GROUP BY agency_id) m
        ON s.agency_id = m.agency_id AND s.version = m.version WHERE s.period_id = ?`).all(periodId, periodId) as (SubmissionRecord & { report_bytes: number })[];
    return new Map(rows.map((r) => [r.agency_id, { ...toRow(r), reportBytes: r.report_bytes }]));
  }
  /** A stored report, parsed with its schema (a damaged row is an error naming it, never a cast). */
  report(submissionId: string): Report | null {
    const row = this.sql('SELECT report_json FROM submissions WHERE id = ?').get(submissionId) as { report_json: string } | undefined;
    return row ? parseStored(Report, row.report_json, `submission ${submissionId}`) : null;
  }
  /** Per period, the sequence number (rowid) of its latest submission: a master built after it is current. */
  submissionSeqs(): Map<string, number> {
    const rows = this.sql('SELECT period_id, MAX(rowid) AS seq FROM submissions GROUP BY period_id').all() as { period_id: string; seq: number }[];
    return new Map(rows.map((r) => [r.period_id, r.seq]));
  }
  submissionSeq(periodId: string): number {
    return (this.sql('SELECT MAX(rowid) AS seq FROM submissions WHERE period_id = ?').get(periodId) as { seq: number | null }).seq ?? 0;
  }
  countSubmissions(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
  }
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }
}
