// A published plan's periods (Phòng Nội vụ): open, close, lock, delete; the status table, the master, the templates.
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import { Zip, ZipPassThrough } from 'fflate';
import { periodFromId, periodYears, vietnamDate } from '../../../shared/domain/period.ts';
import { assignmentsByAgency, buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import type { AppContext } from '../../service/context.ts';
import { currentPeriod } from '../../service/current-period.ts';
import { periodStatus } from '../../service/period-status.ts';
import { actorOf } from '../auth.ts';
import { route } from '../route.ts';
import { knownPeriod, knownPlan } from '../issues.ts';
import { problem } from '../problem.ts';
import { ROUTES } from '../../../shared/api/routes.ts';
import { daysAfter, RESUBMIT_DAYS, reviewState } from '../../service/reviews.ts';
import { agencyDuty } from '../../../shared/workbook/duty.ts';
import { jobOwner, XLSX_TYPE } from '../upload.ts';
import { consolidatedFromStore } from '../../report/report-source.ts';

export function periodRoutes(ctx: AppContext): Router {
  const router = Router();
  const planOf = (params: Record<string, unknown>) => knownPlan(ctx, String(params.plan));
  const scope = async (params: Record<string, unknown>) => {
    const plan = await planOf(params);
    return { plan, period: await knownPeriod(ctx, plan, String(params.period)) };
  };

  route(router, ROUTES.periods, async (req, res) => {
    const plan = await planOf(req.params);
    const periods = await ctx.store.periods(plan.id);
    res.json({ planId: plan.id, periods, current: currentPeriod(periods, ctx.clock())?.id ?? null });
  });

  route(router, ROUTES.openNewPeriod, async (req, res, body) => {
    const plan = await planOf(req.params);
    if (plan.state !== 'published') throw problem('plan-archived', { refused: 'period' });
    const made = periodFromId(body.data.id, plan.plan.reporting);
    if (!made.ok) {
      throw problem(made.reason, { id: body.data.id }, { field: 'id' });
    }
    const years = periodYears(plan.plan.plan.date, vietnamDate(ctx.clock()));
    if (made.period.year < years.from || made.period.year > years.to) {
      throw problem('period-year-out-of-range', years, { field: 'id' });
    }
    const at = ctx.clock().toISOString();
    const created = await ctx.store.openPeriod(plan.id, made.period, at);
    if (created)
      await ctx.store.audit({
        at,
        actor: actorOf(res),
        action: 'period.open',
        planId: plan.id,
        subject: made.period.id,
        before: null,
        after: { state: 'open' },
      });
    res.status(created ? 201 : 200).json(await ctx.store.period(plan.id, made.period.id));
  });

  route(router, ROUTES.deletePeriod, async (req, res) => {
    const { plan, period } = await scope(req.params);
    if (!(await ctx.store.deletePeriod(plan.id, period.id))) {
      throw problem('period-has-submissions', { id: period.id });
    }
    await ctx.store.audit({
      at: ctx.clock().toISOString(),
      actor: actorOf(res),
      action: 'period.delete',
      planId: plan.id,
      subject: period.id,
      before: { state: period.state },
      after: null,
    });
    await ctx.master.discard(`${plan.id}/${period.id}`);
    res.json({ planId: plan.id, periodId: period.id, deleted: true });
  });

  for (const [spec, action, state] of [
    [ROUTES.openPeriod, 'open', 'open'],
    [ROUTES.closePeriod, 'close', 'closed'],
    [ROUTES.lockPeriod, 'lock', 'locked'],
  ] as const) {
    route(router, spec, async (req, res) => {
      const { plan, period } = await scope(req.params);
      const at = ctx.clock().toISOString();
      await ctx.store.setPeriodState(plan.id, period.id, state, at);
      await ctx.store.audit({
        at,
        actor: actorOf(res),
        action: `period.${action}`,
        planId: plan.id,
        subject: period.id,
        before: { state: period.state },
        after: { state },
      });
      res.json(await ctx.store.period(plan.id, period.id));
    });
  }

  // One report version as the reviewer reads it: its rows with titles, the previous version (for what changed), the review.
  route(router, ROUTES.submission, async (req, res) => {
    const { plan, period } = await scope(req.params);
    const submission = await ctx.store.submission(plan.id, period.id, String(req.params.submissionId));
    if (!submission) throw problem('submission-unknown', { id: String(req.params.submissionId) });
    const agency = plan.reporters.find((a) => a.id === submission.agencyId);
    const history = await ctx.store.history(plan.id, period.id, submission.agencyId);
    const previous = history.filter((h) => h.version < submission.version).at(-1) ?? null;
    const duty = agency ? agencyDuty(plan.plan, agency, period, plan.id) : null;
    res.json({
      submission: { ...submission, agencyName: agency?.name ?? submission.agencyId },
      tasks: duty?.tasks ?? [],
      measures: duty?.measures ?? [],
      report: await ctx.store.report(submission.submissionId),
      previous: previous && { version: previous.version, report: await ctx.store.report(previous.submissionId) },
      review: reviewState(await ctx.store.latestReview(submission.submissionId)),
    });
  });

  // The city's review of one report version: accept, or return with comments and a deadline to resubmit.
  route(router, ROUTES.review, async (req, res, body) => {
    const { plan, period } = await scope(req.params);
    const submission = await ctx.store.submission(plan.id, period.id, String(req.params.submissionId));
    if (!submission) throw problem('submission-unknown', { id: String(req.params.submissionId) });
    const now = ctx.clock();
    const r = body.data;
    const resubmitBy = r.decision === 'return' ? (r.resubmitBy ?? daysAfter(now, RESUBMIT_DAYS)) : null;
    await ctx.store.transaction(async (store) => {
      await store.review(submission.submissionId, {
        decision: r.decision,
        comment: r.comment,
        comments: r.comments,
        resubmitBy,
        actor: actorOf(res),
        at: now.toISOString(),
      });
      await store.audit({
        at: now.toISOString(),
        actor: actorOf(res),
        action: r.decision === 'accept' ? 'report.accept' : 'report.return',
        planId: plan.id,
        subject: `${period.id}/${submission.agencyId}/v${submission.version}`,
        before: null,
        after: { comment: r.comment, comments: r.comments.length, resubmitBy },
      });
    });
    ctx.master.schedule(`${plan.id}/${period.id}`); // the master shows each version's review
    res.json({
      submissionId: submission.submissionId,
      agencyId: submission.agencyId,
      version: submission.version,
      review: reviewState(await ctx.store.latestReview(submission.submissionId)),
    });
  });

  // Build the period's master from accepted versions only (or from the latest, the default).
  route(router, ROUTES.masterSource, async (req, res, body) => {
    const { plan, period } = await scope(req.params);
    const at = ctx.clock().toISOString();
    await ctx.store.setMasterAcceptedOnly(plan.id, period.id, body.data.acceptedOnly, at);
    await ctx.store.audit({
      at,
      actor: actorOf(res),
      action: 'period.master-source',
      planId: plan.id,
      subject: period.id,
      before: { acceptedOnly: period.masterAcceptedOnly },
      after: body.data,
    });
    ctx.master.schedule(`${plan.id}/${period.id}`);
    res.json(await ctx.store.period(plan.id, period.id));
  });

  // A locked period can let one agency submit until a date, recorded with who granted it and why.
  route(router, ROUTES.grantException, async (req, res, body) => {
    const { plan, period } = await scope(req.params);
    if (!plan.reporters.some((a) => a.id === body.data.agencyId))
      throw problem('agency-unknown', { id: body.data.agencyId, in: 'plan' });
    const at = ctx.clock().toISOString();
    await ctx.store.grantException({ planId: plan.id, periodId: period.id, ...body.data, actor: actorOf(res), at });
    await ctx.store.audit({
      at,
      actor: actorOf(res),
      action: 'period.exception',
      planId: plan.id,
      subject: `${period.id}/${body.data.agencyId}`,
      before: null,
      after: { until: body.data.until, reason: body.data.reason },
    });
    res.status(201).json({ planId: plan.id, periodId: period.id, ...body.data, grantedBy: actorOf(res) });
  });

  route(router, ROUTES.status, async (req, res) => {
    const { plan, period } = await scope(req.params);
    res.json(await periodStatus(ctx, plan, period));
  });

  route(router, ROUTES.masterFile, async (req, res) => {
    const { plan, period } = await scope(req.params);
    const path = await ctx.master.current(`${plan.id}/${period.id}`);
    res
      .set('Content-Disposition', `attachment; filename="tong-hop-${plan.id}-${period.id}.xlsx"`)
      .set('Cache-Control', 'no-store');
    res.type(XLSX_TYPE).send(await readFile(path));
  });

  route(router, ROUTES.buildMaster, async (req, res) => {
    const { plan, period } = await scope(req.params);
    await ctx.master.build(`${plan.id}/${period.id}`);
    res.json({ planId: plan.id, periodId: period.id, builtAt: ctx.clock().toISOString() });
  });

  // The consolidated report (Nghị định 30 layout), drafted from what was submitted: as .docx, and its content for the preview.
  route(router, ROUTES.reportFile, async (req, res) => {
    const { plan, period } = await scope(req.params);
    // The Word writer is loaded by the first report asked for, not at start.
    const { consolidatedDocx } = await import('../../report/write-docx.ts');
    const bytes = await consolidatedDocx(await consolidatedFromStore(ctx.store, plan, period));
    res
      .set('Content-Disposition', `attachment; filename="bao-cao-${plan.id}-${period.id}.docx"`)
      .set('Cache-Control', 'no-store');
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(Buffer.from(bytes));
  });

  route(router, ROUTES.report, async (req, res) => {
    const { plan, period } = await scope(req.params);
    res.set('Cache-Control', 'no-store').json(await consolidatedFromStore(ctx.store, plan, period));
  });

  route(router, ROUTES.templatesZip, async (req, res) => {
    const { plan, period } = await scope(req.params);
    const byAgency = assignmentsByAgency(plan.plan);
    res
      .set('Content-Disposition', `attachment; filename="mau-bao-cao-${plan.id}-${period.id}.zip"`)
      .type('application/zip');
    // Streamed: each workbook is written to the answer as soon as it is generated (stored, not compressed again:
    // workbooks are zip files already), so memory stays flat whatever the number of agencies.
    const zip = new Zip((error, chunk, final) => {
      if (error) {
        res.destroy(error);
        return;
      }
      res.write(chunk);
      if (final) res.end();
    });
    const at = ctx.clock().toISOString();
    // Each workbook is generated in the reader pool, taking turns with the agencies' uploads; the next one is asked
    // for while this one is written, so a reader is rarely idle.
    const owner = jobOwner(res);
    const generate = (i: number) => {
      const agency = plan.reporters[i];
      if (!agency) return null;
      const made = ctx.uploads.generate(
        buildTemplateModel(plan.plan, agency, period, at, byAgency.get(agency.id) ?? [], plan.id),
        { contact: ctx.config.contact },
        owner,
      );
      made.catch(() => undefined); // awaited below, or abandoned when the client goes
      return made;
    };
    let next = generate(0);
    for (const [i, agency] of plan.reporters.entries()) {
      if (res.destroyed) break;
      let bytes: Uint8Array;
      try {
        bytes = await next!;
      } catch (error) {
        res.destroy(error as Error);
        return;
      }
      next = generate(i + 1);
      const file = new ZipPassThrough(`${plan.id}-${period.id}-${agency.id}.xlsx`);
      zip.add(file);
      file.push(bytes, true);
      // Let the socket drain before the next workbook: a slow client does not make the service hold them all.
      // Both listeners go once either fires (a 'close' listener left per wait grew without bound over 10,000 workbooks).
      if (res.writableNeedDrain) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    zip.end();
  });

  return router;
}
