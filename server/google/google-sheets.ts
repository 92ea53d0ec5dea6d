// Agencies that work in Google Sheets: their workbooks created in Drive (converted, then given back the validation,
// protection and hidden metadata that conversion drops, and shared with the agency's contacts), sheets an agency
// made itself linked, and every registered sheet pulled into the store as a new version when it changed.
import { READ_SHEETS } from '../../shared/workbook/spec.ts';
import { issueWording, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import { readReport } from '../../shared/workbook/grid-reader.ts';
import { buildTemplateModel, assignmentsByAgency } from '../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../workbook/generate-workbook.ts';
import { submitGrid, type SubmitContext } from '../service/submissions.ts';
import type { PlanContext } from '../service/context.ts';
import type { PullStatus } from '../store/store.ts';
import { statusOf } from './pace.ts';
import type { GoogleApi } from './api.ts';
import { setupRequests } from './sheet-setup.ts';

export interface GoogleDeps { api: GoogleApi; folderId: string | null; contact?: string }
type Ctx = SubmitContext;

/** A failed Google call in one line: the HTTP status when there was one. */
const reason = (error: unknown) => {
  const status = statusOf(error);
  return `${status ? `HTTP ${status}: ` : ''}${(error as Error).message ?? String(error)}`.slice(0, 300);
};

export interface CreateResult { created: string[]; skipped: string[]; failed: { agencyId: string; reason: string }[] }

/** Creates the Google Sheet of every reporting agency that has none for this plan and period. */
export async function createAgencySheets(ctx: Ctx, g: GoogleDeps, plan: PlanContext, periodId: string, progress: (line: string) => void = () => {}): Promise<CreateResult> {
  const period = ctx.store.period(plan.id, periodId);
  if (!period) throw new Error(`no period ${periodId} of the plan ${plan.id}`);
  const registered = new Set(ctx.store.googleSheets(plan.id, periodId).map((r) => r.agencyId));
  const byAgency = assignmentsByAgency(plan.plan);
  const result: CreateResult = { created: [], skipped: [], failed: [] };
  const total = plan.reporters.length;
  for (const [i, reporter] of plan.reporters.entries()) {
    const n = `[${i + 1}/${total}]`;
    if (registered.has(reporter.id)) { result.skipped.push(reporter.id); progress(`${n} ${reporter.id}: đã có / already there`); continue; }
    try {
      const agency = plan.index.byId(reporter.id)!;
      const model = buildTemplateModel(plan.plan, agency, period, ctx.clock().toISOString(), byAgency.get(reporter.id) ?? [], plan.id);
      const xlsx = await generateWorkbook(model, g.contact ? { contact: g.contact } : {});
      const spreadsheetId = await g.api.uploadAsSheet(`Báo cáo ${plan.id} ${periodId} — ${reporter.name}`, xlsx, g.folderId);
      await g.api.batchUpdate(spreadsheetId, setupRequests(model, await g.api.sheetIds(spreadsheetId), g.api.account));
      const emails = agency.contacts.map((c) => c.email);
      for (const email of emails) await g.api.share(spreadsheetId, email);
      ctx.store.registerGoogleSheet({ planId: plan.id, periodId, agencyId: reporter.id, spreadsheetId, origin: 'created', at: ctx.clock().toISOString() });
      result.created.push(reporter.id);
      progress(`${n} ${reporter.id}: ${spreadsheetId}${emails.length ? ` (chia sẻ / shared: ${emails.join(', ')})` : ' (chưa có e-mail liên hệ / no contact e-mail)'}`);
    } catch (error) {
      result.failed.push({ agencyId: reporter.id, reason: reason(error) });
      progress(`${n} ${reporter.id}: LỖI / FAILED ${reason(error)}`);
    }
  }
  return result;
}

export type LinkResult = { ok: true } | { ok: false; reason: string };
const IDENTITY = new Set(['metadata-missing', 'metadata-invalid', 'agency-mismatch', 'period-mismatch', 'plan-mismatch', 'template-version-unsupported', 'template-version-newer']);

/** Registers a sheet that exists already, once its metadata shows it is this agency's workbook for this plan and period. */
export async function linkAgencySheet(ctx: Ctx, g: GoogleDeps, plan: PlanContext, periodId: string, agencyId: string, spreadsheetId: string): Promise<LinkResult> {
  if (!ctx.store.period(plan.id, periodId)) return { ok: false, reason: `no period ${periodId} of the plan ${plan.id}` };
  if (!plan.reporters.some((r) => r.id === agencyId)) return { ok: false, reason: `${agencyId} does not report on the plan ${plan.id}` };
  let grid;
  try { grid = await g.api.readSheets(spreadsheetId, READ_SHEETS); } catch (error) { return { ok: false, reason: reason(error) }; }
  const read = readReport(grid, { expected: { agencyId, periodId, planId: plan.id } });
  const wrong = read.ok ? [] : read.issues.filter((i) => IDENTITY.has(i.code));
  if (wrong.length) return { ok: false, reason: wrong.map((i) => issueWording(i).vi).join(' ') };
  ctx.store.registerGoogleSheet({ planId: plan.id, periodId, agencyId, spreadsheetId, origin: 'linked', at: ctx.clock().toISOString() });
  return { ok: true };
}

export interface PullResult { counts: Record<PullStatus, number>; failed: { agencyId: string; spreadsheetId: string; reason: string }[]; invalid: { agencyId: string; issues: WorkbookIssue[] }[] }

/**
 * Pulls every registered sheet of a plan's period: skipped when Drive's modifiedTime has not moved, else read in one
 * batchGet and judged by the shared reader; a changed, valid sheet is stored as a new version (source "pull"), a sheet
 * with issues is recorded with them and leaves the last good version in place.
 */
export async function pullPeriod(ctx: Ctx, g: GoogleDeps, plan: PlanContext, periodId: string): Promise<PullResult> {
  const result: PullResult = { counts: { stored: 0, unchanged: 0, 'same-content': 0, invalid: 0, refused: 0, failed: 0 }, failed: [], invalid: [] };
  for (const sheet of ctx.store.googleSheets(plan.id, periodId)) {
    const base = { planId: plan.id, periodId, agencyId: sheet.agencyId };
    const record = (status: PullStatus, modifiedTime: string | null, extra: { issues?: WorkbookIssue[]; error?: string } = {}) => {
      ctx.store.recordPull({ ...base, at: ctx.clock().toISOString(), status, modifiedTime, ...extra });
      result.counts[status]++;
    };
    try {
      const modified = await g.api.modifiedTime(sheet.spreadsheetId);
      if (modified === sheet.modifiedTime && sheet.pullStatus !== 'failed') {
        // Nothing new to read: the last read's finding (stored, or its issues) stays as the city page shows it.
        ctx.store.touchPull({ ...base, at: ctx.clock().toISOString() });
        result.counts.unchanged++;
        continue;
      }
      const grid = await g.api.readSheets(sheet.spreadsheetId, READ_SHEETS);
      // The version is dated when the agency last saved its sheet (Drive's modifiedTime), not when the pull came by:
      // a sheet finished before the deadline is on time though the next pull runs after it.
      const now = ctx.clock();
      const saved = new Date(modified);
      const at = Number.isNaN(saved.getTime()) || saved > now ? now : saved;
      const submitted = submitGrid({ ...ctx, clock: () => at }, plan, { agencyId: sheet.agencyId, periodId, grid, source: 'pull', idempotencyKey: null });
      if (submitted.ok) record(submitted.outcome.kind === 'created' ? 'stored' : 'same-content', modified);
      else if ('issues' in submitted) { record('invalid', modified, { issues: submitted.issues }); result.invalid.push({ agencyId: sheet.agencyId, issues: submitted.issues }); }
      else record('refused', modified, { error: submitted.reason });
    } catch (error) {
      record('failed', null, { error: reason(error) });
      result.failed.push({ agencyId: sheet.agencyId, spreadsheetId: sheet.spreadsheetId, reason: reason(error) });
    }
  }
  return result;
}

/** One scheduled round: every registered sheet of every published plan's periods that are not locked. */
export async function pullAll(ctx: SubmitContext & { plans: { get(id: string): PlanContext | null }; log: (e: Record<string, unknown>) => void }, g: GoogleDeps): Promise<void> {
  for (const { planId, periodId } of ctx.store.googleSheetPeriods()) {
    const plan = ctx.plans.get(planId);
    if (!plan || plan.state !== 'published' || ctx.store.period(planId, periodId)?.state === 'locked') continue;
    const result = await pullPeriod(ctx, g, plan, periodId);
    ctx.log({ level: result.failed.length ? 'warn' : 'info', message: 'google sheets pulled', planId, periodId, ...result.counts,
      failed: result.failed.map((f) => `${f.agencyId}: ${f.reason}`) });
  }
}
