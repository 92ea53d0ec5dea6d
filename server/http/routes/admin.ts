// The admin side (Phòng Nội vụ): agencies and their access codes, and the audit log.
import { Router } from 'express';
import type { AppContext } from '../../service/context.ts';
import { issueAgencyCode, recordAgencyCode } from '../../service/access-codes.ts';
import { actorOf, requireAdmin } from '../auth.ts';
import { clip, problem } from '../problem.ts';

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  /** Every agency with a duty in a published plan, in directory order, with the plans it reports on. */
  const reporters = () => {
    const byId = new Map<string, { id: string; name: string; groups: string[]; group: string; plans: string[] }>();
    for (const plan of ctx.plans.published()) {
      for (const a of plan.reporters) {
        const entry = byId.get(a.id) ?? { ...a, plans: [] };
        entry.plans.push(plan.id);
        byId.set(a.id, entry);
      }
    }
    return [...byId.values()];
  };
  const reporter = (id: string) => {
    const agency = reporters().find((a) => a.id === id);
    if (!agency) throw problem(404, 'agency-unknown', `Không có cơ quan ${clip(id)} trong các kế hoạch đang thực hiện.`, `No agency ${clip(id)} reports on a published plan.`);
    return agency;
  };

  router.get('/agencies', requireAdmin, (_req, res) => {
    const codes = ctx.store.codeStatus();
    res.json({ agencies: reporters().map((a) => ({ id: a.id, name: a.name, groups: a.groups, plans: a.plans,
      accessCode: codes.get(a.id) ?? { issuedAt: null, active: false } })) });
  });

  router.post('/agencies/:id/access-code', requireAdmin, (req, res) => {
    const agency = reporter(String(req.params.id));
    const at = ctx.clock().toISOString();
    const code = issueAgencyCode(ctx.store, agency.id, at);
    recordAgencyCode(ctx.codesPath, agency.id, code);
    ctx.store.audit({ at, actor: actorOf(res), action: 'code.issue', planId: null, subject: agency.id, before: null, after: null });
    res.status(201).set('Cache-Control', 'no-store').json({ agencyId: agency.id, accessCode: code });
  });

  router.delete('/agencies/:id/access-code', requireAdmin, (req, res) => {
    const agency = reporter(String(req.params.id));
    const at = ctx.clock().toISOString();
    const revoked = ctx.store.revokeCodes(agency.id, at);
    recordAgencyCode(ctx.codesPath, agency.id, null);
    ctx.store.audit({ at, actor: actorOf(res), action: 'code.revoke', planId: null, subject: agency.id, before: null, after: { revoked } });
    res.json({ agencyId: agency.id, revoked });
  });

  router.get('/audit', requireAdmin, (req, res) => {
    const plan = typeof req.query.plan === 'string' ? req.query.plan : undefined;
    res.json({ entries: ctx.store.auditLog(200, plan) });
  });

  return router;
}
