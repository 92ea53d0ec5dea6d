// Issuing access codes: the plain code is shown once (or written to the owner-only file); only its hash is kept.
// The store is the source: access-codes.json is an export written after the store committed, and a failed export is a
// warning beside the answer, never a failure of an act that has already happened.
import { hashCode, newAccessCode } from '../store/secret-codes.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { Store } from '../store/store.ts';
import { writeOwnerOnly } from '../store/owner-only.ts';
import type { LogEntry } from './context.ts';

export interface CodesFile {
  admin?: string;
  agencies: Record<string, string>;
}

const NOTE =
  'Mã truy cập đang có hiệu lực; tệp được cập nhật khi cấp hoặc thu hồi mã. Giữ bí mật. / The access codes in force; updated when a code is issued or revoked. Keep it secret.';

export function writeCodesFile(path: string, codes: CodesFile): void {
  writeOwnerOnly(path, `${JSON.stringify({ note: NOTE, ...codes }, null, 2)}\n`);
}

/**
 * Keeps access-codes.json in step with the store: a new code replaces the agency's old one, a revoked one (null) is
 * removed; several agencies in one rewrite of the file (one per agency was quadratic).
 */
export function recordAgencyCodes(path: string, changes: Record<string, string | null>): void {
  let codes: CodesFile = { agencies: {} };
  if (existsSync(path)) {
    try {
      const read = JSON.parse(readFileSync(path, 'utf8')) as Partial<CodesFile>;
      codes = {
        ...(typeof read.admin === 'string' ? { admin: read.admin } : {}),
        agencies: { ...(read.agencies ?? {}) },
      };
    } catch {
      /* an unreadable file is replaced by what the store holds now */
    }
  }
  for (const [agencyId, code] of Object.entries(changes)) {
    if (code === null) delete codes.agencies[agencyId];
    else codes.agencies[agencyId] = code;
  }
  writeCodesFile(path, codes);
}

/** What an answer carries when the store changed but access-codes.json could not follow. */
export interface CodesExportWarning {
  code: 'codes-export-failed';
  title: string;
  path: string;
  reason: string;
}

/**
 * Writes committed code changes into access-codes.json. A failure is logged and returned as a warning: the codes
 * are in force all the same (the new one is in the answer), only the file is out of date.
 */
export function exportAgencyCodes(
  ctx: { codesPath: string; log: (entry: LogEntry) => void },
  changes: Record<string, string | null>,
): CodesExportWarning[] {
  try {
    recordAgencyCodes(ctx.codesPath, changes);
    return [];
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    for (const agencyId of Object.keys(changes)) {
      ctx.log({
        level: 'warn',
        code: 'codes-export-failed',
        agencyId,
        path: ctx.codesPath,
        reason,
        message: 'the store changed; access-codes.json could not be written',
      });
    }
    return [
      {
        code: 'codes-export-failed',
        path: ctx.codesPath,
        reason,
        title:
          `Thay đổi mã đã được lưu và có hiệu lực, nhưng không ghi được tệp ${ctx.codesPath} (${reason}); tệp này đã cũ, hãy dùng mã trong câu trả lời này. ` +
          `/ The code change is stored and in force, but ${ctx.codesPath} could not be written (${reason}); the file is out of date, use the code in this answer.`,
      },
    ];
  }
}

export async function issueAgencyCode(store: Store, agencyId: string, at: string): Promise<string> {
  const code = newAccessCode();
  await store.issueCode('agency', agencyId, hashCode(code), at);
  return code;
}

/**
 * Issues new codes to these agencies, each with its audit entry, in one transaction; then exports them to
 * access-codes.json (one rewrite). The codes are in force once committed: a failed export is only a warning.
 */
export async function issueAgencyCodes(
  ctx: { store: Store; codesPath: string; log: (entry: LogEntry) => void },
  agencyIds: string[],
  by: { actor: string; planId: string | null; at: string },
): Promise<{ issued: Record<string, string>; warnings: CodesExportWarning[] }> {
  const issued: Record<string, string> = {};
  await ctx.store.transaction(async (store) => {
    for (const agencyId of agencyIds) {
      issued[agencyId] = await issueAgencyCode(store, agencyId, by.at);
      await store.audit({
        at: by.at,
        actor: by.actor,
        action: 'code.issue',
        planId: by.planId,
        subject: agencyId,
        before: null,
        after: null,
      });
    }
  });
  return { issued, warnings: agencyIds.length ? exportAgencyCodes(ctx, issued) : [] };
}

export const FIRST_ADMIN_LABEL = 'Quản trị (mã đầu tiên)';

/** The first coordinator's token (written to access-codes.json as "admin"). */
export async function issueAdminToken(store: Store, at: string, label = FIRST_ADMIN_LABEL): Promise<string> {
  const code = newAccessCode();
  await store.addAccount('coordinator', label, hashCode(code), at);
  return code;
}
