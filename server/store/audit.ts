// The audit log (append-only): who did what to which plan or subject, with the values before and after.
import { z } from 'zod';
import { Part } from './part.ts';
import { parseStored, shape } from './stored-json.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  planId: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
}

/** Any JSON value: the audit keeps what each action recorded, whatever its shape. */
const VALUE = shape<unknown>(z.unknown());
type AuditRecord = {
  id: number;
  at: string;
  actor: string;
  action: string;
  plan_id: string | null;
  subject: string | null;
  before_json: string | null;
  after_json: string | null;
  json_version: number;
};
const valueOf = (r: AuditRecord, json: string | null, what: string) =>
  json === null ? null : parseStored(VALUE, r.json_version, json, `audit entry ${r.id} (${what})`);

export class AuditRows extends Part {
  async audit(e: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db.run(
      'INSERT INTO audit_log (at, actor, action, plan_id, subject, before_json, after_json, json_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        e.at,
        e.actor,
        e.action,
        e.planId,
        e.subject,
        e.before === undefined ? null : JSON.stringify(e.before),
        e.after === undefined ? null : JSON.stringify(e.after),
        VALUE.current,
      ],
    );
  }
  async auditLog(limit = 200, planId?: string): Promise<AuditEntry[]> {
    const rows = await (planId
      ? this.db.all<AuditRecord>('SELECT * FROM audit_log WHERE plan_id = ? ORDER BY id DESC LIMIT ?', [planId, limit])
      : this.db.all<AuditRecord>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit]));
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      planId: r.plan_id,
      subject: r.subject,
      before: valueOf(r, r.before_json, 'before'),
      after: valueOf(r, r.after_json, 'after'),
    }));
  }
}
