// Every registered Google Sheet pulled into the store as a new version when it changed: read through the Sheets API,
// judged by the shared reader and submitted as any other report (source "pull").
import { READ_SHEETS } from '../../shared/workbook/spec.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import { googleFailure, type GoogleDeps } from '../google/google-sheets.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import type { PullStatus } from '../store/store.ts';
import { submitGrid, type SubmitContext } from './submissions.ts';

type Ctx = SubmitContext;

export interface PullResult {
  counts: Record<PullStatus, number>;
  failed: { agencyId: string; spreadsheetId: string; reason: string }[];
  invalid: { agencyId: string; issues: WorkbookIssue[] }[];
}

/**
 * Pulls every registered sheet of a plan's period: skipped when Drive's modifiedTime has not moved, else read in one
 * batchGet and judged by the shared reader; a changed, valid sheet is stored as a new version (source "pull"), a sheet
 * with issues is recorded with them and leaves the last good version in place.
 */
export async function pullPeriod(ctx: Ctx, g: GoogleDeps, plan: PlanContext, periodId: string): Promise<PullResult> {
  const result: PullResult = {
    counts: { stored: 0, unchanged: 0, 'same-content': 0, invalid: 0, refused: 0, failed: 0 },
    failed: [],
    invalid: [],
  };
  for (const sheet of await ctx.store.googleSheets(plan.id, periodId)) {
    const base = { planId: plan.id, periodId, agencyId: sheet.agencyId };
    const record = async (
      status: PullStatus,
      modifiedTime: string | null,
      extra: { issues?: WorkbookIssue[]; error?: string } = {},
    ) => {
      await ctx.store.recordPull({ ...base, at: ctx.clock().toISOString(), status, modifiedTime, ...extra });
      result.counts[status]++;
    };
    try {
      const modified = await g.api.modifiedTime(sheet.spreadsheetId);
      if (modified === sheet.modifiedTime && sheet.pullStatus !== 'failed') {
        // Nothing new to read: the last read's finding (stored, or its issues) stays as the city page shows it.
        await ctx.store.touchPull({ ...base, at: ctx.clock().toISOString() });
        result.counts.unchanged++;
        continue;
      }
      const grid = await g.api.readSheets(sheet.spreadsheetId, READ_SHEETS);
      // The version is dated when the agency last saved its sheet (Drive's modifiedTime), not when the pull came by:
      // a sheet finished before the deadline is on time though the next pull runs after it.
      const now = ctx.clock();
      const saved = new Date(modified);
      const at = Number.isNaN(saved.getTime()) || saved > now ? now : saved;
      const submitted = await submitGrid({ ...ctx, clock: () => at }, plan, {
        agencyId: sheet.agencyId,
        periodId,
        grid,
        source: 'pull',
        idempotencyKey: null,
      });
      if (submitted.ok) await record(submitted.outcome.kind === 'created' ? 'stored' : 'same-content', modified);
      else if ('issues' in submitted) {
        await record('invalid', modified, { issues: submitted.issues });
        result.invalid.push({ agencyId: sheet.agencyId, issues: submitted.issues });
      } else await record('refused', modified, { error: submitted.reason });
    } catch (error) {
      await record('failed', null, { error: googleFailure(error) });
      result.failed.push({
        agencyId: sheet.agencyId,
        spreadsheetId: sheet.spreadsheetId,
        reason: googleFailure(error),
      });
    }
  }
  return result;
}

/** One scheduled round: every registered sheet of every published plan's periods that are not locked. */
export async function pullAll(
  ctx: SubmitContext & {
    plans: { get(id: string): Promise<PlanContext | null> };
    log: (e: Record<string, unknown>) => void;
  },
  g: GoogleDeps,
): Promise<void> {
  for (const { planId, periodId } of await ctx.store.googleSheetPeriods()) {
    const plan = await ctx.plans.get(planId);
    if (!plan || plan.state !== 'published' || (await ctx.store.period(planId, periodId))?.state === 'locked') continue;
    const result = await pullPeriod(ctx, g, plan, periodId);
    ctx.log({
      level: result.failed.length ? 'warn' : 'info',
      message: 'google sheets pulled',
      planId,
      periodId,
      ...result.counts,
      failed: result.failed.map((f) => `${f.agencyId}: ${f.reason}`),
    });
  }
}
