// Plans: each one's source document, the plan as read, its corrections and the plan in force, and its state.
import { createHash } from 'node:crypto';
import { Plan } from '../../shared/domain/plan.ts';
import { PlanCorrections } from '../../shared/plan/corrections.ts';
import { Part } from './part.ts';
import { parseStored, shape } from './stored-json.ts';

export type PlanState = 'draft' | 'published' | 'archived';
/** A plan's row without its source bytes. */
export interface PlanSummary {
  id: string;
  state: PlanState;
  sourceName: string;
  sourceHash: string | null;
  directoryId: string;
  planKey: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
}
export interface StoredPlan extends PlanSummary {
  read: Plan;
  corrections: PlanCorrections;
  plan: Plan;
}
/** A plan as its object, or as its JSON text already (from the plan reader's worker). */
export type PlanValue = Plan | string;
export interface NewPlan {
  id: string;
  sourceName: string;
  sourceBytes: Uint8Array;
  sourceHash: string;
  directoryId: string;
  read: PlanValue;
  plan: PlanValue;
  planKey: string;
  at: string;
}

/** The shapes of a plan row's JSON (its plans as read and in force, and its corrections), by the row's json_version. */
const PLAN = shape(Plan);
const CORRECTIONS = shape(PlanCorrections);

interface PlanRecord {
  id: string;
  state: PlanState;
  source_name: string;
  source_hash: string | null;
  directory_id: string;
  plan_key: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  archived_at: string | null;
  json_version: number;
  read_json?: string;
  corrections_json?: string;
  plan_json?: string;
}
const PLAN_COLUMNS =
  'id, state, source_name, source_hash, directory_id, plan_key, created_at, updated_at, published_at, archived_at, json_version';
const toSummary = (r: PlanRecord): PlanSummary => ({
  id: r.id,
  state: r.state,
  sourceName: r.source_name,
  sourceHash: r.source_hash,
  directoryId: r.directory_id,
  planKey: r.plan_key,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
  archivedAt: r.archived_at,
});
const planJson = (p: PlanValue) => (typeof p === 'string' ? p : JSON.stringify(p));
const planOf = (r: PlanRecord, json: string, what: string) => parseStored(PLAN, r.json_version, json, what);
const correctionsOf = (r: PlanRecord) =>
  parseStored(CORRECTIONS, r.json_version, r.corrections_json!, `corrections of plan ${r.id}`);

export class PlanRows extends Part {
  async plans(): Promise<PlanSummary[]> {
    return (await this.db.all<PlanRecord>(`SELECT ${PLAN_COLUMNS} FROM plans ORDER BY created_at, id`)).map(toSummary);
  }
  planSummary(id: string): Promise<PlanSummary | null> {
    return this.db.memo('plans', id, async () => {
      const row = await this.db.get<PlanRecord>(`SELECT ${PLAN_COLUMNS} FROM plans WHERE id = ?`, [id]);
      return row ? toSummary(row) : null;
    });
  }
  async plan(id: string): Promise<StoredPlan | null> {
    const row = await this.db.get<PlanRecord>(
      `SELECT ${PLAN_COLUMNS}, read_json, corrections_json, plan_json FROM plans WHERE id = ?`,
      [id],
    );
    if (!row) return null;
    return {
      ...toSummary(row),
      read: planOf(row, row.read_json!, `plan ${id} (as read)`),
      corrections: correctionsOf(row),
      plan: planOf(row, row.plan_json!, `plan ${id}`),
    };
  }
  /** A plan's row with its corrections, without the plans as read and as corrected (a correction needs no more). */
  async planCorrections(id: string): Promise<(PlanSummary & { corrections: PlanCorrections }) | null> {
    const row = await this.db.get<PlanRecord>(`SELECT ${PLAN_COLUMNS}, corrections_json FROM plans WHERE id = ?`, [id]);
    return row ? { ...toSummary(row), corrections: correctionsOf(row) } : null;
  }
  /** Every plan's identity (number, title, date) as corrected, read by SQLite from its JSON: the list of plans parses no plan. */
  async planHeads(): Promise<Map<string, { number: string | null; title: string; date: string | null }>> {
    const rows = await this.db.all<{ id: string; number: unknown; title: unknown; date: unknown }>(`SELECT id,
      json_extract(plan_json, '$.plan.number') AS number, json_extract(plan_json, '$.plan.title') AS title,
      json_extract(plan_json, '$.plan.date') AS date FROM plans`);
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return new Map(rows.map((r) => [r.id, { number: text(r.number), title: text(r.title) ?? '', date: text(r.date) }]));
  }
  /**
   * A digest of what a plan's context is made from — its plan JSON, state and stored directory — without parsing them:
   * equal digests, equal contexts (the master worker keeps the parsed context while the digest holds).
   */
  async planDigest(id: string): Promise<string | null> {
    const row = await this.db.get<{ plan_json: string; state: string; directory_id: string }>(
      'SELECT plan_json, state, directory_id FROM plans WHERE id = ?',
      [id],
    );
    if (!row) return null;
    const directory = await this.db.get<{ directory_json: string }>(
      'SELECT directory_json FROM directories WHERE id = ?',
      [row.directory_id],
    );
    return createHash('sha256')
      .update(row.plan_json)
      .update(`\0${row.state}\0${row.directory_id}\0`)
      .update(directory?.directory_json ?? 'bundled')
      .digest('base64');
  }
  /** A plan as it is now (corrections applied), without the plan as read and its corrections: what a plan context needs. */
  async currentPlan(id: string): Promise<(PlanSummary & { plan: Plan }) | null> {
    const row = await this.db.get<PlanRecord>(`SELECT ${PLAN_COLUMNS}, plan_json FROM plans WHERE id = ?`, [id]);
    return row ? { ...toSummary(row), plan: planOf(row, row.plan_json!, `plan ${id}`) } : null;
  }
  async planSource(id: string): Promise<{ name: string; bytes: Uint8Array } | null> {
    const row = await this.db.get<{ source_name: string; source_bytes: Uint8Array | null }>(
      'SELECT source_name, source_bytes FROM plans WHERE id = ?',
      [id],
    );
    return row?.source_bytes ? { name: row.source_name, bytes: new Uint8Array(row.source_bytes) } : null;
  }
  async insertPlan(p: NewPlan): Promise<void> {
    await this.db.run(
      `INSERT INTO plans (id, state, source_name, source_bytes, source_hash, directory_id, read_json, corrections_json, plan_json,
      plan_key, created_at, updated_at, json_version) VALUES (?, 'draft', ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
      [
        p.id,
        p.sourceName,
        Buffer.from(p.sourceBytes),
        p.sourceHash,
        p.directoryId,
        planJson(p.read),
        planJson(p.plan),
        p.planKey,
        p.at,
        p.at,
        PLAN.current,
      ],
    );
  }
  /** Stores what the parser read again (a re-read), the corrections and the plan in force that follows from them. */
  async updatePlan(
    id: string,
    u: {
      read?: PlanValue;
      corrections: PlanCorrections;
      plan: PlanValue;
      planKey: string;
      directoryId: string;
      at: string;
    },
  ): Promise<void> {
    await this.db.run(
      `UPDATE plans SET read_json = COALESCE(?, read_json), corrections_json = ?, plan_json = ?, plan_key = ?, directory_id = ?,
      updated_at = ?, json_version = ? WHERE id = ?`,
      [
        u.read ? planJson(u.read) : null,
        JSON.stringify(u.corrections),
        planJson(u.plan),
        u.planKey,
        u.directoryId,
        u.at,
        PLAN.current,
        id,
      ],
    );
  }
  async setPlanState(id: string, state: PlanState, at: string): Promise<void> {
    const column = state === 'published' ? 'published_at' : state === 'archived' ? 'archived_at' : 'updated_at';
    await this.db.run(`UPDATE plans SET state = ?, updated_at = ?, ${column} = ? WHERE id = ?`, [state, at, at, id]);
  }
  async planIdTaken(id: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM plans WHERE id = ?', [id])) !== undefined;
  }
}
