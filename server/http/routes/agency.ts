// The agency side: its current period and tasks (for the sidebar), its template, submit, its history.
import { Router, type Response } from 'express';
import { daysLeft } from '../../../shared/domain/period.ts';
import { currentPeriod } from '../../service/current-period.ts';
import { GridPayload } from '../../../shared/workbook/grid-payload.ts';
import { buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import type { AppContext } from '../../service/context.ts';
import { submitGrid } from '../../service/submissions.ts';
import type { SubmitOutcome } from '../../store/store.ts';
import { generateWorkbook } from '../../workbook/generate-workbook.ts';
import { agencyOf, requireAgency } from '../auth.ts';
import { knownPeriod as knownPeriodIn, submitProblem } from '../issues.ts';
import { problem } from '../problem.ts';
import { readUpload, uploadedWorkbook } from '../upload.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(header)) throw problem(400, 'bad-idempotency-key', 'Idempotency-Key phải là 1–200 ký tự ASCII in được.', 'Idempotency-Key must be 1–200 printable ASCII characters.');
  return header;
}

function sendOutcome(res: Response, outcome: SubmitOutcome) {
  if (outcome.kind === 'key-reused') {
    throw problem(422, 'idempotency-key-reused', 'Idempotency-Key này đã dùng cho một báo cáo khác; hãy dùng khóa mới cho mỗi lần nộp.',
      'This Idempotency-Key was used for another report; use a new key for each submission.', { submissionId: outcome.receipt.submissionId });
  }
  if (outcome.kind === 'duplicate') return res.status(200).json({ ...outcome.receipt, duplicate: true });
  if (outcome.kind === 'replayed') res.set('Idempotent-Replayed', 'true');
  return res.status(201).json(outcome.receipt);
}

export function agencyRoutes(ctx: AppContext): Router {
  const router = Router();
  const knownPeriod = (id: string) => knownPeriodIn(ctx.store, id);
  const agency = (id: string) => {
    const found = ctx.plan.reporters.find((a) => a.id === id);
    // A code can outlive its agency's place in the plan (a plan imported again): it then opens nothing.
    if (!found) throw problem(403, 'agency-not-in-plan', 'Cơ quan của mã này không có nhiệm vụ trong kế hoạch hiện tại.', 'The agency of this code has no assignment in the current plan.');
    return found;
  };

  router.get('/me', requireAgency, (_req, res) => {
    const me = agency(agencyOf(res));
    const now = ctx.clock();
    const period = currentPeriod(ctx.store.periods(), now);
    const model = period ? buildTemplateModel(ctx.plan.plan, me, period, now.toISOString()) : null;
    const latest = period ? ctx.store.history(period.id, me.id).at(-1) ?? null : null;
    res.json({
      agency: { id: me.id, name: me.name },
      plan: { number: ctx.plan.plan.plan.number, title: ctx.plan.plan.plan.title },
      period: period && { id: period.id, kind: period.kind, state: period.state, dataFrom: period.dataFrom, dataTo: period.dataTo,
        dueBefore: period.dueBefore, daysLeft: daysLeft(period, now) },
      tasks: model?.tasks ?? [],
      measures: model?.measures ?? [],
      latestReceipt: latest && { submissionId: latest.submissionId, version: latest.version, receivedAt: latest.receivedAt, onTime: latest.onTime },
    });
  });

  router.get('/periods/:period/template.xlsx', requireAgency, async (req, res) => {
    const period = knownPeriod(String(req.params.period));
    const me = agency(agencyOf(res));
    const bytes = await generateWorkbook(buildTemplateModel(ctx.plan.plan, me, period, ctx.clock().toISOString()), { contact: ctx.config.contact });
    res.set('Content-Disposition', `attachment; filename="${period.id}-${me.id}.xlsx"`);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bytes);
  });

  router.post('/periods/:period/reports', requireAgency, (req, res) => {
    const key = idempotencyKey(req.get('idempotency-key'));
    const parsed = GridPayload.safeParse(req.body);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      throw problem(400, 'bad-payload', `Dữ liệu gửi lên không hợp lệ ở trường "${first.path.join('.')}": ${first.message}.`,
        `Invalid payload at field "${first.path.join('.')}": ${first.message}.`, { field: first.path.join('.') });
    }
    const result = submitGrid(ctx, { agencyId: agencyOf(res), periodId: String(req.params.period), grid: parsed.data.grid, source: parsed.data.source, idempotencyKey: key });
    if (!result.ok) throw submitProblem(result, String(req.params.period));
    sendOutcome(res, result.outcome);
  });

  router.post('/periods/:period/workbooks', requireAgency, async (req, res) => {
    const key = idempotencyKey(req.get('idempotency-key'));
    const bytes = await uploadedWorkbook(req, ctx.config.workbookLimitBytes);
    const read = await readUpload(ctx, bytes);
    const result = submitGrid(ctx, { agencyId: agencyOf(res), periodId: String(req.params.period), grid: read.grid, source: 'upload', idempotencyKey: key });
    if (!result.ok) throw submitProblem(result, String(req.params.period));
    sendOutcome(res, result.outcome);
  });

  router.get('/periods/:period/submissions', requireAgency, (req, res) => {
    const period = knownPeriod(String(req.params.period));
    res.json({ periodId: period.id, submissions: ctx.store.history(period.id, agencyOf(res)).map(({ contentHash: _, ...s }) => s) });
  });

  return router;
}
