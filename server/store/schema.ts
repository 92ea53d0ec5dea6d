// The store's tables, as numbered migrations applied in order (PRAGMA user_version holds the last applied).
// Each is frozen once released: a later change of the schema is a new migration, never an edit of an old one.
import type Database from 'better-sqlite3';

export type Migration = string | ((db: Database.Database) => void);

export const MIGRATIONS: Migration[] = [
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
  // 2: several plans. The single plan becomes the first published plan (its periods, submissions and
  // receipts kept, now keyed by plan); an audit log, an editable directory and labelled codes arrive.
  (db) => {
    const old = db.prepare('SELECT plan_json, plan_key, source_name, imported_at FROM plan WHERE id = 1').get() as
      { plan_json: string; plan_key: string; source_name: string; imported_at: string } | undefined;
    db.exec(`
      CREATE TABLE plans (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 40 AND id NOT GLOB '*[^a-z0-9-]*'),
        state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'archived')),
        source_name TEXT NOT NULL,
        source_bytes BLOB,
        source_hash TEXT,
        directory_id TEXT NOT NULL,
        read_json TEXT NOT NULL,
        corrections_json TEXT NOT NULL DEFAULT '{}',
        plan_json TEXT NOT NULL,
        plan_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        published_at TEXT,
        archived_at TEXT
      );
      CREATE TABLE periods_v2 (
        plan_id TEXT NOT NULL REFERENCES plans (id),
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        data_from TEXT NOT NULL,
        data_to TEXT NOT NULL,
        due_before TEXT NOT NULL,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'locked')),
        opened_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, id)
      );
      CREATE TABLE submissions_v2 (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        on_time INTEGER NOT NULL,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        idempotency_key TEXT,
        report_json TEXT NOT NULL,
        FOREIGN KEY (plan_id, period_id) REFERENCES periods_v2 (plan_id, id),
        UNIQUE (plan_id, period_id, agency_id, version),
        UNIQUE (plan_id, period_id, agency_id, idempotency_key)
      );`);
    if (old) {
      // The slug rule of this migration, frozen here: "kh-" + the plan number's digits (if any) + "-" + its year.
      const plan = JSON.parse(old.plan_json) as {
        plan: { number: string | null; date: string | null };
        directoryId: string;
      };
      const digits = (plan.plan.number ?? '').match(/\d+/)?.[0];
      const year = plan.plan.date?.slice(0, 4) ?? old.imported_at.slice(0, 4);
      const id = ['kh', digits, year].filter(Boolean).join('-');
      db.prepare(
        `INSERT INTO plans (id, state, source_name, directory_id, read_json, plan_json, plan_key, created_at, updated_at, published_at)
        VALUES (?, 'published', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        old.source_name,
        plan.directoryId,
        old.plan_json,
        old.plan_json,
        old.plan_key,
        old.imported_at,
        old.imported_at,
        old.imported_at,
      );
      db.prepare(
        `INSERT INTO periods_v2 SELECT ?, id, kind, year, data_from, data_to, due_before, due_at, state, opened_at, updated_at FROM periods`,
      ).run(id);
      db.prepare(
        `INSERT INTO submissions_v2 SELECT id, ?, period_id, agency_id, version, received_at, on_time, source, content_hash, idempotency_key, report_json
        FROM submissions ORDER BY rowid`,
      ).run(id);
    }
    db.exec(`
      DROP TABLE submissions;
      DROP TABLE periods;
      DROP TABLE plan;
      ALTER TABLE periods_v2 RENAME TO periods;
      ALTER TABLE submissions_v2 RENAME TO submissions;
      CREATE INDEX submissions_latest ON submissions (plan_id, period_id, agency_id, version DESC);
      CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
      CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
      ALTER TABLE access_codes ADD COLUMN label TEXT;
      UPDATE access_codes SET label = 'Quản trị (mã đầu tiên)' WHERE role = 'admin';
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        plan_id TEXT,
        subject TEXT,
        before_json TEXT,
        after_json TEXT
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TABLE directories (
        id TEXT PRIMARY KEY,
        directory_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );`);
  },
  // 3: named staff accounts (coordinators review and manage, viewers read) in place of the one admin token, whose
  // holder becomes the first coordinator; and each report version's review (accept / return), append-only.
  `CREATE TABLE access_codes_v3 (
     id INTEGER PRIMARY KEY,
     role TEXT NOT NULL CHECK (role IN ('coordinator', 'viewer', 'agency')),
     agency_id TEXT,
     label TEXT,
     code_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     revoked_at TEXT,
     CHECK ((role = 'agency') = (agency_id IS NOT NULL)),
     CHECK (role = 'agency' OR label IS NOT NULL)
   );
   INSERT INTO access_codes_v3 (id, role, agency_id, label, code_hash, created_at, revoked_at)
     SELECT id, CASE role WHEN 'admin' THEN 'coordinator' ELSE role END, agency_id,
            CASE WHEN role = 'admin' THEN COALESCE(label, 'Quản trị (mã đầu tiên)') ELSE label END, code_hash, created_at, revoked_at
     FROM access_codes;
   DROP TABLE access_codes;
   ALTER TABLE access_codes_v3 RENAME TO access_codes;
   CREATE INDEX access_codes_agency ON access_codes (agency_id);
   CREATE TABLE reviews (
     id INTEGER PRIMARY KEY,
     submission_id TEXT NOT NULL REFERENCES submissions (id),
     decision TEXT NOT NULL CHECK (decision IN ('accept', 'return')),
     comment TEXT NOT NULL,
     comments_json TEXT NOT NULL DEFAULT '[]',
     resubmit_by TEXT,
     actor TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX reviews_submission ON reviews (submission_id, id);
   CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
   CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;`,
  // 4: reminders sent (each at most once per plan, period, agency and kind, across restarts), and staff e-mail.
  `CREATE TABLE sent_reminders (
     plan_id TEXT NOT NULL,
     period_id TEXT NOT NULL,
     agency_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     day TEXT NOT NULL,
     recipients TEXT NOT NULL,
     sent_at TEXT NOT NULL,
     PRIMARY KEY (plan_id, period_id, agency_id, kind)
   );
   ALTER TABLE access_codes ADD COLUMN email TEXT;`,
  // 5: a period's master may be built from accepted versions only; a locked period may let one agency submit until a date.
  `ALTER TABLE periods ADD COLUMN master_accepted_only INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE period_exceptions (
     plan_id TEXT NOT NULL,
     period_id TEXT NOT NULL,
     agency_id TEXT NOT NULL,
     until TEXT NOT NULL,
     reason TEXT NOT NULL,
     actor TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (plan_id, period_id, agency_id),
     FOREIGN KEY (plan_id, period_id) REFERENCES periods (plan_id, id)
   );`,
  // 6: Google Sheets: each agency's sheet per plan and period (created or linked) with what its last pull found,
  // and the published master's spreadsheet per plan and period.
  `CREATE TABLE google_sheets (
     plan_id TEXT NOT NULL,
     period_id TEXT NOT NULL,
     agency_id TEXT NOT NULL,
     spreadsheet_id TEXT NOT NULL,
     origin TEXT NOT NULL CHECK (origin IN ('created', 'linked')),
     registered_at TEXT NOT NULL,
     modified_time TEXT,
     pulled_at TEXT,
     pull_status TEXT CHECK (pull_status IN ('stored', 'unchanged', 'same-content', 'invalid', 'refused', 'failed')),
     pull_issues_json TEXT NOT NULL DEFAULT '[]',
     pull_error TEXT,
     PRIMARY KEY (plan_id, period_id, agency_id),
     FOREIGN KEY (plan_id, period_id) REFERENCES periods (plan_id, id)
   );
   CREATE TABLE google_masters (
     plan_id TEXT NOT NULL,
     period_id TEXT NOT NULL,
     spreadsheet_id TEXT NOT NULL,
     published_seq INTEGER NOT NULL DEFAULT 0,
     published_at TEXT,
     PRIMARY KEY (plan_id, period_id),
     FOREIGN KEY (plan_id, period_id) REFERENCES periods (plan_id, id)
   );`,
  // 7: submissions_latest duplicated the unique (plan, period, agency, version) index, which SQLite reads backwards for
  // the latest version: one B-tree less to write on every submission.
  'DROP INDEX IF EXISTS submissions_latest;',
  // 8: the version of each row's JSON shape (stored-json.ts); rows from before read as 1. Adding a column rewrites no row.
  `ALTER TABLE plans ADD COLUMN json_version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE directories ADD COLUMN json_version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE submissions ADD COLUMN json_version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE reviews ADD COLUMN json_version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE google_sheets ADD COLUMN json_version INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE audit_log ADD COLUMN json_version INTEGER NOT NULL DEFAULT 1;`,
];
