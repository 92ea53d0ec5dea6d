// The port the store's parts are written against: a few asynchronous calls a second database can implement too.
// SQLite (sqlite-db.ts) answers them synchronously underneath; PostgreSQL, later, with a pool. The parts never see which.

/** A bound value: numbered placeholders (`?`) in the statement's order. */
export type Param = string | number | bigint | null | Uint8Array;
export interface RunResult {
  changes: number;
  lastId: number;
}

export interface Db {
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  run(sql: string, params?: readonly Param[]): Promise<RunResult>;
  /**
   * Runs `fn` in one write transaction, on the handle it is given: every query of the transaction goes through that
   * handle, never through the outer one (which waits until the transaction ends, so using it inside would wait for
   * ever). Committed when `fn`'s promise resolves, rolled back when it rejects. A `tx` on a transaction's handle is a
   * nested one (a savepoint): its failure undoes only its own writes. `fn` should await only the handle's queries and
   * pure work: another request's queries wait while it runs.
   */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * A small read that every request makes (a plan's row, a period, an access code), which the implementation may keep
   * per table and key: forgotten when this handle writes `table`, or when another connection commits anything. Values
   * are frozen, as they are shared. An implementation that keeps nothing just calls `read`.
   */
  memo<T extends object | null>(table: string, key: string, read: () => Promise<T>): Promise<T>;
}

/** A database the service opened: the port, and what only its owner does with it. */
export interface Connection extends Db {
  close(): Promise<void>;
  /** Leaves WAL checkpoints to another connection past this many pages (a no-op where there is no WAL). */
  checkpointOnlyPast(pages: number): Promise<void>;
  /** Copies what it can of the WAL into the database file, waiting for nobody. */
  checkpoint(): Promise<void>;
  /** 'ok', or what the database found damaged. */
  integrityCheck(): Promise<string>;
}
