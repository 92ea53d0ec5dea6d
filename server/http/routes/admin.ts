// The admin side (Phòng Nội vụ): agencies and their access codes, periods and their states, the status table.
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { periodFromId, periodYears, vietnamDate } from '../../../shared/domain/period.ts';
import { assignmentsByAgency, buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../../workbook/generate-workbook.ts';
import { XLSX_TYPE } from '../upload.ts';
import type { AppContext } from '../../service/context.ts';
import { issueAgencyCode, recordAgencyCode } from '../../service/access-codes.ts';
import { periodStatus } from '../../service/period-status.ts';
import { currentPeriod } from '../../service/current-period.ts';
import type { PeriodState } from '../../store/store.ts';
import { requireAdmin } from '../auth.ts';
import { knownPeriod as knownPeriodIn } from '../issues.ts';
import { clip, problem } from '../problem.ts';

const OpenPeriod = z.object({ id: z.string().max(20) }).strict();

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  const reporter = (id: string) => {
    const agency = ctx.plan.reporters.find((a) => a.id === id);
    if (!agency) throw problem(404, 'agency-unknown', `Không có cơ quan ${clip(id)} trong kế hoạch.`, `No agency ${clip(id)} reports on the plan.`);
    return agency;
  };
  const knownPeriod = (id: string) => knownPeriodIn(ctx.store, id);

  router.get('/agencies', requireAdmin, (_req, res) => {
    const codes = ctx.store.codeStatus();
    res.json({ agencies: ctx.plan.reporters.map((a) => ({ id: a.id, name: a.name, groups: a.groups,
      accessCode: codes.get(a.id) ?? { issuedAt: null, active: false } })) });
  });

  router.post('/agencies/:id/access-code', requireAdmin, (req, res) => {
    const agency = reporter(String(req.params.id));
    const code = issueAgencyCode(ctx.store, agency.id, ctx.clock().toISOString());
    recordAgencyCode(ctx.codesPath, agency.id, code);
    res.status(201).set('Cache-Control', 'no-store').json({ agencyId: agency.id, accessCode: code });
  });

  router.delete('/agencies/:id/access-code', requireAdmin, (req, res) => {
    const agency = reporter(String(req.params.id));
    const revoked = ctx.store.revokeCodes(agency.id, ctx.clock().toISOString());
    recordAgencyCode(ctx.codesPath, agency.id, null);
    res.json({ agencyId: agency.id, revoked });
  });

  router.get('/periods', requireAdmin, (_req, res) => {
    const periods = ctx.store.periods();
    res.json({ periods, current: currentPeriod(periods, ctx.clock())?.id ?? null });
  });

  router.post('/periods', requireAdmin, (req, res) => {
    const body = OpenPeriod.safeParse(req.body);
    if (!body.success) throw problem(400, 'bad-payload', 'Cần trường "id" của kỳ báo cáo, ví dụ "2026-H1".', 'The field "id" of the period is required, e.g. "2026-H1".', { field: 'id' });
    const made = periodFromId(body.data.id, ctx.plan.plan.reporting);
    if (!made.ok) {
      throw problem(400, made.reason, `Kỳ "${body.data.id}" không hợp lệ hoặc không có trong chế độ báo cáo của kế hoạch.`,
        `The period "${body.data.id}" is malformed or not in the plan's reporting rule.`, { field: 'id' });
    }
    const years = periodYears(ctx.plan.plan.plan.date, vietnamDate(ctx.clock()));
    if (made.period.year < years.from || made.period.year > years.to) {
      throw problem(400, 'period-year-out-of-range', `Chỉ mở kỳ báo cáo của các năm ${years.from}–${years.to}.`, `Periods can be opened for the years ${years.from}–${years.to} only.`, { field: 'id' });
    }
    const created = ctx.store.openPeriod(made.period, ctx.clock().toISOString());
    res.status(created ? 201 : 200).json(ctx.store.period(made.period.id));
  });

  router.delete('/periods/:period', requireAdmin, async (req, res) => {
    const period = knownPeriod(String(req.params.period));
    if (!ctx.store.deletePeriod(period.id)) {
      throw problem(409, 'period-has-submissions', `Kỳ ${period.id} đã có báo cáo; không thể xóa (hãy khóa kỳ nếu không dùng nữa).`, `The period ${period.id} has reports and cannot be deleted (lock it instead).`);
    }
    await ctx.master.discard(period.id);
    res.json({ periodId: period.id, deleted: true });
  });

  for (const [action, state] of [['open', 'open'], ['close', 'closed'], ['lock', 'locked']] as [string, PeriodState][]) {
    router.post(`/periods/:period/${action}`, requireAdmin, (req, res) => {
      const period = knownPeriod(String(req.params.period));
      ctx.store.setPeriodState(period.id, state, ctx.clock().toISOString());
      res.json(ctx.store.period(period.id));
    });
  }

  router.get('/periods/:period/master.xlsx', requireAdmin, async (req, res) => {
    const period = knownPeriod(String(req.params.period));
    const path = await ctx.master.current(period.id);
    res.set('Content-Disposition', `attachment; filename="tong-hop-${period.id}.xlsx"`).set('Cache-Control', 'no-store');
    res.type(XLSX_TYPE).send(await readFile(path));
  });

  router.post('/periods/:period/master', requireAdmin, async (req, res) => {
    const period = knownPeriod(String(req.params.period));
    await ctx.master.build(period.id);
    res.json({ periodId: period.id, builtAt: ctx.clock().toISOString() });
  });

  router.get('/periods/:period/templates.zip', requireAdmin, async (req, res) => {
    const period = knownPeriod(String(req.params.period));
    const byAgency = assignmentsByAgency(ctx.plan.plan);
    const files: Record<string, [Uint8Array, { level: 0 }]> = {};
    for (const agency of ctx.plan.reporters) {
      const model = buildTemplateModel(ctx.plan.plan, agency, period, ctx.clock().toISOString(), byAgency.get(agency.id) ?? []);
      // Workbooks are zip files already: store them without compressing again.
      files[`${period.id}-${agency.id}.xlsx`] = [await generateWorkbook(model, { contact: ctx.config.contact }), { level: 0 }];
    }
    res.set('Content-Disposition', `attachment; filename="mau-bao-cao-${period.id}.zip"`).type('application/zip').send(Buffer.from(zipSync(files)));
  });

  router.get('/periods/:period/status', requireAdmin, (req, res) => { res.json(periodStatus(ctx, knownPeriod(String(req.params.period)))); });

  return router;
}
