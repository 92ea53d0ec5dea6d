// The agency side: its duties across published plans (for the sidebar), and per plan and period its
// template, submit (grid or workbook) and history.
import { Router, type Response } from 'express';
import { daysLeft } from '../../../shared/domain/period.ts';
import { MeAnswer, PeriodDuty, Receipt, SubmissionSummary, type Duty } from '../../../shared/api/contract.ts';
import { agencyDuty } from '../../../shared/workbook/duty.ts';
import { buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import type { AppContext } from '../../service/context.ts';
import type { PlanContext } from '../../plan/plan-context.ts';
import { currentPeriod } from '../../service/current-period.ts';
import { submitGrid } from '../../service/submissions.ts';
import { reviewState } from '../../service/reviews.ts';
import type { StoredPeriod, SubmitOutcome } from '../../store/store.ts';
import { agencyOf } from '../auth.ts';
import { route } from '../route.ts';
import { ROUTES } from '../../../shared/api/routes.ts';
import { knownPeriod, knownPlan, submitProblem } from '../issues.ts';
import { problem } from '../problem.ts';
import { jobOwner, pooled, readReport, readUpload, uploadedWorkbook, XLSX_TYPE } from '../upload.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(header)) throw problem('bad-idempotency-key');
  return header;
}

function sendOutcome(res: Response, outcome: SubmitOutcome) {
  if (outcome.kind === 'key-reused') {
    throw problem('idempotency-key-reused', undefined, { submissionId: outcome.receipt.submissionId });
  }
  if (outcome.kind === 'duplicate') return res.status(200).json(Receipt.parse({ ...outcome.receipt, duplicate: true }));
  if (outcome.kind === 'replayed') res.set('Idempotent-Replayed', 'true');
  return res.status(201).json(Receipt.parse(outcome.receipt));
}

/** The agency as a reporter of that plan, or 403: a code opens only the plans its agency has duties in. */
function reporterIn(plan: PlanContext, agencyId: string) {
  const found = plan.reporters.find((a) => a.id === agencyId);
  if (!found) throw problem('agency-not-in-plan', { planId: plan.id });
  return found;
}

export function agencyRoutes(ctx: AppContext): Router {
  const router = Router();
  const scope = async (params: Record<string, unknown>, res: Response) => {
    const plan = await knownPlan(ctx, String(params.plan));
    const me = reporterIn(plan, agencyOf(res));
    return { plan, me, period: await knownPeriod(ctx, plan, String(params.period)) };
  };

  /** One duty: its plan, period (with days left), rows and the latest receipt (metadata only, no report bodies). */
  const dutyOf = async (
    plan: PlanContext,
    me: { id: string; name: string; groups: string[] },
    period: StoredPeriod,
    now: Date,
  ) => {
    const duty = agencyDuty(plan.plan, me, period, plan.id);
    const latest = await ctx.store.latestSubmission(plan.id, period.id, me.id);
    return {
      duty,
      body: {
        plan: { id: plan.id, number: plan.plan.plan.number, title: plan.plan.plan.title },
        period: {
          id: period.id,
          kind: period.kind,
          state: period.state,
          dataFrom: period.dataFrom,
          dataTo: period.dataTo,
          dueBefore: period.dueBefore,
          daysLeft: daysLeft(period, now),
        },
        tasks: duty.tasks,
        measures: duty.measures,
        latestReceipt: latest && {
          submissionId: latest.submissionId,
          version: latest.version,
          receivedAt: latest.receivedAt,
          onTime: latest.onTime,
          review: reviewState(await ctx.store.latestReview(latest.submissionId)),
        },
      } satisfies Duty,
    };
  };

  // What the agency owes, across every published plan it has duties in, soonest due first.
  route(router, ROUTES.me, async (_req, res) => {
    const agencyId = agencyOf(res);
    const now = ctx.clock();
    const plans = (await ctx.plans.published()).filter((p) => p.reporters.some((a) => a.id === agencyId));
    if (plans.length === 0) {
      throw problem('agency-not-in-plan');
    }
    const agency = plans[0]!.reporters.find((a) => a.id === agencyId)!;
    const duties: Duty[] = [];
    for (const plan of plans) {
      const period = currentPeriod(await ctx.store.periods(plan.id), now);
      if (period)
        duties.push(
          (
            await dutyOf(
              plan,
              plan.reporters.find((a) => a.id === agencyId)!,
              period,
              now,
            )
          ).body,
        );
    }
    duties.sort((a, b) => a.period.dueBefore.localeCompare(b.period.dueBefore) || a.plan.id.localeCompare(b.plan.id));
    res.json(MeAnswer.parse({ agency: { id: agency.id, name: agency.name }, duties }));
  });

  // What a pane needs to judge the workbook that is open, for the plan and period its metadata names:
  // the same plan key and row digest the server checks a submission against.
  route(router, ROUTES.periodDuty, async (req, res) => {
    const { plan, me, period } = await scope(req.params, res);
    const { duty, body } = await dutyOf(plan, me, period, ctx.clock());
    const history = await ctx.store.history(plan.id, period.id, me.id);
    res.json(
      PeriodDuty.parse({
        ...body,
        agency: { id: me.id, name: me.name },
        planKey: duty.planKey,
        lockedDigest: duty.lockedDigest,
        history: history.map(({ contentHash: _, ...s }) => s),
      }),
    );
  });

  // Generated in the reader pool, as the agency's turn comes: a few at a time per code, the rest refused (429).
  route(router, ROUTES.template, async (req, res) => {
    const { plan, me, period } = await scope(req.params, res);
    const model = buildTemplateModel(plan.plan, me, period, ctx.clock().toISOString(), undefined, plan.id);
    const bytes = await pooled(() => ctx.uploads.generate(model, { contact: ctx.config.contact }, jobOwner(res)));
    res.set('Content-Disposition', `attachment; filename="${plan.id}-${period.id}-${me.id}.xlsx"`);
    res.type(XLSX_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  route(router, ROUTES.submitReport, async (req, res) => {
    const key = idempotencyKey(req.get('idempotency-key'));
    const { plan, me, period } = await scope(req.params, res);
    const payload = await readReport(ctx, req, jobOwner(res));
    const result = await submitGrid(ctx, plan, {
      agencyId: me.id,
      periodId: period.id,
      grid: payload.grid,
      source: payload.source,
      idempotencyKey: key,
    });
    if (!result.ok) throw submitProblem(result, period.id);
    sendOutcome(res, result.outcome);
  });

  route(router, ROUTES.submitWorkbook, async (req, res) => {
    const key = idempotencyKey(req.get('idempotency-key'));
    const { plan, me, period } = await scope(req.params, res);
    const bytes = await uploadedWorkbook(req, ctx.config.workbookLimitBytes);
    const read = await readUpload(ctx, bytes, jobOwner(res));
    const result = await submitGrid(ctx, plan, {
      agencyId: me.id,
      periodId: period.id,
      grid: read.grid,
      source: 'upload',
      idempotencyKey: key,
    });
    if (!result.ok) throw submitProblem(result, period.id);
    sendOutcome(res, result.outcome);
  });

  route(router, ROUTES.ownSubmissions, async (req, res) => {
    const { plan, me, period } = await scope(req.params, res);
    res.json({
      planId: plan.id,
      periodId: period.id,
      submissions: (await ctx.store.history(plan.id, period.id, me.id)).map(({ contentHash: _, ...s }) =>
        SubmissionSummary.parse(s),
      ),
    });
  });

  return router;
}
