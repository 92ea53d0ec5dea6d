// Bearer access codes: stored as SHA-256 hashes, compared in constant time; an address guessing them is slowed down.
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../service/context.ts';
import { hashCode } from '../store/secret-codes.ts';
import { problem } from './problem.ts';

/** Who is asking: a named staff account of the city (coordinator or viewer) or an agency. */
export type Principal =
  { role: 'coordinator' | 'viewer'; label: string; accountId: number } | { role: 'agency'; agencyId: string };

/**
 * Counts failed sign-ins per client address in a sliding window (on the injected clock). While an address is
 * throttled, each of its attempts waits `delayMs` on a timer before it is judged; at most `maxWaiting` wait at once.
 */
export class Throttle {
  private failures = new Map<string, number[]>();
  private waiting = new Map<string, number>();
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    readonly delayMs = 1000,
    private readonly maxWaiting = 100,
  ) {}
  private recent(key: string, now: number) {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.failures.set(key, list);
    return list;
  }
  /** Seconds to wait before trying again, or 0. */
  retryAfter(key: string, now: number): number {
    const list = this.recent(key, now);
    return list.length >= this.maxFailures ? Math.ceil((list[0]! + this.windowMs - now) / 1000) : 0;
  }
  fail(key: string, now: number) {
    // Bound the memory an attacker with many addresses can take: forget addresses whose window has passed.
    if (this.failures.size > 10_000)
      for (const k of [...this.failures.keys()]) if (this.recent(k, now).length === 0) this.failures.delete(k);
    this.recent(key, now).push(now);
  }
  /** Takes a waiting place for the address; false when `maxWaiting` of its attempts already wait. */
  hold(key: string): boolean {
    const n = this.waiting.get(key) ?? 0;
    if (n >= this.maxWaiting) return false;
    this.waiting.set(key, n + 1);
    return true;
  }
  release(key: string) {
    const n = (this.waiting.get(key) ?? 1) - 1;
    if (n > 0) this.waiting.set(key, n);
    else this.waiting.delete(key);
  }
}

/** The token of an "Authorization: Bearer …" header (the scheme in any case, RFC 7235), or null when there is none. */
function bearer(req: Request): string | null {
  const m = /^bearer[ \t]+(\S.*?)[ \t]*$/is.exec(req.get('authorization') ?? '');
  return m ? m[1]! : null;
}

/** Codes are URL-safe base64; anything else (too long, non-ASCII) is a wrong code, never a lookup. */
const WELL_FORMED = /^[A-Za-z0-9_\-.~+/=]{8,200}$/;

/**
 * Resolves the caller from the Authorization header into res.locals.principal, or answers 401/429.
 * The throttle counts wrong codes per client address. While an address is throttled, every attempt from it waits
 * about a second (a timer: no thread is held, /health and everyone else are served meanwhile) before it is judged, so
 * guessing costs time; a right code still gets in after the same wait (a ward office behind one NAT with a stranger).
 * Past `maxWaiting` attempts waiting at once, an attempt is answered 429 without its code being looked at.
 */
export function authenticate(ctx: AppContext, throttle: Throttle): RequestHandler {
  const tooMany = (wait: number) => problem('too-many-attempts', { wait }, { retryAfter: wait });
  return (req, res, next) => {
    const client = req.ip ?? 'unknown';
    const code = bearer(req);
    if (code === null) return next(problem('unauthenticated'));
    const judge = async () => {
      const now = ctx.clock().getTime();
      const hash = hashCode(code);
      const found = WELL_FORMED.test(code) ? await ctx.store.findCode(hash) : null;
      // The lookup is by hash; the final comparison runs in constant time all the same.
      if (found && timingSafeEqual(Buffer.from(found.hash, 'hex'), Buffer.from(hash, 'hex'))) {
        res.locals.principal = (
          found.role === 'agency'
            ? { role: 'agency', agencyId: found.agencyId! }
            : { role: found.role, label: found.label ?? 'Quản trị', accountId: found.id }
        ) satisfies Principal;
        return next();
      }
      const wait = throttle.retryAfter(client, now);
      if (wait > 0) return next(tooMany(wait));
      throttle.fail(client, now);
      return next(problem('bad-access-code'));
    };
    const wait = throttle.retryAfter(client, ctx.clock().getTime());
    if (wait === 0) return judge().catch(next);
    if (!throttle.hold(client)) return next(tooMany(wait));
    setTimeout(() => {
      throttle.release(client);
      judge().catch(next);
    }, throttle.delayMs);
  };
}

/** Reviews and manages (plans, periods, codes, accounts): coordinators only. */
export const requireCoordinator: RequestHandler = (_req, res, next) => {
  const p = res.locals.principal as Principal;
  next(
    p.role === 'coordinator'
      ? undefined
      : p.role === 'viewer'
        ? problem('coordinator-only')
        : problem('admin-only', { need: 'coordinator' }),
  );
};

/** Reads status, masters, plans and reports: any staff account of the city (coordinator or viewer). */
export const requireStaff: RequestHandler = (_req, res, next) => {
  const p = res.locals.principal as Principal;
  next(p.role !== 'agency' ? undefined : problem('admin-only', { need: 'staff' }));
};

export const requireAgency: RequestHandler = (_req, res, next) => {
  const p = res.locals.principal as Principal;
  next(p.role === 'agency' ? undefined : problem('agency-only'));
};

export const agencyOf = (res: { locals: Record<string, unknown> }) =>
  (res.locals.principal as { agencyId: string }).agencyId;

/** Who an admin act is recorded as: the label of the admin token used. */
export const actorOf = (res: { locals: Record<string, unknown> }) => (res.locals.principal as { label: string }).label;
