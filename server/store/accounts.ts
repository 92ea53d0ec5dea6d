// Access codes and staff accounts: only each code's hash is kept; an agency has one code at a time.
import { Part } from './part.ts';

export type CodeRole = 'coordinator' | 'viewer' | 'agency';
export interface StoredCode {
  id: number;
  role: CodeRole;
  agencyId: string | null;
  hash: string;
  label: string | null;
}
export interface Account {
  id: number;
  role: 'coordinator' | 'viewer';
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export class AccountRows extends Part {
  findCode(hash: string): Promise<StoredCode | null> {
    return this.db.memo('access_codes', hash, async () => {
      const row = await this.db.get<{
        id: number;
        role: CodeRole;
        agency_id: string | null;
        code_hash: string;
        label: string | null;
      }>('SELECT id, role, agency_id, code_hash, label FROM access_codes WHERE code_hash = ? AND revoked_at IS NULL', [
        hash,
      ]);
      return row
        ? { id: row.id, role: row.role, agencyId: row.agency_id, hash: row.code_hash, label: row.label }
        : null;
    });
  }
  /** Stores an agency's new code's hash, revoking its previous ones (one code per agency). */
  async issueCode(role: 'agency', agencyId: string, hash: string, at: string): Promise<void> {
    await this.db.tx(async (db) => {
      await db.run(
        `UPDATE access_codes SET revoked_at = ? WHERE revoked_at IS NULL AND role = 'agency' AND agency_id = ?`,
        [at, agencyId],
      );
      await db.run('INSERT INTO access_codes (role, agency_id, code_hash, created_at) VALUES (?, ?, ?, ?)', [
        role,
        agencyId,
        hash,
        at,
      ]);
    });
  }
  /** A named staff account (a coordinator or a viewer) with its token's hash; returns its id. */
  async addAccount(role: 'coordinator' | 'viewer', label: string, hash: string, at: string): Promise<number> {
    return (
      await this.db.run('INSERT INTO access_codes (role, label, code_hash, created_at) VALUES (?, ?, ?, ?)', [
        role,
        label,
        hash,
        at,
      ])
    ).lastId;
  }
  async accounts(): Promise<Account[]> {
    const rows = await this.db.all<{
      id: number;
      role: 'coordinator' | 'viewer';
      label: string;
      created_at: string;
      revoked_at: string | null;
    }>(`SELECT id, role, label, created_at, revoked_at FROM access_codes WHERE role <> 'agency' ORDER BY id`);
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      name: r.label,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }
  async revokeAccount(id: number, at: string): Promise<boolean> {
    return (
      (
        await this.db.run(
          `UPDATE access_codes SET revoked_at = ? WHERE id = ? AND role <> 'agency' AND revoked_at IS NULL`,
          [at, id],
        )
      ).changes === 1
    );
  }
  async revokeCodes(agencyId: string, at: string): Promise<number> {
    return (
      await this.db.run('UPDATE access_codes SET revoked_at = ? WHERE revoked_at IS NULL AND agency_id = ?', [
        at,
        agencyId,
      ])
    ).changes;
  }
  async codeStatus(): Promise<Map<string, { issuedAt: string; active: boolean }>> {
    const rows = await this.db.all<{
      agency_id: string;
      issued_at: string;
      active: number;
    }>(`SELECT agency_id, MAX(created_at) AS issued_at,
      SUM(revoked_at IS NULL) AS active FROM access_codes WHERE role = 'agency' GROUP BY agency_id`);
    return new Map(rows.map((r) => [r.agency_id, { issuedAt: r.issued_at, active: r.active > 0 }]));
  }
  async activeCoordinators(): Promise<number> {
    return (await this.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM access_codes WHERE role = 'coordinator' AND revoked_at IS NULL`,
    ))!.n;
  }
  async hasCoordinator(): Promise<boolean> {
    return (await this.activeCoordinators()) > 0;
  }
  /** The e-mail addresses of the active staff of a role (reminders and notices). */
  async staffEmails(role: 'coordinator' | 'viewer'): Promise<string[]> {
    return (
      await this.db.all<{ email: string }>(
        `SELECT email FROM access_codes WHERE role = ? AND revoked_at IS NULL AND email IS NOT NULL`,
        [role],
      )
    ).map((r) => r.email);
  }
  async setAccountEmail(id: number, email: string | null): Promise<void> {
    await this.db.run(`UPDATE access_codes SET email = ? WHERE id = ? AND role <> 'agency'`, [email, id]);
  }
}
