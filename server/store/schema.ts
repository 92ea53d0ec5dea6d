// The store's tables, as numbered migrations applied in order (PRAGMA user_version holds the last applied).
export const MIGRATIONS: string[] = [
  `CREATE TABLE plan (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     plan_json TEXT NOT NULL,
     plan_key TEXT NOT NULL,
     source_name TEXT NOT NULL,
     imported_at TEXT NOT NULL
   );
   CREATE TABLE access_codes (
     id INTEGER PRIMARY KEY,
     role TEXT NOT NULL CHECK (role IN ('admin', 'agency')),
     agency_id TEXT,
     code_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     revoked_at TEXT,
     CHECK ((role = 'admin') = (agency_id IS NULL))
   );
   CREATE INDEX access_codes_agency ON access_codes (agency_id);
   CREATE TABLE periods (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     year INTEGER NOT NULL,
     data_from TEXT NOT NULL,
     data_to TEXT NOT NULL,
     due_before TEXT NOT NULL,
     due_at TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'locked')),
     opened_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE submissions (
     id TEXT PRIMARY KEY,
     period_id TEXT NOT NULL REFERENCES periods (id),
     agency_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     received_at TEXT NOT NULL,
     on_time INTEGER NOT NULL,
     source TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     idempotency_key TEXT,
     report_json TEXT NOT NULL,
     UNIQUE (period_id, agency_id, version),
     UNIQUE (period_id, agency_id, idempotency_key)
   );
   CREATE INDEX submissions_latest ON submissions (period_id, agency_id, version DESC);
   -- Append-only: a resubmission is a new version; nothing is overwritten or deleted.
   CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
   CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;`,
];
