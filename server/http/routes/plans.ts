// Plans as first-class things (Phòng Nội vụ): import a document as a draft, review what was read, correct it,
// publish, archive; the directory's agencies for the corrections, and adding one that is missing.
import { Router, type Response } from 'express';
import * as z from 'zod';
import { AgencyKind, Directory } from '../../../shared/directory/agency.ts';
import { cleanString } from '../../../shared/text/clean-string.ts';
import { slug } from '../../../shared/text/vietnamese.ts';
import { CorrectionsPatch } from '../../../shared/plan/corrections.ts';
import { PLAN_FILE_LIMITS } from '../../config.ts';
import type { AppContext } from '../../service/context.ts';
import { currentPeriod } from '../../service/current-period.ts';
import { archivePlan, correctPlan, currentReview, importPlan, publishPlan, type PlanAct, type PlanActError } from '../../service/plan-review.ts';
import { actorOf, requireCoordinator, requireStaff } from '../auth.ts';
import { clip, problem } from '../problem.ts';
import { planIssuesWithWording, planUnknown } from '../issues.ts';
import { DOCX_TYPE, uploadedFile } from '../upload.ts';

const NewAgency = z.object({
  name: cleanString(200, 2),
  kind: AgencyKind,
  groups: z.array(cleanString(60)).max(10).default([]),
}).strict();

function actProblem(error: PlanActError, planId: string) {
  switch (error.code) {
    case 'plan-unknown': return planUnknown(planId);
    case 'plan-unreadable': return problem(422, 'plan-unreadable', error.message, error.message);
    case 'plan-archived': return problem(409, 'plan-archived', 'Kế hoạch đã lưu trữ.', 'The plan is archived.');
    case 'plan-not-draft':
    case 'plan-already-published': return problem(409, error.code, 'Kế hoạch đã ban hành.', 'The plan is already published.');
    case 'directory-unknown': return problem(409, 'directory-unknown', `Không có danh bạ ${error.directoryId}.`, `No directory ${error.directoryId}.`);
    case 'plan-has-blocking-issues':
      return problem(409, 'plan-has-blocking-issues', `Kế hoạch còn ${error.issues.length} lỗi cần sửa trước khi ban hành.`,
        `The plan has ${error.issues.length} blocking issues left.`, { issues: planIssuesWithWording(error.issues) });
  }
}

/** A plan as the review page shows it. */
function reviewBody(act: Extract<PlanAct, { ok: true }>) {
  return { planId: act.planId, state: act.summary.state, summary: act.summary, plan: act.review.plan, issues: planIssuesWithWording(act.review.issues),
    stale: act.review.stale, usable: act.review.usable, corrections: act.corrections };
}

export function planRoutes(ctx: AppContext): Router {
  const router = Router();
  const sendAct = (res: Response, act: PlanAct, planId: string, status = 200) => {
    if (!act.ok) throw actProblem(act.error, planId);
    res.status(status).json(reviewBody(act));
  };

  router.get('/plans', requireStaff, (_req, res) => {
    const now = ctx.clock();
    res.json({ plans: ctx.store.plans().map((summary) => {
      const stored = ctx.store.plan(summary.id)!;
      const periods = ctx.store.periods(summary.id);
      const plan = summary.state === 'draft' ? null : ctx.plans.get(summary.id);
      const current = currentPeriod(periods, now);
      const latest = plan && current ? ctx.store.latestMeta(summary.id, current.id) : null;
      return {
        id: summary.id, state: summary.state, number: stored.plan.plan.number, title: stored.plan.plan.title, date: stored.plan.plan.date,
        sourceName: summary.sourceName, createdAt: summary.createdAt, publishedAt: summary.publishedAt,
        periods: periods.map((p) => ({ id: p.id, state: p.state, dueBefore: p.dueBefore })),
        current: current && plan && latest ? { periodId: current.id, expected: plan.reporters.length,
          missing: plan.reporters.filter((a) => !latest.has(a.id)).map((a) => ({ id: a.id, name: a.name })) } : null,
      };
    }) });
  });

  router.post('/plans', requireCoordinator, async (req, res) => {
    const file = await uploadedFile(req, PLAN_FILE_LIMITS.maxBytes, [DOCX_TYPE, 'text/plain', 'application/octet-stream'], 'plan');
    const name = file.name ?? (req.get('content-type')?.startsWith(DOCX_TYPE) ? 'ke-hoach.docx' : 'ke-hoach.txt');
    const act = importPlan(ctx, { bytes: file.bytes, name, actor: actorOf(res) });
    sendAct(res, act, '', 201);
  });

  router.get('/plans/:plan', requireStaff, (req, res) => {
    const planId = String(req.params.plan);
    const stored = ctx.store.plan(planId);
    if (!stored) throw actProblem({ code: 'plan-unknown' }, planId);
    const review = currentReview(ctx, stored);
    if ('code' in review) throw actProblem(review, planId);
    const summary = ctx.store.planSummary(planId)!;
    res.json({ ...reviewBody({ ok: true, planId, summary, review, corrections: stored.corrections }), read: stored.read });
  });

  router.patch('/plans/:plan', requireCoordinator, (req, res) => {
    const planId = String(req.params.plan);
    const patch = CorrectionsPatch.safeParse(req.body ?? {});
    if (!patch.success) {
      const first = patch.error.issues[0]!;
      const field = first.path.join('.');
      throw problem(400, 'bad-payload', `Sửa không hợp lệ ở trường "${clip(field, 80)}": ${first.message}.`, `Invalid correction at field "${clip(field, 80)}": ${first.message}.`, { field });
    }
    sendAct(res, correctPlan(ctx, planId, patch.data, actorOf(res)), planId);
  });

  router.post('/plans/:plan/publish', requireCoordinator, (req, res) => {
    const planId = String(req.params.plan);
    const act = publishPlan(ctx, planId, actorOf(res));
    if (!act.ok) throw actProblem(act.error, planId);
    res.json({ ...reviewBody(act), openedPeriods: act.openedPeriods, newCodes: act.newCodes, ...(act.warnings ? { warnings: act.warnings } : {}) });
  });

  router.post('/plans/:plan/archive', requireCoordinator, (req, res) => {
    const planId = String(req.params.plan);
    const act = archivePlan(ctx, planId, actorOf(res));
    if (!act.ok) throw actProblem(act.error, planId);
    res.json({ planId, state: act.summary.state, summary: act.summary });
  });

  router.get('/directories/:id', requireStaff, (req, res) => {
    const directory = ctx.plans.directory(String(req.params.id));
    if (!directory) throw problem(404, 'directory-unknown', `Không có danh bạ ${clip(String(req.params.id))}.`, `No directory ${clip(String(req.params.id))}.`);
    const d = Directory.parse(directory);
    res.json({ id: d.id, name: d.name, validFrom: d.validFrom, validTo: d.validTo,
      agencies: d.agencies.map((a) => ({ id: a.id, name: a.name, kind: a.kind, groups: a.groups, contacts: a.contacts })), groups: d.groups.map((g) => ({ id: g.id, name: g.name })) });
  });

  // An agency the directory lacks (a plan names a unit it does not know yet) is added to the stored directory.
  router.post('/directories/:id/agencies', requireCoordinator, (req, res) => {
    const found = ctx.plans.directory(String(req.params.id));
    if (!found) throw problem(404, 'directory-unknown', `Không có danh bạ ${clip(String(req.params.id))}.`, `No directory ${clip(String(req.params.id))}.`);
    const body = NewAgency.safeParse(req.body);
    if (!body.success) {
      const field = body.error.issues[0]!.path.join('.');
      throw problem(400, 'bad-payload', `Cơ quan mới không hợp lệ ở trường "${field}".`, `Invalid new agency at field "${field}".`, { field });
    }
    const directory = Directory.parse(found);
    const unknownGroup = body.data.groups.find((g) => !directory.groups.some((x) => x.id === g));
    if (unknownGroup) throw problem(400, 'group-unknown', `Không có nhóm ${clip(unknownGroup)}.`, `No group ${clip(unknownGroup)}.`, { field: 'groups' });
    let id = slug(body.data.name).slice(0, 50) || 'co-quan';
    for (let n = 2; directory.agencies.some((a) => a.id === id); n++) id = `${slug(body.data.name).slice(0, 46)}-${n}`;
    const agency = { id, name: body.data.name, kind: body.data.kind, groups: body.data.groups, aliases: [], confirmed: false, contacts: [] };
    const at = ctx.clock().toISOString();
    ctx.store.transaction(() => {
      ctx.store.saveDirectory({ ...directory, agencies: [...directory.agencies, agency] }, at);
      ctx.store.audit({ at, actor: actorOf(res), action: 'directory.add-agency', planId: null, subject: `${directory.id}/${id}`, before: null, after: agency });
    });
    res.status(201).json(agency);
  });

  return router;
}
