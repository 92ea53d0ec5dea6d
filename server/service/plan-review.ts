// Bringing a plan in without a restart: import the document as a draft, review what was read with the
// coordinator's corrections, publish it (periods open, agencies get codes), correct it later, archive it.
// Every act is written to the audit log with who did it.
import { createHash } from 'node:crypto';
import { periodsOfYear, vietnamDate } from '../../shared/domain/period.ts';
import { isBlocking, type PlanIssue } from '../../shared/domain/plan-issue.ts';
import {
  mergeCorrections,
  NO_CORRECTIONS,
  type CorrectionsPatch,
  type PlanCorrections,
} from '../../shared/plan/corrections.ts';
import { correctionOverLimit } from '../../shared/plan/plan-limits.ts';
import { planSlug } from '../../shared/plan/review.ts';
import { describePlanFileError } from '../plan/plan-file.ts';
import type { PlanReaderError } from '../plan/plan-reader.ts';
import { readStoredPlan, type PlanReadingOk } from '../plan/read-plan.ts';
import type { PlanSummary } from '../store/store.ts';
import { issueAgencyCodes, type CodesExportWarning } from './access-codes.ts';
import type { AppContext } from './context.ts';

export type PlanActError =
  | { code: 'plan-unknown' }
  | { code: 'plan-unreadable'; message: string }
  /** More text than a plan may hold (413). */
  | { code: 'plan-too-long'; message: string }
  /** Over the plan's limits (too many tasks or targets, a title too long): the findings say what and where. */
  | { code: 'plan-over-limits'; issues: PlanIssue[] }
  /** A correction's text over the title limit, by its field. */
  | { code: 'correction-over-limit'; field: string; chars: number; limit: number }
  | { code: 'plan-timeout'; limitMs: number }
  | { code: 'plan-too-complex' }
  | { code: 'busy' }
  | { code: 'plan-not-draft' | 'plan-archived' | 'plan-already-published' }
  | { code: 'plan-has-blocking-issues'; issues: PlanIssue[] }
  | { code: 'directory-unknown'; directoryId: string };

/** `reading`: the plan as the parser read it and as corrected, with its issues. */
export type PlanAct =
  | { ok: true; planId: string; summary: PlanSummary; reading: PlanReadingOk; corrections: PlanCorrections }
  | { ok: false; error: PlanActError };

const DEFAULT_DIRECTORY = 'vung-tau-2023';

/** A reading the plan reader could not give, as an act's error. */
function readerError(error: PlanReaderError): PlanActError {
  switch (error.code) {
    case 'file':
      return error.error.code === 'text-too-long'
        ? { code: 'plan-too-long', message: describePlanFileError(error.error) }
        : { code: 'plan-unreadable', message: describePlanFileError(error.error) };
    case 'over-limits':
      return { code: 'plan-over-limits', issues: error.issues };
    default:
      return error;
  }
}

/** What a plan's reading depends on: its stored plan and directory (the digest) and the corrections applied. */
const readingKey = async (ctx: AppContext, planId: string, corrections: PlanCorrections) =>
  `${planId}\0${await ctx.store.planDigest(planId)}\0${JSON.stringify(corrections)}`;

/**
 * What the draft or plan reads as now: its document parsed again (in the plan reader's worker) against the directory
 * with the aliases, then corrected. The reading of the plan as stored is kept, so showing it again parses nothing.
 */
export async function currentReading(
  ctx: AppContext,
  stored: Pick<PlanSummary, 'id' | 'directoryId'> & { corrections: PlanCorrections },
  corrections: PlanCorrections = stored.corrections,
  inline = false,
): Promise<PlanReadingOk | PlanActError> {
  const directory = await ctx.plans.directory(stored.directoryId);
  if (!directory) return { code: 'directory-unknown', directoryId: stored.directoryId };
  const source = await ctx.store.planSource(stored.id);
  // A plan migrated from the single-plan store has no document: its reading is what was stored.
  if (!source) return readStoredPlan((await ctx.store.plan(stored.id))!.read, directory, corrections);
  const key = corrections === stored.corrections ? await readingKey(ctx, stored.id, corrections) : undefined;
  const reading = await ctx.planReader.read(
    {
      bytes: source.bytes,
      name: source.name,
      directories: [directory],
      fallbackDirectoryId: directory.id,
      corrections,
      refuseOverLimits: false,
    },
    key,
    inline,
  );
  return reading.ok ? reading : readerError(reading.error);
}

async function done(
  ctx: AppContext,
  planId: string,
  reading: PlanReadingOk,
  corrections: PlanCorrections,
): Promise<PlanAct> {
  ctx.planReader.keep(await readingKey(ctx, planId, corrections), reading);
  return { ok: true, planId, summary: (await ctx.store.planSummary(planId))!, reading, corrections };
}

/** The plan as it reads now, for showing it. */
export async function viewPlan(ctx: AppContext, planId: string): Promise<PlanAct> {
  const stored = await ctx.store.planCorrections(planId);
  if (!stored) return { ok: false, error: { code: 'plan-unknown' } };
  const reading = await currentReading(ctx, stored);
  if ('code' in reading) return { ok: false, error: reading };
  return { ok: true, planId, summary: stored, reading, corrections: stored.corrections };
}

/** Imports a plan document as a draft, read (in the plan reader's worker) against the directory of its date. */
export async function importPlan(
  ctx: AppContext,
  input: { bytes: Uint8Array; name: string; actor: string },
  inline = false,
): Promise<PlanAct> {
  const reading = await ctx.planReader.read(
    {
      bytes: input.bytes,
      name: input.name,
      directories: await ctx.store.directories(),
      fallbackDirectoryId: DEFAULT_DIRECTORY,
      corrections: NO_CORRECTIONS,
      refuseOverLimits: true,
    },
    undefined,
    inline,
  );
  if (!reading.ok) return { ok: false, error: readerError(reading.error) };
  const now = ctx.clock().toISOString();
  const taken = new Set((await ctx.store.plans()).map((p) => p.id));
  const id = planSlug(reading.head, vietnamDate(ctx.clock()).slice(0, 4), (candidate) => taken.has(candidate));
  await ctx.store.transaction(async (store) => {
    await store.insertPlan({
      id,
      sourceName: input.name,
      sourceBytes: input.bytes,
      sourceHash: createHash('sha256').update(input.bytes).digest('hex'),
      directoryId: reading.directoryId,
      read: reading.readJson,
      plan: reading.planJson,
      planKey: reading.planKey,
      at: now,
    });
    await store.audit({
      at: now,
      actor: input.actor,
      action: 'plan.import',
      planId: id,
      subject: input.name,
      before: null,
      after: { tasks: reading.counts.tasks, targets: reading.counts.targets, issues: reading.issues.length },
    });
  });
  return done(ctx, id, reading, NO_CORRECTIONS);
}

/**
 * Applies a coordinator's corrections. A draft takes any; a published plan takes them only when nothing
 * blocking follows (it is then superseded: workbooks of the older version are answered template-outdated).
 */
export async function correctPlan(
  ctx: AppContext,
  planId: string,
  patch: CorrectionsPatch,
  actor: string,
): Promise<PlanAct> {
  const over = correctionOverLimit(patch);
  if (over) return { ok: false, error: { code: 'correction-over-limit', ...over } };
  const stored = await ctx.store.planCorrections(planId);
  if (!stored) return { ok: false, error: { code: 'plan-unknown' } };
  if (stored.state === 'archived') return { ok: false, error: { code: 'plan-archived' } };
  const corrections = mergeCorrections(stored.corrections, patch);
  const reading = await currentReading(ctx, stored, corrections);
  if ('code' in reading) return { ok: false, error: reading };
  // The plan may have changed while its document was read: the corrections are merged again into what is stored now.
  const now = await ctx.store.planCorrections(planId);
  if (
    !now ||
    now.state !== stored.state ||
    now.updatedAt !== stored.updatedAt ||
    JSON.stringify(now.corrections) !== JSON.stringify(stored.corrections)
  ) {
    return correctPlan(ctx, planId, patch, actor);
  }
  if (stored.state === 'published' && !reading.usable)
    return { ok: false, error: { code: 'plan-has-blocking-issues', issues: reading.issues.filter(isBlocking) } };
  const at = ctx.clock().toISOString();
  await ctx.store.transaction(async (store) => {
    await store.updatePlan(planId, {
      corrections,
      plan: reading.planJson,
      planKey: reading.planKey,
      directoryId: stored.directoryId,
      at,
    });
    await store.audit({
      at,
      actor,
      action: stored.state === 'published' ? 'plan.supersede' : 'plan.correct',
      planId,
      subject: null,
      before: stored.corrections,
      after: corrections,
    });
  });
  return done(ctx, planId, reading, corrections);
}

/** Publishes a draft with nothing blocking: this year's periods open and every reporting agency has a code. */
export async function publishPlan(
  ctx: AppContext,
  planId: string,
  actor: string,
  inline = false,
): Promise<PlanAct & { openedPeriods?: string[]; newCodes?: string[]; warnings?: CodesExportWarning[] }> {
  const stored = await ctx.store.planCorrections(planId);
  if (!stored) return { ok: false, error: { code: 'plan-unknown' } };
  if (stored.state === 'published') return { ok: false, error: { code: 'plan-already-published' } };
  if (stored.state === 'archived') return { ok: false, error: { code: 'plan-archived' } };
  const reading = await currentReading(ctx, stored, stored.corrections, inline);
  if ('code' in reading) return { ok: false, error: reading };
  const current = await ctx.store.planSummary(planId);
  if (current?.state !== 'draft' || current.updatedAt !== stored.updatedAt)
    return publishPlan(ctx, planId, actor, inline);
  if (!reading.usable)
    return { ok: false, error: { code: 'plan-has-blocking-issues', issues: reading.issues.filter(isBlocking) } };
  const now = ctx.clock().toISOString();
  await ctx.store.transaction(async (store) => {
    await store.updatePlan(planId, {
      corrections: stored.corrections,
      plan: reading.planJson,
      planKey: reading.planKey,
      directoryId: stored.directoryId,
      at: now,
    });
    await store.setPlanState(planId, 'published', now);
    await store.audit({
      at: now,
      actor,
      action: 'plan.publish',
      planId,
      subject: null,
      before: { state: 'draft' },
      after: { state: 'published', planKey: reading.planKey },
    });
  });
  const plan = (await ctx.plans.get(planId))!;
  const openedPeriods = await openPeriodsOfThisYear(ctx, planId);
  const withCodes = await ctx.store.codeStatus();
  const newCodes = plan.reporters.filter((a) => !withCodes.get(a.id)?.active).map((a) => a.id);
  // All the new codes in one transaction and one rewrite of the codes file (per agency, a city of thousands took
  // minutes); a file that cannot be written is a warning, the plan is published all the same.
  const { warnings } = await issueAgencyCodes(ctx, newCodes, { actor, planId, at: now });
  return {
    ...(await done(ctx, planId, reading, stored.corrections)),
    openedPeriods,
    newCodes,
    ...(warnings.length ? { warnings } : {}),
  };
}

export async function archivePlan(
  ctx: AppContext,
  planId: string,
  actor: string,
): Promise<{ ok: true; summary: PlanSummary } | { ok: false; error: PlanActError }> {
  const stored = await ctx.store.planSummary(planId);
  if (!stored) return { ok: false, error: { code: 'plan-unknown' } };
  if (stored.state === 'archived') return { ok: false, error: { code: 'plan-archived' } };
  const now = ctx.clock().toISOString();
  await ctx.store.transaction(async (store) => {
    await store.setPlanState(planId, 'archived', now);
    await store.audit({
      at: now,
      actor,
      action: 'plan.archive',
      planId,
      subject: null,
      before: { state: stored.state },
      after: { state: 'archived' },
    });
  });
  return { ok: true, summary: (await ctx.store.planSummary(planId))! };
}

/** Opens a published plan's periods of the current year (Vietnam time) that it does not have yet; returns their ids. */
export async function openPeriodsOfThisYear(
  ctx: Pick<AppContext, 'store' | 'plans' | 'clock'>,
  planId: string,
): Promise<string[]> {
  const plan = await ctx.plans.get(planId);
  if (!plan || plan.state !== 'published') return [];
  const now = ctx.clock();
  const year = Number(vietnamDate(now).slice(0, 4));
  const opened: string[] = [];
  for (const p of periodsOfYear(year, plan.plan.reporting))
    if (await ctx.store.openPeriod(planId, p, now.toISOString())) opened.push(p.id);
  return opened;
}
