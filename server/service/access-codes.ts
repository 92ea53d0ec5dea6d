// Issuing access codes: the plain code is shown once (or written to the owner-only file); only its hash is kept.
import { hashCode, newAccessCode } from '../http/auth.ts';
import type { Store } from '../store/store.ts';

export function issueAgencyCode(store: Store, agencyId: string, at: string): string {
  const code = newAccessCode();
  store.issueCode('agency', agencyId, hashCode(code), at);
  return code;
}

export function issueAdminToken(store: Store, at: string): string {
  const code = newAccessCode();
  store.issueCode('admin', null, hashCode(code), at);
  return code;
}
