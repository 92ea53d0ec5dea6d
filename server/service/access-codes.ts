// Issuing access codes: the plain code is shown once (or written to the owner-only file); only its hash is kept.
import { hashCode, newAccessCode } from '../store/secret-codes.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { Store } from '../store/store.ts';
import { writeOwnerOnly } from '../store/owner-only.ts';

export interface CodesFile { admin?: string; agencies: Record<string, string> }

const NOTE = 'Mã truy cập đang có hiệu lực; tệp được cập nhật khi cấp hoặc thu hồi mã. Giữ bí mật. / The access codes in force; updated when a code is issued or revoked. Keep it secret.';

export function writeCodesFile(path: string, codes: CodesFile): void {
  writeOwnerOnly(path, `${JSON.stringify({ note: NOTE, ...codes }, null, 2)}\n`);
}

/** Keeps access-codes.json in step with the store: a new code replaces the agency's old one, a revoked one is removed. */
export function recordAgencyCode(path: string, agencyId: string, code: string | null): void {
  recordAgencyCodes(path, { [agencyId]: code });
}

/** Records several agencies' new codes (null: removed) in one rewrite of the file (one per agency was quadratic). */
export function recordAgencyCodes(path: string, changes: Record<string, string | null>): void {
  let codes: CodesFile = { agencies: {} };
  if (existsSync(path)) {
    try {
      const read = JSON.parse(readFileSync(path, 'utf8')) as Partial<CodesFile>;
      codes = { ...(typeof read.admin === 'string' ? { admin: read.admin } : {}), agencies: { ...(read.agencies ?? {}) } };
    } catch { /* an unreadable file is replaced by what the store holds now */ }
  }
  for (const [agencyId, code] of Object.entries(changes)) {
    if (code === null) delete codes.agencies[agencyId];
    else codes.agencies[agencyId] = code;
  }
  writeCodesFile(path, codes);
}

export function issueAgencyCode(store: Store, agencyId: string, at: string): string {
  const code = newAccessCode();
  store.issueCode('agency', agencyId, hashCode(code), at);
  return code;
}

export const FIRST_ADMIN_LABEL = 'Quản trị (mã đầu tiên)';

/** The first coordinator's token (written to access-codes.json as "admin"). */
export function issueAdminToken(store: Store, at: string, label = FIRST_ADMIN_LABEL): string {
  const code = newAccessCode();
  store.addAccount('coordinator', label, hashCode(code), at);
  return code;
}
