// The store's port over one SQLite file (better-sqlite3, synchronous underneath): WAL, migrations, prepared statements
// kept per text, small reads memoised per table, and transactions that never interleave on the one connection.
import Database from 'better-sqlite3';
import type { Connection, Db, Param, RunResult } from './db.ts';
import { MIGRATIONS } from './schema.ts';
import { StoreDamaged } from './stored-json.ts';

/** The table an INSERT, REPLACE, UPDATE or DELETE statement writes ('*' when it cannot be told). */
const WRITTEN_TABLE =
  /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(\w+)/i;

/**
 * Transactions: better-sqlite3 cannot keep a transaction open while other work runs on the connection, so a
 * transaction holds the connection from BEGIN IMMEDIATE to COMMIT: queries through the outer handle, and other
 * transactions, wait until it ends (`held`), and its own queries go through the handle it is given. Its callback's
 * awaits are those queries' promises, already settled, so it holds the connection for one run of the event loop's
 * microtasks, as the synchronous transaction did before.
 */
export class SqliteDb implements Connection {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, { statement: Database.Statement; writes: string | null }>();
  private readonly dataVersionQuery: Database.Statement;
  /** Prepared apart from sql(), which would take them for writes of every table. */
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  /**
   * Settled when the transaction that holds the connection ends; null when none does. Waiters loop on it inline
   * (`while (this.held) await this.held`): the check that finds it null and the query or BEGIN run in one microtask.
   */
  private held: Promise<void> | null = null;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the process being killed; FULL would also survive power loss.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.db.pragma('foreign_keys = ON');
    this.dataVersionQuery = this.db.prepare('PRAGMA data_version').pluck();
    this.begin = this.db.prepare('BEGIN IMMEDIATE');
    this.commit = this.db.prepare('COMMIT');
    this.rollback = this.db.prepare('ROLLBACK');
  }

  /** Applies the pending migrations, each in one transaction; tables are rebuilt with foreign keys off, then checked. */
  private migrate() {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version >= MIGRATIONS.length) return;
    this.db.pragma('foreign_keys = OFF');
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        const step = MIGRATIONS[v]!;
        if (typeof step === 'string') this.db.exec(step);
        else step(this.db);
        const broken = this.db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new StoreDamaged(`migration ${v + 1} leaves ${broken.length} broken references`);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /** A prepared statement, prepared once per connection; one that writes a table forgets that table's memoised reads. */
  private sql(text: string): Database.Statement {
    let entry = this.statements.get(text);
    if (!entry) {
      const statement = this.db.prepare(text);
      entry = { statement, writes: statement.reader ? null : (WRITTEN_TABLE.exec(text)?.[1] ?? '*') };
      this.statements.set(text, entry);
    }
    if (entry.writes === '*') this.forget();
    else if (entry.writes) this.forget(entry.writes);
    return entry.statement;
  }

  // The queries themselves, synchronous; the handles below wrap them in promises.
  allNow<T>(sql: string, params: readonly Param[]): T[] {
    return this.sql(sql).all(...params) as T[];
  }
  getNow<T>(sql: string, params: readonly Param[]): T | undefined {
    return this.sql(sql).get(...params) as T | undefined;
  }
  runNow(sql: string, params: readonly Param[]): RunResult {
    const r = this.sql(sql).run(...params);
    return { changes: r.changes, lastId: Number(r.lastInsertRowid) };
  }

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    while (this.held) await this.held;
    return this.allNow<T>(sql, params);
  }
  async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    while (this.held) await this.held;
    return this.getNow<T>(sql, params);
  }
  async run(sql: string, params: readonly Param[] = []): Promise<RunResult> {
    while (this.held) await this.held;
    return this.runNow(sql, params);
  }
  async memo<T extends object | null>(table: string, key: string, read: () => Promise<T>): Promise<T> {
    while (this.held) await this.held;
    return this.memoNow(table, key, read);
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    while (this.held) await this.held;
    let release!: () => void;
    this.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handle = new SqliteTx(this, 0);
    try {
      this.begin.run();
      try {
        const result = await fn(handle);
        handle.end();
        this.commit.run();
        return result;
      } catch (error) {
        handle.end();
        if (this.db.inTransaction) this.rollback.run();
        // Rolled back: a read memoised inside it may hold what was never committed.
        this.forget();
        throw error;
      }
    } finally {
      this.held = null;
      release();
    }
  }

  /** Runs `fn` in a savepoint of the open transaction: its failure undoes its own writes only. */
  async savepoint<T>(depth: number, fn: (db: Db) => Promise<T>): Promise<T> {
    const name = `nested_${depth}`;
    this.db.exec(`SAVEPOINT ${name}`);
    const handle = new SqliteTx(this, depth);
    try {
      const result = await fn(handle);
      handle.end();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      handle.end();
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      this.forget();
      throw error;
    }
  }

  // --- memoised reads ------------------------------------------------------------------------
  /**
   * Memoised per table: forgotten when this connection writes the table (see sql) or when any other connection has
   * committed anything (SQLite's data_version: a CLI command beside the service). data_version is asked once per turn
   * of the event loop (a request's handling up to its first wait for I/O or another thread): another process's commit
   * during that turn is as if it came just after it. It was a fourth of these reads' cost.
   */
  private readonly memoised = new Map<string, Map<string, unknown>>();
  private dataVersion = -1;
  private versionChecked = false;
  /** Counts forgetting: a read that spans one (it awaited) is returned but not kept. */
  private generation = 0;
  private forget(table?: string) {
    this.generation++;
    if (table === undefined) this.memoised.clear();
    else this.memoised.delete(table);
  }

  async memoNow<T extends object | null>(table: string, key: string, read: () => Promise<T>): Promise<T> {
    if (!this.versionChecked) {
      this.versionChecked = true;
      setImmediate(() => {
        this.versionChecked = false;
      });
      const version = this.dataVersionQuery.get() as number;
      if (version !== this.dataVersion) {
        this.forget();
        this.dataVersion = version;
      }
    }
    let byKey = this.memoised.get(table);
    if (byKey?.has(key)) return byKey.get(key) as T;
    const generation = this.generation;
    const value = await read();
    if (generation !== this.generation) return value;
    if (!byKey) {
      byKey = new Map();
      this.memoised.set(table, byKey);
    }
    // Bounded: unknown keys (wrong access codes) must not grow it without end.
    if (byKey.size >= 10_000) byKey.clear();
    byKey.set(key, value === null ? null : Object.freeze(value));
    return value;
  }

  // --- what only the connection's owner does -------------------------------------------------
  async close(): Promise<void> {
    this.db.close();
  }
  /**
   * Leaves checkpoints (copying the WAL into the database file, with an fsync) to another connection — the master
   * worker checkpoints after each build — and keeps only a far limit here, so the service's thread rarely does one
   * in the middle of a request. Default SQLite: every 1,000 pages.
   */
  async checkpointOnlyPast(pages: number): Promise<void> {
    this.db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(pages))}`);
  }
  async checkpoint(): Promise<void> {
    while (this.held) await this.held;
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }
  async integrityCheck(): Promise<string> {
    while (this.held) await this.held;
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }
}

/** A transaction's handle: its queries run at once (the transaction holds the connection); unusable once it ended. */
class SqliteTx implements Db {
  private open = true;
  constructor(
    private readonly owner: SqliteDb,
    private readonly depth: number,
  ) {}
  end() {
    this.open = false;
  }
  private check() {
    if (!this.open) throw new Error('a transaction’s handle was used after the transaction ended');
  }
  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    this.check();
    return this.owner.allNow<T>(sql, params);
  }
  async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    this.check();
    return this.owner.getNow<T>(sql, params);
  }
  async run(sql: string, params: readonly Param[] = []): Promise<RunResult> {
    this.check();
    return this.owner.runNow(sql, params);
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    this.check();
    return this.owner.savepoint(this.depth + 1, fn);
  }
  async memo<T extends object | null>(table: string, key: string, read: () => Promise<T>): Promise<T> {
    this.check();
    return this.owner.memoNow(table, key, read);
  }
}
