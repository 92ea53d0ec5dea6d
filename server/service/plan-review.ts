// Bringing a plan in without a restart: import the document as a draft, review what was read with the
// coordinator's corrections, publish it (periods open, agencies get codes), correct it later, archive it.
// Every act is written to the audit log with who did it.
import { createHash } from 'node:crypto';
import { periodsOfYear, vietnamDate } from '../../shared/domain/period.ts';
import type { PlanIssue } from '../../shared/domain/plan-issue.ts';
import { indexDirectory } from '../../shared/directory/directory.ts';
import { mergeCorrections, NO_CORRECTIONS, type CorrectionsPatch, type PlanCorrections } from '../../shared/plan/corrections.ts';
import { parsePlan } from '../../shared/plan/plan-parser.ts';
import { directoryWithAliases, planSlug, reviewPlan, type PlanReview } from '../../shared/plan/review.ts';
import { planKey } from '../../shared/workbook/template-model.ts';
import { describePlanFileError, readPlanBytes } from '../plan/plan-file.ts';
import type { PlanSummary, StoredPlan } from '../store/store.ts';
import { exportAgencyCodes, issueAgencyCode, type CodesExportWarning } from './access-codes.ts';
import type { AppContext } from './context.ts';

export type PlanActError =
  | { code: 'plan-unknown' }
  | { code: 'plan-unreadable'; message: string }
  | { code: 'plan-not-draft' | 'plan-archived' | 'plan-already-published' }
  | { code: 'plan-has-blocking-issues'; issues: PlanIssue[] }
  | { code: 'directory-unknown'; directoryId: string };

export type PlanAct = { ok: true; planId: string; summary: PlanSummary; review: PlanReview; corrections: PlanCorrections } | { ok: false; error: PlanActError };

const DEFAULT_DIRECTORY = 'vung-tau-2023';

/** What the draft or plan reads as now: its document parsed again against the directory with the aliases, then corrected. */
export function currentReview(ctx: AppContext, stored: StoredPlan, corrections: PlanCorrections = stored.corrections): PlanReview | PlanActError {
  const directory = ctx.plans.directory(stored.directoryId);
  if (!directory) return { code: 'directory-unknown', directoryId: stored.directoryId };
  const aliased = directoryWithAliases(directory, corrections.aliases);
  const index = indexDirectory(aliased);
  const source = ctx.store.planSource(stored.id);
  if (!source) {
    // A plan migrated from the single-plan store has no document: its reading is what was stored.
    return reviewPlan({ plan: stored.read, issues: [] }, corrections, index);
  }
  const read = readPlanBytes(source.bytes, source.name);
  if (!read.ok) return { code: 'plan-unreadable', message: describePlanFileError(read.error) };
  return reviewPlan(parsePlan(read.blocks, { directories: [aliased] }), corrections, index);
}

function done(ctx: AppContext, planId: string, review: PlanReview, corrections: PlanCorrections): PlanAct {
  return { ok: true, planId, summary: ctx.store.planSummary(planId)!, review, corrections };
}

/** Imports a plan document as a draft, read against the directory of its date. */
export function importPlan(ctx: AppContext, input: { bytes: Uint8Array; name: string; actor: string }): PlanAct {
  const read = readPlanBytes(input.bytes, input.name);
  if (!read.ok) return { ok: false, error: { code: 'plan-unreadable', message: describePlanFileError(read.error) } };
  const directories = ctx.store.directories();
  const parsed = parsePlan(read.blocks, directories.length ? { directories } : {});
  const directory = ctx.plans.directory(parsed.plan.directoryId) ?? ctx.plans.directory(DEFAULT_DIRECTORY)!;
  const review = reviewPlan(parsed, NO_CORRECTIONS, indexDirectory(directory));
  const now = ctx.clock().toISOString();
  const id = planSlug(parsed.plan, vietnamDate(ctx.clock()).slice(0, 4), (candidate) => ctx.store.planIdTaken(candidate));
  ctx.store.transaction(() => {
    ctx.store.insertPlan({ id, sourceName: input.name, sourceBytes: input.bytes, sourceHash: createHash('sha256').update(input.bytes).digest('hex'),
      directoryId: directory.id, read: parsed.plan, plan: review.plan, planKey: planKey(review.plan), at: now });
    ctx.store.audit({ at: now, actor: input.actor, action: 'plan.import', planId: id, subject: input.name, before: null,
      after: { tasks: review.plan.tasks.length, targets: review.plan.targets.length, issues: review.issues.length } });
  });
  return done(ctx, id, review, NO_CORRECTIONS);
}

/**
 * Applies a coordinator's corrections. A draft takes any; a published plan takes them only when nothing
 * blocking follows (it is then superseded: workbooks of the older version are answered template-outdated).
 */
export function correctPlan(ctx: AppContext, planId: string, patch: CorrectionsPatch, actor: string): PlanAct {
  const stored = ctx.store.plan(planId);
  if (!stored) return { ok: false, error: { code: 'plan-unknown' } };
  if (stored.state === 'archived') return { ok: false, error: { code: 'plan-archived' } };
  const corrections = mergeCorrections(stored.corrections, patch);
  const review = currentReview(ctx, stored, corrections);
  if ('code' in review) return { ok: false, error: review };
  if (stored.state === 'published' && !review.usable) return { ok: false, error: { code: 'plan-has-blocking-issues', issues: review.issues.filter((i) => i.severity === 'error') } };
  const now = ctx.clock().toISOString();
  ctx.store.transaction(() => {
    ctx.store.updatePlan(planId, { corrections, plan: review.plan, planKey: planKey(review.plan), directoryId: stored.directoryId, at: now });
    ctx.store.audit({ at: now, actor, action: stored.state === 'published' ? 'plan.supersede' : 'plan.correct', planId, subject: null,
      before: stored.corrections, after: corrections });
  });
  return done(ctx, planId, review, corrections);
}

/** Publishes a draft with nothing blocking: this year's periods open and every reporting agency has a code. */
export function publishPlan(ctx: AppContext, planId: string, actor: string): PlanAct & { openedPeriods?: string[]; newCodes?: string[]; warnings?: CodesExportWarning[] } {
  const stored = ctx.store.plan(planId);
  if (!stored) return { ok: false, error: { code: 'plan-unknown' } };
  if (stored.state === 'published') return { ok: false, error: { code: 'plan-already-published' } };
  if (stored.state === 'archived') return { ok: false, error: { code: 'plan-archived' } };
  const review = currentReview(ctx, stored);
  if ('code' in review) return { ok: false, error: review };
  if (!review.usable) return { ok: false, error: { code: 'plan-has-blocking-issues', issues: review.issues.filter((i) => i.severity === 'error') } };
  const now = ctx.clock().toISOString();
  ctx.store.transaction(() => {
    ctx.store.updatePlan(planId, { corrections: stored.corrections, plan: review.plan, planKey: planKey(review.plan), directoryId: stored.directoryId, at: now });
    ctx.store.setPlanState(planId, 'published', now);
    ctx.store.audit({ at: now, actor, action: 'plan.publish', planId, subject: null, before: { state: 'draft' }, after: { state: 'published', planKey: planKey(review.plan) } });
  });
  const plan = ctx.plans.get(planId)!;
  const openedPeriods = openPeriodsOfThisYear(ctx, planId);
  const withCodes = ctx.store.codeStatus();
  const newCodes = plan.reporters.filter((a) => !withCodes.get(a.id)?.active).map((a) => a.id);
  // All the new codes in one transaction and one rewrite of the codes file (per agency, a city of thousands took minutes).
  const issued: Record<string, string> = {};
  ctx.store.transaction(() => {
    for (const agencyId of newCodes) {
      issued[agencyId] = issueAgencyCode(ctx.store, agencyId, now);
      ctx.store.audit({ at: now, actor, action: 'code.issue', planId, subject: agencyId, before: null, after: null });
    }
  });
  // Exported after the commit: a file that cannot be written is a warning, the plan is published all the same.
  const warnings = newCodes.length ? exportAgencyCodes(ctx, issued) : [];
  return { ...done(ctx, planId, review, stored.corrections), openedPeriods, newCodes, ...(warnings.length ? { warnings } : {}) };
}

export function archivePlan(ctx: AppContext, planId: string, actor: string): { ok: true; summary: PlanSummary } | { ok: false; error: PlanActError } {
  const stored = ctx.store.plan(planId);
  if (!stored) return { ok: false, error: { code: 'plan-unknown' } };
  if (stored.state === 'archived') return { ok: false, error: { code: 'plan-archived' } };
  const now = ctx.clock().toISOString();
  ctx.store.transaction(() => {
    ctx.store.setPlanState(planId, 'archived', now);
    ctx.store.audit({ at: now, actor, action: 'plan.archive', planId, subject: null, before: { state: stored.state }, after: { state: 'archived' } });
  });
  return { ok: true, summary: ctx.store.planSummary(planId)! };
}

/** Opens a published plan's periods of the current year (Vietnam time) that it does not have yet; returns their ids. */
export function openPeriodsOfThisYear(ctx: Pick<AppContext, 'store' | 'plans' | 'clock'>, planId: string): string[] {
  const plan = ctx.plans.get(planId);
  if (!plan || plan.state !== 'published') return [];
  const now = ctx.clock();
  const year = Number(vietnamDate(now).slice(0, 4));
  return periodsOfYear(year, plan.plan.reporting).filter((p) => ctx.store.openPeriod(planId, p, now.toISOString())).map((p) => p.id);
}
