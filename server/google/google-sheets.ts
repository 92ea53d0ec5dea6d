// Agencies that work in Google Sheets: their workbooks created in Drive (converted, then given back the validation,
// protection and hidden metadata that conversion drops, and shared with the agency's contacts), sheets an agency
// made itself linked (the pull that reads them back is the service's: server/service/google-pull.ts).
import { READ_SHEETS } from '../../shared/workbook/spec.ts';
import { isIdentityFinding, issueWording } from '../../shared/workbook/issue.ts';
import { readReport } from '../../shared/workbook/grid-reader.ts';
import { buildTemplateModel, assignmentsByAgency } from '../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../workbook/generate-workbook.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import type { Store } from '../store/store.ts';
import { statusOf } from './pace.ts';
import type { GoogleApi } from './api.ts';
import { setupRequests } from './sheet-setup.ts';

export interface GoogleDeps {
  api: GoogleApi;
  folderId: string | null;
  contact?: string;
}
type Ctx = { store: Store; clock: () => Date };

/** A failed Google call in one line: the HTTP status when there was one. */
export const googleFailure = (error: unknown) => {
  const status = statusOf(error);
  return `${status ? `HTTP ${status}: ` : ''}${(error as Error).message ?? String(error)}`.slice(0, 300);
};

export interface CreateResult {
  created: string[];
  skipped: string[];
  failed: { agencyId: string; reason: string }[];
}

/** Creates the Google Sheet of every reporting agency that has none for this plan and period. */
export async function createAgencySheets(
  ctx: Ctx,
  g: GoogleDeps,
  plan: PlanContext,
  periodId: string,
  progress: (line: string) => void = () => {},
): Promise<CreateResult> {
  const period = await ctx.store.period(plan.id, periodId);
  if (!period) throw new Error(`no period ${periodId} of the plan ${plan.id}`);
  const registered = new Set((await ctx.store.googleSheets(plan.id, periodId)).map((r) => r.agencyId));
  const byAgency = assignmentsByAgency(plan.plan);
  const result: CreateResult = { created: [], skipped: [], failed: [] };
  const total = plan.reporters.length;
  for (const [i, reporter] of plan.reporters.entries()) {
    const n = `[${i + 1}/${total}]`;
    if (registered.has(reporter.id)) {
      result.skipped.push(reporter.id);
      progress(`${n} ${reporter.id}: đã có / already there`);
      continue;
    }
    try {
      const agency = plan.index.byId(reporter.id)!;
      const model = buildTemplateModel(
        plan.plan,
        agency,
        period,
        ctx.clock().toISOString(),
        byAgency.get(reporter.id) ?? [],
        plan.id,
      );
      const xlsx = await generateWorkbook(model, g.contact ? { contact: g.contact } : {});
      const spreadsheetId = await g.api.uploadAsSheet(
        `Báo cáo ${plan.id} ${periodId} — ${reporter.name}`,
        xlsx,
        g.folderId,
      );
      await g.api.batchUpdate(spreadsheetId, setupRequests(model, await g.api.sheetIds(spreadsheetId), g.api.account));
      const emails = agency.contacts.map((c) => c.email);
      for (const email of emails) await g.api.share(spreadsheetId, email);
      await ctx.store.registerGoogleSheet({
        planId: plan.id,
        periodId,
        agencyId: reporter.id,
        spreadsheetId,
        origin: 'created',
        at: ctx.clock().toISOString(),
      });
      result.created.push(reporter.id);
      progress(
        `${n} ${reporter.id}: ${spreadsheetId}${emails.length ? ` (chia sẻ / shared: ${emails.join(', ')})` : ' (chưa có e-mail liên hệ / no contact e-mail)'}`,
      );
    } catch (error) {
      result.failed.push({ agencyId: reporter.id, reason: googleFailure(error) });
      progress(`${n} ${reporter.id}: LỖI / FAILED ${googleFailure(error)}`);
    }
  }
  return result;
}

export type LinkResult = { ok: true } | { ok: false; reason: string };

/** Registers a sheet that exists already, once its metadata shows it is this agency's workbook for this plan and period. */
export async function linkAgencySheet(
  ctx: Ctx,
  g: GoogleDeps,
  plan: PlanContext,
  periodId: string,
  agencyId: string,
  spreadsheetId: string,
): Promise<LinkResult> {
  if (!(await ctx.store.period(plan.id, periodId)))
    return { ok: false, reason: `no period ${periodId} of the plan ${plan.id}` };
  if (!plan.reporters.some((r) => r.id === agencyId))
    return { ok: false, reason: `${agencyId} does not report on the plan ${plan.id}` };
  let grid;
  try {
    grid = await g.api.readSheets(spreadsheetId, READ_SHEETS);
  } catch (error) {
    return { ok: false, reason: googleFailure(error) };
  }
  const read = readReport(grid, { expected: { agencyId, periodId, planId: plan.id } });
  const wrong = read.ok ? [] : read.issues.filter((i) => isIdentityFinding(i.code));
  if (wrong.length) return { ok: false, reason: wrong.map((i) => issueWording(i).vi).join(' ') };
  await ctx.store.registerGoogleSheet({
    planId: plan.id,
    periodId,
    agencyId,
    spreadsheetId,
    origin: 'linked',
    at: ctx.clock().toISOString(),
  });
  return { ok: true };
}
