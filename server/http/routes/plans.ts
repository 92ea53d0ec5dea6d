// Plans as first-class things (Phòng Nội vụ): import a document as a draft, review what was read, correct it,
// publish, archive; the directory's agencies for the corrections, and adding one that is missing.
import { Router, type Response } from 'express';
import { Directory } from '../../../shared/directory/agency.ts';
import { slug } from '../../../shared/text/vietnamese.ts';
import { PLAN_FILE_LIMITS } from '../../config.ts';
import type { AppContext } from '../../service/context.ts';
import { currentPeriod } from '../../service/current-period.ts';
import {
  archivePlan,
  correctPlan,
  importPlan,
  publishPlan,
  viewPlan,
  type PlanAct,
  type PlanActError,
} from '../../service/plan-review.ts';
import { actorOf } from '../auth.ts';
import { route } from '../route.ts';
import { problem } from '../problem.ts';
import { validQuery } from '../valid-body.ts';
import { ROUTES } from '../../../shared/api/routes.ts';
import { planIssuesWithWording, planUnknown } from '../issues.ts';
import { planSection, planSummaryBody, SECTIONS, SectionQuery, shownIssues } from '../plan-view.ts';
import { planIssueWordingOf } from '../../../shared/plan/plan-messages.ts';
import { DOCX_TYPE, uploadedFile } from '../upload.ts';

function actProblem(error: PlanActError, planId: string) {
  switch (error.code) {
    case 'plan-unknown':
      return planUnknown(planId);
    case 'plan-unreadable':
      return problem('plan-unreadable', { message: error.message });
    case 'plan-too-long':
      return problem('plan-too-long', { message: error.message });
    case 'plan-over-limits': {
      const first = planIssueWordingOf(error.issues[0]!);
      const where = error.issues[0]!.at.where;
      return problem(
        'plan-over-limits',
        { where, first },
        { issues: planIssuesWithWording(error.issues.slice(0, 100)), issueCount: error.issues.length },
      );
    }
    case 'correction-over-limit':
      return problem(
        'title-too-long',
        { field: error.field, chars: error.chars, limit: error.limit },
        { field: error.field, limit: error.limit },
      );
    case 'plan-timeout':
      return problem('plan-timeout', { limitMs: error.limitMs }, { limitMs: error.limitMs });
    case 'plan-too-complex':
      return problem('plan-too-complex');
    case 'busy':
      return problem('busy', { scope: 'plans' }, { retryAfter: 5 });
    case 'plan-archived':
      return problem('plan-archived', { refused: 'change' });
    case 'plan-not-draft':
    case 'plan-already-published':
      return problem(error.code);
    case 'directory-unknown':
      return problem('directory-unknown', { id: error.directoryId, ofPlan: true });
    case 'plan-has-blocking-issues':
      return problem(
        'plan-has-blocking-issues',
        { count: error.issues.length },
        { issues: planIssuesWithWording(shownIssues(error.issues)), issueCount: error.issues.length },
      );
  }
}

export function planRoutes(ctx: AppContext): Router {
  const router = Router();
  const sendAct = (res: Response, act: PlanAct, planId: string, status = 200) => {
    if (!act.ok) throw actProblem(act.error, planId);
    res.status(status).json(planSummaryBody(act));
  };

  route(router, ROUTES.plans, async (_req, res) => {
    const now = ctx.clock();
    // Each plan's identity is read from its JSON by SQLite: listing plans parses none of them.
    const heads = await ctx.store.planHeads();
    res.json({
      plans: await Promise.all(
        (await ctx.store.plans()).map(async (summary) => {
          const head = heads.get(summary.id) ?? { number: null, title: '', date: null };
          const periods = await ctx.store.periods(summary.id);
          const plan = summary.state === 'draft' ? null : await ctx.plans.get(summary.id);
          const current = currentPeriod(periods, now);
          const latest = plan && current ? await ctx.store.latestMeta(summary.id, current.id) : null;
          return {
            id: summary.id,
            state: summary.state,
            number: head.number,
            title: head.title,
            date: head.date,
            sourceName: summary.sourceName,
            createdAt: summary.createdAt,
            publishedAt: summary.publishedAt,
            periods: periods.map((p) => ({ id: p.id, state: p.state, dueBefore: p.dueBefore })),
            current:
              current && plan && latest
                ? {
                    periodId: current.id,
                    expected: plan.reporters.length,
                    missing: plan.reporters.filter((a) => !latest.has(a.id)).map((a) => ({ id: a.id, name: a.name })),
                  }
                : null,
          };
        }),
      ),
    });
  });

  route(router, ROUTES.importPlan, async (req, res) => {
    const file = await uploadedFile(
      req,
      PLAN_FILE_LIMITS.maxBytes,
      [DOCX_TYPE, 'text/plain', 'application/octet-stream'],
      'plan',
    );
    const name = file.name ?? (req.get('content-type')?.startsWith(DOCX_TYPE) ? 'ke-hoach.docx' : 'ke-hoach.txt');
    const act = await importPlan(ctx, { bytes: file.bytes, name, actor: actorOf(res) });
    sendAct(res, act, '', 201);
  });

  // A plan's summary: identity, counts, the first issues, corrections. Its items come per section, a page at a time.
  route(router, ROUTES.plan, async (req, res) => {
    const planId = String(req.params.plan);
    sendAct(res, await viewPlan(ctx, planId), planId);
  });

  route(router, ROUTES.planSection, async (req, res) => {
    const planId = String(req.params.plan);
    const section = String(req.params.section);
    if (!(SECTIONS as readonly string[]).includes(section)) {
      throw problem('section-unknown', { section, sections: SECTIONS });
    }
    const query = validQuery(SectionQuery, req.query);
    const act = await viewPlan(ctx, planId);
    if (!act.ok) throw actProblem(act.error, planId);
    res.json(planSection(act, section as (typeof SECTIONS)[number], query.data));
  });

  route(router, ROUTES.correctPlan, async (req, res, patch) => {
    const planId = String(req.params.plan);
    sendAct(res, await correctPlan(ctx, planId, patch.data, actorOf(res)), planId);
  });

  route(router, ROUTES.publishPlan, async (req, res) => {
    const planId = String(req.params.plan);
    const act = await publishPlan(ctx, planId, actorOf(res));
    if (!act.ok) throw actProblem(act.error, planId);
    res.json({
      ...planSummaryBody(act),
      openedPeriods: act.openedPeriods,
      newCodes: act.newCodes,
      ...(act.warnings ? { warnings: act.warnings } : {}),
    });
  });

  route(router, ROUTES.archivePlan, async (req, res) => {
    const planId = String(req.params.plan);
    const act = await archivePlan(ctx, planId, actorOf(res));
    if (!act.ok) throw actProblem(act.error, planId);
    res.json({ planId, state: act.summary.state, summary: act.summary });
  });

  route(router, ROUTES.directory, async (req, res) => {
    const directory = await ctx.plans.directory(String(req.params.id));
    if (!directory) throw problem('directory-unknown', { id: String(req.params.id) });
    const d = Directory.parse(directory);
    res.json({
      id: d.id,
      name: d.name,
      validFrom: d.validFrom,
      validTo: d.validTo,
      agencies: d.agencies.map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        groups: a.groups,
        contacts: a.contacts,
      })),
      groups: d.groups.map((g) => ({ id: g.id, name: g.name })),
    });
  });

  // An agency the directory lacks (a plan names a unit it does not know yet) is added to the stored directory.
  route(router, ROUTES.addAgency, async (req, res, body) => {
    const found = await ctx.plans.directory(String(req.params.id));
    if (!found) throw problem('directory-unknown', { id: String(req.params.id) });
    const directory = Directory.parse(found);
    const unknownGroup = body.data.groups.find((g) => !directory.groups.some((x) => x.id === g));
    if (unknownGroup) throw problem('group-unknown', { id: unknownGroup }, { field: 'groups' });
    let id = slug(body.data.name).slice(0, 50) || 'co-quan';
    for (let n = 2; directory.agencies.some((a) => a.id === id); n++) id = `${slug(body.data.name).slice(0, 46)}-${n}`;
    const agency = {
      id,
      name: body.data.name,
      kind: body.data.kind,
      groups: body.data.groups,
      aliases: [],
      confirmed: false,
      contacts: [],
    };
    const at = ctx.clock().toISOString();
    await ctx.store.transaction(async (store) => {
      await store.saveDirectory({ ...directory, agencies: [...directory.agencies, agency] }, at);
      await store.audit({
        at,
        actor: actorOf(res),
        action: 'directory.add-agency',
        planId: null,
        subject: `${directory.id}/${id}`,
        before: null,
        after: agency,
      });
    });
    res.status(201).json(agency);
  });

  return router;
}
