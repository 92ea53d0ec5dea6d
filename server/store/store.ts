// The store: plans, access codes, periods and append-only submissions per (plan, period, agency), the audit log
// and the directories, in one SQLite file (WAL).
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import { Plan } from '../../shared/domain/plan.ts';
import type { Period } from '../../shared/domain/period.ts';
import { Report } from '../../shared/domain/report.ts';
import { Directory } from '../../shared/directory/agency.ts';
import { PlanCorrections } from '../../shared/plan/corrections.ts';
import { MIGRATIONS } from './schema.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';

export type PeriodState = 'open' | 'closed' | 'locked';
export interface StoredPeriod extends Period { state: PeriodState; /** The master is built from accepted versions only. */ masterAcceptedOnly: boolean }
export type { SubmissionSource } from '../../shared/api/contract.ts';
import type { SubmissionSource } from '../../shared/api/contract.ts';
export type PlanState = 'draft' | 'published' | 'archived';
export type CodeRole = 'coordinator' | 'viewer' | 'agency';
/** A comment of a review, pinned to a task row, a measure or a cell. */
export interface ReviewComment { taskId?: string; measureId?: string; cell?: string; text: string }
export interface StoredReview { decision: 'accept' | 'return'; comment: string; comments: ReviewComment[]; resubmitBy: string | null; actor: string; at: string }

export interface Receipt { submissionId: string; version: number; receivedAt: string; onTime: boolean }
export interface SubmissionRow extends Receipt { planId: string; periodId: string; agencyId: string; source: SubmissionSource; contentHash: string }
export interface NewSubmission {
  id: string;
  planId: string;
  periodId: string;
  agencyId: string;
  receivedAt: string;
  source: SubmissionSource;
  /**
   * Whether the version is on time, or how to tell from the agency's latest version as the transaction reads it (a
   * returned report resubmitted by its date keeps that version's timing).
   */
  onTime: boolean | ((latest: { submissionId: string; onTime: boolean } | null) => boolean);
  /** What identifies the content (a repeat of the latest is not a new version); by default the SHA-256 of the report's JSON. */
  contentHash?: string;
  idempotencyKey: string | null;
  report: Report;
}
export type SubmitOutcome = { kind: 'created' | 'replayed' | 'duplicate'; receipt: Receipt } | { kind: 'key-reused'; receipt: Receipt };

/** A plan's row without its source bytes. */
export interface PlanSummary {
  id: string; state: PlanState; sourceName: string; sourceHash: string | null; directoryId: string; planKey: string;
  createdAt: string; updatedAt: string; publishedAt: string | null; archivedAt: string | null;
}
export interface StoredPlan extends PlanSummary { read: Plan; corrections: PlanCorrections; plan: Plan }
/** A plan as its object, or as its JSON text already (from the plan reader's worker). */
export type PlanValue = Plan | string;
const planJson = (p: PlanValue) => (typeof p === 'string' ? p : JSON.stringify(p));
export interface NewPlan { id: string; sourceName: string; sourceBytes: Uint8Array; sourceHash: string; directoryId: string; read: PlanValue; plan: PlanValue; planKey: string; at: string }
export interface AuditEntry { id: number; at: string; actor: string; action: string; planId: string | null; subject: string | null; before: unknown; after: unknown }

interface SubmissionRecord {
  id: string; plan_id: string; period_id: string; agency_id: string; version: number; received_at: string; on_time: number; source: SubmissionSource;
  content_hash: string; report_json: string;
}
interface PeriodRecord { plan_id: string; id: string; kind: Period['kind']; year: number; data_from: string; data_to: string; due_before: string; due_at: string; state: PeriodState; master_accepted_only: number }
interface PlanRecord {
  id: string; state: PlanState; source_name: string; source_hash: string | null; directory_id: string; plan_key: string;
  created_at: string; updated_at: string; published_at: string | null; archived_at: string | null;
  read_json?: string; corrections_json?: string; plan_json?: string;
}

/** What a receipt and a content comparison need of a submission row (never its report body). */
const RECEIPT_COLUMNS = 'id, version, received_at, on_time, content_hash';
const toReceipt = (r: Pick<SubmissionRecord, 'id' | 'version' | 'received_at' | 'on_time'>): Receipt => ({ submissionId: r.id, version: r.version, receivedAt: r.received_at, onTime: r.on_time === 1 });
const toRow = (r: SubmissionRecord): SubmissionRow => ({ ...toReceipt(r), planId: r.plan_id, periodId: r.period_id, agencyId: r.agency_id, source: r.source, contentHash: r.content_hash });
const toPeriod = (r: PeriodRecord): StoredPeriod => ({ id: r.id, kind: r.kind, year: r.year, dataFrom: r.data_from, dataTo: r.data_to, dueBefore: r.due_before, dueAt: r.due_at, state: r.state, masterAcceptedOnly: r.master_accepted_only === 1 });
const toSummary = (r: PlanRecord): PlanSummary => ({ id: r.id, state: r.state, sourceName: r.source_name, sourceHash: r.source_hash, directoryId: r.directory_id,
  planKey: r.plan_key, createdAt: r.created_at, updatedAt: r.updated_at, publishedAt: r.published_at, archivedAt: r.archived_at });
const PLAN_COLUMNS = 'id, state, source_name, source_hash, directory_id, plan_key, created_at, updated_at, published_at, archived_at';

/** Thrown when what the store holds no longer matches its schema. */
export type PullStatus = 'stored' | 'unchanged' | 'same-content' | 'invalid' | 'refused' | 'failed';
/** An agency's Google Sheet for one plan and period, and what its last pull found. */
export interface GoogleSheetRow {
  planId: string; periodId: string; agencyId: string; spreadsheetId: string; origin: 'created' | 'linked'; registeredAt: string;
  modifiedTime: string | null; pulledAt: string | null; pullStatus: PullStatus | null; pullIssues: WorkbookIssue[]; pullError: string | null;
}
type GoogleSheetRecord = { plan_id: string; period_id: string; agency_id: string; spreadsheet_id: string; origin: 'created' | 'linked'; registered_at: string;
  modified_time: string | null; pulled_at: string | null; pull_status: PullStatus | null; pull_issues_json: string; pull_error: string | null };
const toSheetRow = (r: GoogleSheetRecord): GoogleSheetRow => ({ planId: r.plan_id, periodId: r.period_id, agencyId: r.agency_id, spreadsheetId: r.spreadsheet_id,
  origin: r.origin, registeredAt: r.registered_at, modifiedTime: r.modified_time, pulledAt: r.pulled_at, pullStatus: r.pull_status,
  pullIssues: JSON.parse(r.pull_issues_json) as WorkbookIssue[], pullError: r.pull_error });

export class StoreDamaged extends Error {}

function parseStored<S extends z.ZodType>(schema: S, json: string, what: string): z.infer<S> {
  let value: unknown;
  try { value = JSON.parse(json); } catch { throw new StoreDamaged(`stored ${what} is not JSON`); }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreDamaged(`stored ${what} does not match its schema at "${parsed.error.issues[0]!.path.join('.')}"`);
  return parsed.data;
}

/** The table an INSERT, REPLACE, UPDATE or DELETE statement writes ('*' when it cannot be told). */
const WRITTEN_TABLE = /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(\w+)/i;

export class Store {
  private readonly db: Database.Database;
  /** One transaction wrapper for every transaction (making one per call showed in the submission profile). */
  private readonly inTransaction: Database.Transaction<(fn: () => unknown) => unknown>;
  private readonly statements = new Map<string, { statement: Database.Statement; writes: string | null }>();

  /** A prepared statement, prepared once per store; one that writes a table forgets that table's memoised reads. */
  private sql(text: string): Database.Statement {
    let entry = this.statements.get(text);
    if (!entry) {
      const statement = this.db.prepare(text);
      entry = { statement, writes: statement.reader ? null : (WRITTEN_TABLE.exec(text)?.[1] ?? '*') };
      this.statements.set(text, entry);
    }
    if (entry.writes === '*') this.memo.clear(); else if (entry.writes) this.memo.delete(entry.writes);
    return entry.statement;
  }

  /**
   * Small reads that every request makes (a plan's row, a period, an access code) memoised per table: forgotten when this
   * connection writes the table (see sql) or when any other connection has committed anything (SQLite's data_version: a
   * CLI command beside the service). Values are frozen, as they are shared.
   */
  private readonly memo = new Map<string, Map<string, unknown>>();
  private dataVersion = -1;
  private versionChecked = false;
  private memoised<T extends object | null>(table: string, key: string, read: () => T): T {
    // data_version is asked once per synchronous run of the caller (a request's handling between two awaits): another
    // process's commit during that run is as if it came just after it. It was a fourth of these reads' cost.
    if (!this.versionChecked) {
      this.versionChecked = true;
      queueMicrotask(() => { this.versionChecked = false; });
      const version = this.sql('PRAGMA data_version').pluck().get() as number;
      if (version !== this.dataVersion) { this.memo.clear(); this.dataVersion = version; }
    }
    let byKey = this.memo.get(table);
    if (!byKey) { byKey = new Map(); this.memo.set(table, byKey); }
    if (byKey.has(key)) return byKey.get(key) as T;
    const value = read();
    // Bounded: unknown keys (wrong access codes) must not grow it without end.
    if (byKey.size >= 10_000) byKey.clear();
    byKey.set(key, value === null ? null : Object.freeze(value));
    return value;
  }

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the process being killed; FULL would also survive power loss.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.db.pragma('foreign_keys = ON');
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
  }

  /** Applies the pending migrations, each in one transaction; tables are rebuilt with foreign keys off, then checked. */
  private migrate() {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version >= MIGRATIONS.length) return;
    this.db.pragma('foreign_keys = OFF');
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        const step = MIGRATIONS[v]!;
        if (typeof step === 'string') this.db.exec(step); else step(this.db);
        const broken = this.db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new StoreDamaged(`migration ${v + 1} leaves ${broken.length} broken references`);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  close() { this.db.close(); }

  /**
   * Leaves checkpoints (copying the WAL into the database file, with an fsync) to another connection — the master
   * worker checkpoints after each build — and keeps only a far limit here, so the service's thread rarely does one
   * in the middle of a request. Default SQLite: every 1,000 pages.
   */
  checkpointOnlyPast(pages: number): void { this.db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(pages))}`); }
  /** Copies what it can of the WAL into the database file without waiting for readers or writers. */
  checkpoint(): void { this.db.pragma('wal_checkpoint(PASSIVE)'); }

  /** Runs `fn` in one write transaction. */
  transaction<T>(fn: () => T): T {
    try {
      return this.inTransaction.immediate(fn) as T;
    } catch (error) {
      // Rolled back: a read memoised inside it may hold what was never committed.
      this.memo.clear();
      throw error;
    }
  }

  // --- plans ------------------------------------------------------------------------------
  plans(): PlanSummary[] {
    return (this.sql(`SELECT ${PLAN_COLUMNS} FROM plans ORDER BY created_at, id`).all() as PlanRecord[]).map(toSummary);
  }
  planSummary(id: string): PlanSummary | null {
    return this.memoised('plans', id, () => {
      const row = this.sql(`SELECT ${PLAN_COLUMNS} FROM plans WHERE id = ?`).get(id) as PlanRecord | undefined;
      return row ? toSummary(row) : null;
    });
  }
  plan(id: string): StoredPlan | null {
    const row = this.sql(`SELECT ${PLAN_COLUMNS}, read_json, corrections_json, plan_json FROM plans WHERE id = ?`).get(id) as PlanRecord | undefined;
    if (!row) return null;
    return { ...toSummary(row), read: parseStored(Plan, row.read_json!, `plan ${id} (as read)`),
      corrections: parseStored(PlanCorrections, row.corrections_json!, `corrections of plan ${id}`), plan: parseStored(Plan, row.plan_json!, `plan ${id}`) };
  }
  /** A plan's row with its corrections, without the plans as read and as corrected (a correction needs no more). */
  planCorrections(id: string): (PlanSummary & { corrections: PlanCorrections }) | null {
    const row = this.sql(`SELECT ${PLAN_COLUMNS}, corrections_json FROM plans WHERE id = ?`).get(id) as PlanRecord | undefined;
    return row ? { ...toSummary(row), corrections: parseStored(PlanCorrections, row.corrections_json!, `corrections of plan ${id}`) } : null;
  }
  /** Every plan's identity (number, title, date) as corrected, read by SQLite from its JSON: the list of plans parses no plan. */
  planHeads(): Map<string, { number: string | null; title: string; date: string | null }> {
    const rows = this.sql(`SELECT id, json_extract(plan_json, '$.plan.number') AS number, json_extract(plan_json, '$.plan.title') AS title,
      json_extract(plan_json, '$.plan.date') AS date FROM plans`).all() as { id: string; number: unknown; title: unknown; date: unknown }[];
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return new Map(rows.map((r) => [r.id, { number: text(r.number), title: text(r.title) ?? '', date: text(r.date) }]));
  }
  /**
   * A digest of what a plan's context is made from — its plan JSON, state and stored directory — without parsing them:
   * equal digests, equal contexts (the master worker keeps the parsed context while the digest holds).
   */
  planDigest(id: string): string | null {
    const row = this.sql('SELECT plan_json, state, directory_id FROM plans WHERE id = ?').get(id) as { plan_json: string; state: string; directory_id: string } | undefined;
    if (!row) return null;
    const directory = this.sql('SELECT directory_json FROM directories WHERE id = ?').get(row.directory_id) as { directory_json: string } | undefined;
    return createHash('sha256').update(row.plan_json).update(`\0${row.state}\0${row.directory_id}\0`).update(directory?.directory_json ?? 'bundled').digest('base64');
  }
  /** A plan as it is now (corrections applied), without the plan as read and its corrections: what a plan context needs. */
  currentPlan(id: string): (PlanSummary & { plan: Plan }) | null {
    const row = this.sql(`SELECT ${PLAN_COLUMNS}, plan_json FROM plans WHERE id = ?`).get(id) as PlanRecord | undefined;
    return row ? { ...toSummary(row), plan: parseStored(Plan, row.plan_json!, `plan ${id}`) } : null;
  }
  planSource(id: string): { name: string; bytes: Uint8Array } | null {
    const row = this.sql('SELECT source_name, source_bytes FROM plans WHERE id = ?').get(id) as { source_name: string; source_bytes: Buffer | null } | undefined;
    return row?.source_bytes ? { name: row.source_name, bytes: new Uint8Array(row.source_bytes) } : null;
  }
  insertPlan(p: NewPlan): void {
    this.sql(`INSERT INTO plans (id, state, source_name, source_bytes, source_hash, directory_id, read_json, corrections_json, plan_json, plan_key, created_at, updated_at)
      VALUES (?, 'draft', ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?)`)
      .run(p.id, p.sourceName, Buffer.from(p.sourceBytes), p.sourceHash, p.directoryId, planJson(p.read), planJson(p.plan), p.planKey, p.at, p.at);
  }
  /** Stores what the parser read again (a re-read), the corrections and the plan in force that follows from them. */
  updatePlan(id: string, u: { read?: PlanValue; corrections: PlanCorrections; plan: PlanValue; planKey: string; directoryId: string; at: string }): void {
    this.sql(`UPDATE plans SET read_json = COALESCE(?, read_json), corrections_json = ?, plan_json = ?, plan_key = ?, directory_id = ?, updated_at = ? WHERE id = ?`)
      .run(u.read ? planJson(u.read) : null, JSON.stringify(u.corrections), planJson(u.plan), u.planKey, u.directoryId, u.at, id);
  }
  setPlanState(id: string, state: PlanState, at: string): void {
    const column = state === 'published' ? 'published_at' : state === 'archived' ? 'archived_at' : 'updated_at';
    this.sql(`UPDATE plans SET state = ?, updated_at = ?, ${column} = ? WHERE id = ?`).run(state, at, at, id);
  }
  planIdTaken(id: string): boolean {
    return this.sql('SELECT 1 FROM plans WHERE id = ?').get(id) !== undefined;
  }

  // --- directories --------------------------------------------------------------------------
  directories(): Directory[] {
    return (this.sql('SELECT id, directory_json FROM directories ORDER BY id').all() as { id: string; directory_json: string }[])
      .map((r) => parseStored(Directory, r.directory_json, `directory ${r.id}`));
  }
  directory(id: string): Directory | null {
    const row = this.sql('SELECT directory_json FROM directories WHERE id = ?').get(id) as { directory_json: string } | undefined;
    return row ? parseStored(Directory, row.directory_json, `directory ${id}`) : null;
  }
  saveDirectory(directory: Directory, at: string): void {
    this.sql(`INSERT INTO directories (id, directory_json, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET directory_json = excluded.directory_json, updated_at = excluded.updated_at`).run(directory.id, JSON.stringify(directory), at);
  }

  // --- audit log (append-only) --------------------------------------------------------------
  audit(e: Omit<AuditEntry, 'id'>): void {
    this.sql('INSERT INTO audit_log (at, actor, action, plan_id, subject, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.planId, e.subject, e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after));
  }
  auditLog(limit = 200, planId?: string): AuditEntry[] {
    const rows = (planId
      ? this.sql('SELECT * FROM audit_log WHERE plan_id = ? ORDER BY id DESC LIMIT ?').all(planId, limit)
      : this.sql('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit)) as
      { id: number; at: string; actor: string; action: string; plan_id: string | null; subject: string | null; before_json: string | null; after_json: string | null }[];
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, planId: r.plan_id, subject: r.subject,
      before: r.before_json === null ? null : JSON.parse(r.before_json), after: r.after_json === null ? null : JSON.parse(r.after_json) }));
  }

  // --- access codes and staff accounts -----------------------------------------------------
  findCode(hash: string): { id: number; role: CodeRole; agencyId: string | null; hash: string; label: string | null } | null {
    return this.memoised('access_codes', hash, () => {
      const row = this.sql('SELECT id, role, agency_id, code_hash, label FROM access_codes WHERE code_hash = ? AND revoked_at IS NULL').get(hash) as
        { id: number; role: CodeRole; agency_id: string | null; code_hash: string; label: string | null } | undefined;
      return row ? { id: row.id, role: row.role, agencyId: row.agency_id, hash: row.code_hash, label: row.label } : null;
    });
  }
  /** Stores an agency's new code's hash, revoking its previous ones (one code per agency). */
  issueCode(role: 'agency', agencyId: string, hash: string, at: string) {
    this.transaction(() => {
      this.sql(`UPDATE access_codes SET revoked_at = ? WHERE revoked_at IS NULL AND role = 'agency' AND agency_id = ?`).run(at, agencyId);
      this.sql('INSERT INTO access_codes (role, agency_id, code_hash, created_at) VALUES (?, ?, ?, ?)').run(role, agencyId, hash, at);
    });
  }
  /** A named staff account (a coordinator or a viewer) with its token's hash; returns its id. */
  addAccount(role: 'coordinator' | 'viewer', label: string, hash: string, at: string): number {
    return Number(this.sql('INSERT INTO access_codes (role, label, code_hash, created_at) VALUES (?, ?, ?, ?)').run(role, label, hash, at).lastInsertRowid);
  }
  accounts(): { id: number; role: 'coordinator' | 'viewer'; name: string; createdAt: string; revokedAt: string | null }[] {
    return (this.sql(`SELECT id, role, label, created_at, revoked_at FROM access_codes WHERE role <> 'agency' ORDER BY id`).all() as
      { id: number; role: 'coordinator' | 'viewer'; label: string; created_at: string; revoked_at: string | null }[])
      .map((r) => ({ id: r.id, role: r.role, name: r.label, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }
  revokeAccount(id: number, at: string): boolean {
    return this.sql(`UPDATE access_codes SET revoked_at = ? WHERE id = ? AND role <> 'agency' AND revoked_at IS NULL`).run(at, id).changes === 1;
  }
  revokeCodes(agencyId: string, at: string): number {
    return this.sql('UPDATE access_codes SET revoked_at = ? WHERE revoked_at IS NULL AND agency_id = ?').run(at, agencyId).changes;
  }
  codeStatus(): Map<string, { issuedAt: string; active: boolean }> {
    const rows = this.sql(`SELECT agency_id, MAX(created_at) AS issued_at, SUM(revoked_at IS NULL) AS active
      FROM access_codes WHERE role = 'agency' GROUP BY agency_id`).all() as { agency_id: string; issued_at: string; active: number }[];
    return new Map(rows.map((r) => [r.agency_id, { issuedAt: r.issued_at, active: r.active > 0 }]));
  }
  activeCoordinators(): number {
    return (this.sql(`SELECT COUNT(*) AS n FROM access_codes WHERE role = 'coordinator' AND revoked_at IS NULL`).get() as { n: number }).n;
  }
  hasCoordinator(): boolean { return this.activeCoordinators() > 0; }

  // --- reminders -------------------------------------------------------------------------
  /** Claims a reminder before it is sent: false when it was claimed before (then it is not sent again). */
  claimReminder(r: { planId: string; periodId: string; agencyId: string; kind: string; day: string; recipients: string[]; at: string }): boolean {
    return this.sql(`INSERT INTO sent_reminders (plan_id, period_id, agency_id, kind, day, recipients, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`).run(r.planId, r.periodId, r.agencyId, r.kind, r.day, JSON.stringify(r.recipients), r.at).changes === 1;
  }
  staffEmails(role: 'coordinator' | 'viewer'): string[] {
    return (this.sql(`SELECT email FROM access_codes WHERE role = ? AND revoked_at IS NULL AND email IS NOT NULL`).all(role) as { email: string }[]).map((r) => r.email);
  }
  setAccountEmail(id: number, email: string | null): void {
    this.sql(`UPDATE access_codes SET email = ? WHERE id = ? AND role <> 'agency'`).run(email, id);
  }

  // --- reviews (append-only; the latest per submission is its state) ------------------------
  review(submissionId: string, r: { decision: 'accept' | 'return'; comment: string; comments: ReviewComment[]; resubmitBy: string | null; actor: string; at: string }): void {
    this.sql('INSERT INTO reviews (submission_id, decision, comment, comments_json, resubmit_by, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(submissionId, r.decision, r.comment, JSON.stringify(r.comments), r.resubmitBy, r.actor, r.at);
  }
  latestReview(submissionId: string): StoredReview | null {
    const row = this.sql('SELECT * FROM reviews WHERE submission_id = ? ORDER BY id DESC LIMIT 1').get(submissionId) as
      { decision: 'accept' | 'return'; comment: string; comments_json: string; resubmit_by: string | null; actor: string; at: string } | undefined;
    return row ? { decision: row.decision, comment: row.comment, comments: JSON.parse(row.comments_json) as ReviewComment[], resubmitBy: row.resubmit_by, actor: row.actor, at: row.at } : null;
  }
  /** The latest decision on each reviewed submission of a plan and period, in one query (the master's status column). */
  latestDecisions(planId: string, periodId: string): Map<string, 'accept' | 'return'> {
    // Driven by the reviews (few), not by the period's submissions (every version of every agency).
    const rows = this.sql(`SELECT submission_id, decision FROM reviews WHERE id IN (SELECT MAX(r.id) FROM reviews r CROSS JOIN submissions s ON s.id = r.submission_id
      WHERE s.plan_id = ? AND s.period_id = ? GROUP BY r.submission_id)`).all(planId, periodId) as
      { submission_id: string; decision: 'accept' | 'return' }[];
    return new Map(rows.map((r) => [r.submission_id, r.decision]));
  }
  submission(planId: string, periodId: string, submissionId: string): SubmissionRow | null {
    const row = this.sql(`SELECT id, plan_id, period_id, agency_id, version, received_at, on_time, source, content_hash FROM submissions
      WHERE plan_id = ? AND period_id = ? AND id = ?`).get(planId, periodId, submissionId) as SubmissionRecord | undefined;
    return row ? toRow(row) : null;
  }

  // --- periods (per plan) -------------------------------------------------------------------
  periods(planId: string): StoredPeriod[] {
    return (this.sql('SELECT * FROM periods WHERE plan_id = ? ORDER BY due_before, id').all(planId) as PeriodRecord[]).map(toPeriod);
  }
  period(planId: string, id: string): StoredPeriod | null {
    return this.memoised('periods', `${planId}\0${id}`, () => {
      const row = this.sql('SELECT * FROM periods WHERE plan_id = ? AND id = ?').get(planId, id) as PeriodRecord | undefined;
      return row ? toPeriod(row) : null;
    });
  }
  /** Opens a period; an existing one keeps its state. Returns whether it was new. */
  openPeriod(planId: string, p: Period, at: string): boolean {
    return this.sql(`INSERT INTO periods (plan_id, id, kind, year, data_from, data_to, due_before, due_at, state, opened_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT (plan_id, id) DO NOTHING`)
      .run(planId, p.id, p.kind, p.year, p.dataFrom, p.dataTo, p.dueBefore, p.dueAt, at, at).changes === 1;
  }
  /** Deletes a period that has no submission; false when it has some (submissions are never deleted). */
  deletePeriod(planId: string, id: string): boolean {
    return this.sql(`DELETE FROM periods WHERE plan_id = ? AND id = ? AND NOT EXISTS (SELECT 1 FROM submissions WHERE plan_id = ? AND period_id = ?)
      AND NOT EXISTS (SELECT 1 FROM google_sheets WHERE plan_id = ? AND period_id = ?) AND NOT EXISTS (SELECT 1 FROM google_masters WHERE plan_id = ? AND period_id = ?)`)
      .run(planId, id, planId, id, planId, id, planId, id).changes === 1;
  }
  setMasterAcceptedOnly(planId: string, id: string, on: boolean, at: string): void {
    this.sql('UPDATE periods SET master_accepted_only = ?, updated_at = ? WHERE plan_id = ? AND id = ?').run(on ? 1 : 0, at, planId, id);
  }
  /** Lets one agency submit to a locked period until a date (Vietnam), recorded with who granted it and why. */
  grantException(e: { planId: string; periodId: string; agencyId: string; until: string; reason: string; actor: string; at: string }): void {
    this.sql(`INSERT INTO period_exceptions (plan_id, period_id, agency_id, until, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (plan_id, period_id, agency_id) DO UPDATE SET until = excluded.until, reason = excluded.reason, actor = excluded.actor, at = excluded.at`)
      .run(e.planId, e.periodId, e.agencyId, e.until, e.reason, e.actor, e.at);
  }
  exception(planId: string, periodId: string, agencyId: string): { until: string; reason: string; actor: string } | null {
    return (this.sql('SELECT until, reason, actor FROM period_exceptions WHERE plan_id = ? AND period_id = ? AND agency_id = ?').get(planId, periodId, agencyId) as
      { until: string; reason: string; actor: string } | undefined) ?? null;
  }
  setPeriodState(planId: string, id: string, state: PeriodState, at: string): boolean {
    return this.sql('UPDATE periods SET state = ?, updated_at = ? WHERE plan_id = ? AND id = ?').run(state, at, planId, id).changes === 1;
  }

  // --- submissions (append-only) ----------------------------------------------------------
  /**
   * Records a submission as the next version, in one transaction: a known idempotency key returns
   * the first receipt; content equal to the latest version returns that version's receipt.
   */
  submit(input: NewSubmission): SubmitOutcome {
    // The report's JSON once: hashed and stored alike.
    const json = JSON.stringify(input.report);
    const s = { ...input, contentHash: input.contentHash ?? createHash('sha256').update(json).digest('hex') };
    return this.transaction(() => {
      if (s.idempotencyKey) {
        const earlier = this.sql(`SELECT ${RECEIPT_COLUMNS} FROM submissions WHERE plan_id = ? AND period_id = ? AND agency_id = ? AND idempotency_key = ?`)
          .get(s.planId, s.periodId, s.agencyId, s.idempotencyKey) as SubmissionRecord | undefined;
        // The same key with other content is a client bug: refused, and nothing is stored.
        if (earlier) return { kind: earlier.content_hash === s.contentHash ? 'replayed' as const : 'key-reused' as const, receipt: toReceipt(earlier) };
      }
      // The receipt's columns only: reading the latest report body (kilobytes of JSON) on every submit cost 5% of the CPU.
      const latest = this.sql(`SELECT ${RECEIPT_COLUMNS} FROM submissions WHERE plan_id = ? AND period_id = ? AND agency_id = ? ORDER BY version DESC LIMIT 1`)
        .get(s.planId, s.periodId, s.agencyId) as SubmissionRecord | undefined;
      if (latest && latest.content_hash === s.contentHash) return { kind: 'duplicate' as const, receipt: toReceipt(latest) };
      const version = (latest?.version ?? 0) + 1;
      const onTime = typeof s.onTime === 'function' ? s.onTime(latest ? { submissionId: latest.id, onTime: latest.on_time === 1 } : null) : s.onTime;
      this.sql(`INSERT INTO submissions (id, plan_id, period_id, agency_id, version, received_at, on_time, source, content_hash, idempotency_key, report_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(s.id, s.planId, s.periodId, s.agencyId, version, s.receivedAt, onTime ? 1 : 0, s.source, s.contentHash, s.idempotencyKey, json);
      return { kind: 'created' as const, receipt: { submissionId: s.id, version, receivedAt: s.receivedAt, onTime } };
    });
  }
  /** An agency's latest version in one plan and period (metadata only, one row), or null. */
  latestSubmission(planId: string, periodId: string, agencyId: string): SubmissionRow | null {
    const row = this.sql(`SELECT id, plan_id, period_id, agency_id, version, received_at, on_time, source, content_hash FROM submissions
      WHERE plan_id = ? AND period_id = ? AND agency_id = ? ORDER BY version DESC LIMIT 1`).get(planId, periodId, agencyId) as SubmissionRecord | undefined;
    return row ? toRow(row) : null;
  }
  /** An agency's versions in one plan and period, without their report bodies. */
  history(planId: string, periodId: string, agencyId: string): SubmissionRow[] {
    return (this.sql(`SELECT id, plan_id, period_id, agency_id, version, received_at, on_time, source, content_hash FROM submissions
      WHERE plan_id = ? AND period_id = ? AND agency_id = ? ORDER BY version`).all(planId, periodId, agencyId) as SubmissionRecord[]).map(toRow);
  }
  /** The latest version's metadata per agency (no report bodies), for building the master. */
  latestMeta(planId: string, periodId: string): Map<string, SubmissionRow> {
    const rows = this.sql(`SELECT s.id, s.plan_id, s.period_id, s.agency_id, s.version, s.received_at, s.on_time, s.source, s.content_hash
      FROM submissions s JOIN (SELECT agency_id, MAX(version) AS version FROM submissions WHERE plan_id = ? AND period_id = ? GROUP BY agency_id) m
        ON s.agency_id = m.agency_id AND s.version = m.version WHERE s.plan_id = ? AND s.period_id = ?`).all(planId, periodId, planId, periodId) as SubmissionRecord[];
    return new Map(rows.map((r) => [r.agency_id, toRow(r)]));
  }
  /** Per agency, its latest version that the city accepted (metadata only). */
  acceptedMeta(planId: string, periodId: string): Map<string, SubmissionRow> {
    const rows = this.sql(`SELECT s.id, s.plan_id, s.period_id, s.agency_id, s.version, s.received_at, s.on_time, s.source, s.content_hash
      FROM submissions s WHERE s.plan_id = ? AND s.period_id = ?
        AND (SELECT decision FROM reviews r WHERE r.submission_id = s.id ORDER BY r.id DESC LIMIT 1) = 'accept' ORDER BY s.version`).all(planId, periodId) as SubmissionRecord[];
    return new Map(rows.map((r) => [r.agency_id, toRow(r)]));
  }
  /** A stored report, parsed with its schema (a damaged row is an error naming it, never a cast). */
  report(submissionId: string): Report | null {
    const row = this.sql('SELECT report_json FROM submissions WHERE id = ?').get(submissionId) as { report_json: string } | undefined;
    return row ? parseStored(Report, row.report_json, `submission ${submissionId}`) : null;
  }
  /** Per plan and period ("plan/period"), the sequence number (rowid) of the latest submission: a master built after it is current. */
  submissionSeqs(): Map<string, number> {
    const rows = this.sql('SELECT plan_id, period_id, MAX(rowid) AS seq FROM submissions GROUP BY plan_id, period_id').all() as { plan_id: string; period_id: string; seq: number }[];
    return new Map(rows.map((r) => [`${r.plan_id}/${r.period_id}`, r.seq]));
  }
  submissionSeq(planId: string, periodId: string): number {
    return (this.sql('SELECT MAX(rowid) AS seq FROM submissions WHERE plan_id = ? AND period_id = ?').get(planId, periodId) as { seq: number | null }).seq ?? 0;
  }
  countSubmissions(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
  }
  // --- Google Sheets --------------------------------------------------------------------------
  /** Registers (or re-registers) an agency's sheet; a new spreadsheet forgets what the old one's pulls found. */
  registerGoogleSheet(r: { planId: string; periodId: string; agencyId: string; spreadsheetId: string; origin: 'created' | 'linked'; at: string }): void {
    this.sql(`INSERT INTO google_sheets (plan_id, period_id, agency_id, spreadsheet_id, origin, registered_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (plan_id, period_id, agency_id) DO UPDATE SET spreadsheet_id = excluded.spreadsheet_id, origin = excluded.origin,
        registered_at = excluded.registered_at, modified_time = NULL, pulled_at = NULL, pull_status = NULL, pull_issues_json = '[]', pull_error = NULL`)
      .run(r.planId, r.periodId, r.agencyId, r.spreadsheetId, r.origin, r.at);
  }
  googleSheets(planId: string, periodId: string): GoogleSheetRow[] {
    return (this.sql('SELECT * FROM google_sheets WHERE plan_id = ? AND period_id = ? ORDER BY agency_id').all(planId, periodId) as GoogleSheetRecord[]).map(toSheetRow);
  }
  /** Every registered sheet of every period, for the scheduled pull. */
  googleSheetPeriods(): { planId: string; periodId: string }[] {
    return (this.sql('SELECT DISTINCT plan_id, period_id FROM google_sheets ORDER BY plan_id, period_id').all() as { plan_id: string; period_id: string }[])
      .map((r) => ({ planId: r.plan_id, periodId: r.period_id }));
  }
  /** What a pull found; the Drive modifiedTime is kept only when the content was read (so a failed read is tried again). */
  recordPull(r: { planId: string; periodId: string; agencyId: string; at: string; status: PullStatus; modifiedTime: string | null; issues?: WorkbookIssue[]; error?: string | null }): void {
    this.sql(`UPDATE google_sheets SET pulled_at = ?, pull_status = ?, modified_time = COALESCE(?, modified_time), pull_issues_json = ?, pull_error = ?
      WHERE plan_id = ? AND period_id = ? AND agency_id = ?`)
      .run(r.at, r.status, r.modifiedTime, JSON.stringify(r.issues ?? []), r.error ?? null, r.planId, r.periodId, r.agencyId);
  }
  /** A pull that found the sheet unchanged: only the time moves; what the last read found (its issues) stays shown. */
  touchPull(r: { planId: string; periodId: string; agencyId: string; at: string }): void {
    this.sql('UPDATE google_sheets SET pulled_at = ? WHERE plan_id = ? AND period_id = ? AND agency_id = ?').run(r.at, r.planId, r.periodId, r.agencyId);
  }
  googleMaster(planId: string, periodId: string): { spreadsheetId: string; publishedSeq: number; publishedAt: string | null } | null {
    const row = this.sql('SELECT spreadsheet_id, published_seq, published_at FROM google_masters WHERE plan_id = ? AND period_id = ?').get(planId, periodId) as
      { spreadsheet_id: string; published_seq: number; published_at: string | null } | undefined;
    return row ? { spreadsheetId: row.spreadsheet_id, publishedSeq: row.published_seq, publishedAt: row.published_at } : null;
  }
  saveGoogleMaster(r: { planId: string; periodId: string; spreadsheetId: string; publishedSeq: number; at: string | null }): void {
    this.sql(`INSERT INTO google_masters (plan_id, period_id, spreadsheet_id, published_seq, published_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (plan_id, period_id) DO UPDATE SET spreadsheet_id = excluded.spreadsheet_id, published_seq = excluded.published_seq, published_at = excluded.published_at`)
      .run(r.planId, r.periodId, r.spreadsheetId, r.publishedSeq, r.at);
  }
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }
}
