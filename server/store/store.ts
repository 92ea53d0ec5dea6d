// The store: plans, access codes, periods and append-only submissions per (plan, period, agency), reviews, reminders,
// the audit log, Google Sheets and the directories. One part per aggregate (plans.ts, periods.ts, …), each over one
// `Db` handle (db.ts); `Store` is their union over one connection (SQLite today, sqlite-db.ts) or one transaction.
import type { Connection, Db } from './db.ts';
import { AccountRows } from './accounts.ts';
import { AuditRows } from './audit.ts';
import { DirectoryRows } from './directories.ts';
import { GoogleRows } from './google.ts';
import { Part } from './part.ts';
import { PeriodRows } from './periods.ts';
import { PlanRows } from './plans.ts';
import { ReminderRows } from './reminders.ts';
import { ReviewRows } from './reviews.ts';
import { SqliteDb } from './sqlite-db.ts';
import { SubmissionRows } from './submissions.ts';

export type { Receipt, ReviewComment, SubmissionSource } from '../../shared/api/contract.ts';
export type { Account, CodeRole, StoredCode } from './accounts.ts';
export type { AuditEntry } from './audit.ts';
export type { GoogleMasterRow, GoogleSheetRow, PullStatus } from './google.ts';
export type { PeriodException, PeriodState, StoredPeriod } from './periods.ts';
export type { NewPlan, PlanState, PlanSummary, PlanValue, StoredPlan } from './plans.ts';
export type { Decision, StoredReview } from './reviews.ts';
export type { NewSubmission, SubmissionRow, SubmitOutcome } from './submissions.ts';
export { StoreDamaged } from './stored-json.ts';

const PARTS = [
  PlanRows,
  DirectoryRows,
  PeriodRows,
  SubmissionRows,
  ReviewRows,
  AccountRows,
  ReminderRows,
  AuditRows,
  GoogleRows,
];
type Parts = PlanRows &
  DirectoryRows &
  PeriodRows &
  SubmissionRows &
  ReviewRows &
  AccountRows &
  ReminderRows &
  AuditRows &
  GoogleRows;

/** What the store does besides its parts' queries: transactions, and what only the connection's owner does. */
class StoreBase extends Part {
  /** The connection this store opened, or null for a transaction's store. */
  private readonly connection: Connection | null;

  constructor(at: string | Connection) {
    const connection = typeof at === 'string' ? new SqliteDb(at) : at;
    super(connection);
    this.connection = connection;
  }

  /**
   * Runs `fn` in one write transaction, with a store whose every query is part of it: inside `fn`, use that store,
   * never this one (whose queries wait until the transaction ends). Committed when `fn` resolves, rolled back when it
   * throws; a transaction within one is a savepoint.
   */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    return this.db.tx((db) => fn(StoreBase.over(db)));
  }
  private static over(db: Db): Store {
    const store = Object.create(StoreBase.prototype) as Store;
    Object.assign(store, { db, connection: null });
    return store;
  }

  private owned(): Connection {
    if (!this.connection) throw new Error('a transaction’s store cannot be closed or checkpointed');
    return this.connection;
  }
  async close(): Promise<void> {
    return this.owned().close();
  }
  /** Leaves WAL checkpoints to another connection (the master worker's) until this many pages. */
  async checkpointOnlyPast(pages: number): Promise<void> {
    return this.owned().checkpointOnlyPast(pages);
  }
  /** Copies what it can of the WAL into the database file without waiting for readers or writers. */
  async checkpoint(): Promise<void> {
    return this.owned().checkpoint();
  }
  async integrityCheck(): Promise<string> {
    return this.owned().integrityCheck();
  }
}

// Every part's methods on the one prototype (as TypeScript's mixins are joined); a part's method reaches the handle as
// this.db, which each store (the connection's or a transaction's) holds.
for (const part of PARTS) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name === 'constructor') continue;
    if (Object.hasOwn(StoreBase.prototype, name)) throw new Error(`two parts of the store define ${name}`);
    Object.defineProperty(StoreBase.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name)!);
  }
}

/** The store: every part's queries and the base's transactions, over one connection or one transaction. */
export type Store = StoreBase & Parts;
/** Opens (creating and migrating) the SQLite store at a path, or wraps an open connection. */
export const Store = StoreBase as unknown as new (at: string | Connection) => Store;
