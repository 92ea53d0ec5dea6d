// The admin side (Phòng Nội vụ): agencies and their access codes, and the audit log.
import { Router } from 'express';
import { Directory } from '../../../shared/directory/agency.ts';
import { planReminders } from '../../service/reminders.ts';
import type { AppContext } from '../../service/context.ts';
import { exportAgencyCodes, issueAgencyCodes } from '../../service/access-codes.ts';
import { hashCode, newAccessCode } from '../../store/secret-codes.ts';
import { actorOf } from '../auth.ts';
import { route } from '../route.ts';
import { problem } from '../problem.ts';
import { ROUTES } from '../../../shared/api/routes.ts';

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  /** Every agency with a duty in a published plan, in directory order, with the plans it reports on. */
  const reporters = async () => {
    const byId = new Map<string, { id: string; name: string; groups: string[]; group: string; plans: string[] }>();
    for (const plan of await ctx.plans.published()) {
      for (const a of plan.reporters) {
        const entry = byId.get(a.id) ?? { ...a, plans: [] };
        entry.plans.push(plan.id);
        byId.set(a.id, entry);
      }
    }
    return [...byId.values()];
  };
  const reporter = async (id: string) => {
    const agency = (await reporters()).find((a) => a.id === id);
    if (!agency) throw problem('agency-unknown', { id, in: 'published' });
    return agency;
  };

  route(router, ROUTES.agencies, async (_req, res) => {
    const codes = await ctx.store.codeStatus();
    res.json({
      agencies: (await reporters()).map((a) => ({
        id: a.id,
        name: a.name,
        groups: a.groups,
        plans: a.plans,
        accessCode: codes.get(a.id) ?? { issuedAt: null, active: false },
      })),
    });
  });

  route(router, ROUTES.issueCode, async (req, res) => {
    const agency = await reporter(String(req.params.id));
    const at = ctx.clock().toISOString();
    // The code and its audit entry in one transaction; the file is an export of what was committed.
    const { issued, warnings } = await issueAgencyCodes(ctx, [agency.id], { actor: actorOf(res), planId: null, at });
    const code = issued[agency.id]!;
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ agencyId: agency.id, accessCode: code, ...(warnings.length ? { warnings } : {}) });
  });

  route(router, ROUTES.revokeCodes, async (req, res) => {
    const agency = await reporter(String(req.params.id));
    const at = ctx.clock().toISOString();
    const revoked = await ctx.store.transaction(async (store) => {
      const count = await store.revokeCodes(agency.id, at);
      await store.audit({
        at,
        actor: actorOf(res),
        action: 'code.revoke',
        planId: null,
        subject: agency.id,
        before: null,
        after: { revoked: count },
      });
      return count;
    });
    const warnings = exportAgencyCodes(ctx, { [agency.id]: null });
    res.json({ agencyId: agency.id, revoked, ...(warnings.length ? { warnings } : {}) });
  });

  // Named staff accounts: a coordinator reviews and manages, a viewer reads. The token is shown once.
  route(router, ROUTES.accounts, async (_req, res) => {
    res.json({ accounts: await ctx.store.accounts() });
  });

  route(router, ROUTES.addAccount, async (_req, res, body) => {
    const at = ctx.clock().toISOString();
    const token = newAccessCode();
    const id = await ctx.store.addAccount(body.data.role, body.data.name, hashCode(token), at);
    if (body.data.email) await ctx.store.setAccountEmail(id, body.data.email);
    await ctx.store.audit({
      at,
      actor: actorOf(res),
      action: 'account.add',
      planId: null,
      subject: `${id}`,
      before: null,
      after: { name: body.data.name, role: body.data.role },
    });
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ account: (await ctx.store.accounts()).find((a) => a.id === id), token });
  });

  route(router, ROUTES.revokeAccount, async (req, res) => {
    const id = Number(req.params.id);
    const account = (await ctx.store.accounts()).find((a) => a.id === id && a.revokedAt === null);
    if (!account) throw problem('account-unknown', { id: String(req.params.id) });
    if (account.role === 'coordinator' && (await ctx.store.activeCoordinators()) <= 1) {
      throw problem('last-coordinator');
    }
    const at = ctx.clock().toISOString();
    await ctx.store.revokeAccount(id, at);
    await ctx.store.audit({
      at,
      actor: actorOf(res),
      action: 'account.revoke',
      planId: null,
      subject: `${id}`,
      before: { name: account.name, role: account.role },
      after: null,
    });
    res.json({ accountId: id, revoked: true });
  });

  // What the reminders would send on a day (to whom, which plan and period, which kind), so a coordinator can check
  // tomorrow's before they go; `sends` says whether e-mail is configured at all.
  route(router, ROUTES.remindersPreview, async (req, res) => {
    const on = typeof req.query.on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.query.on) ? req.query.on : null;
    if (!on) throw problem('bad-payload', { body: 'reminder-date' }, { field: 'on' });
    const planned = await planReminders(ctx, on);
    res.json({
      on,
      sends: ctx.config.smtpUrl !== null,
      reminders: planned.reminders.map(({ text: _, ...r }) => r),
      digest: { to: planned.digest.to, counts: planned.digest.counts },
    });
  });

  // The people of a unit who receive its reminders.
  route(router, ROUTES.setContacts, async (req, res, body) => {
    const found = await ctx.plans.directory(String(req.params.id));
    if (!found) throw problem('directory-unknown', { id: String(req.params.id) });
    const directory = Directory.parse(found);
    const agency = directory.agencies.find((a) => a.id === String(req.params.agencyId));
    if (!agency) throw problem('agency-unknown', { id: String(req.params.agencyId), in: 'directory' });
    const at = ctx.clock().toISOString();
    await ctx.store.transaction(async (store) => {
      await store.saveDirectory(
        {
          ...directory,
          agencies: directory.agencies.map((a) => (a.id === agency.id ? { ...a, contacts: body.data.contacts } : a)),
        },
        at,
      );
      await store.audit({
        at,
        actor: actorOf(res),
        action: 'directory.contacts',
        planId: null,
        subject: `${directory.id}/${agency.id}`,
        before: agency.contacts,
        after: body.data.contacts,
      });
    });
    res.json({ agencyId: agency.id, contacts: body.data.contacts });
  });

  route(router, ROUTES.audit, async (req, res) => {
    const plan = typeof req.query.plan === 'string' ? req.query.plan : undefined;
    res.json({ entries: await ctx.store.auditLog(200, plan) });
  });

  return router;
}
