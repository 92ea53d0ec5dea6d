// A coordinator's corrections of what the parser read, stored apart from it: re-reading the same document
// (after a parser upgrade) applies them again, and one that no longer applies is reported, not dropped.
import * as z from 'zod';
import { Comparator, PeriodKind } from '../domain/plan.ts';
import { cleanString } from '../text/clean-string.ts';
import { PLAN_LIMITS } from './plan-limits.ts';

const AgencyId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'an agency id such as "phuong-1"');
const ItemId = z.string().regex(/^[A-Za-z0-9.]{1,20}$/, 'a task or measure id such as "NV3" or "MT2.1"');
const Text = (max: number) => cleanString(max, 1);
/** A title or label: its length is judged by the plan's limits (plan-limits.ts, a 422 naming the field), not here. */
const Title = Text(PLAN_LIMITS.maxChars);

export const TaskCorrection = z
  .object({
    title: Title.optional(),
    /** Lead agencies by directory id, replacing what the plan wrote. */
    lead: z.array(AgencyId).min(1).max(200).optional(),
    coordinating: z.array(AgencyId).max(200).optional(),
    /** The timeframe as a plan writes it: "Thường xuyên", "Quý III/2025", "Trước 30/6/2025". */
    timeframe: Text(200).optional(),
  })
  .strict();
export type TaskCorrection = z.infer<typeof TaskCorrection>;

export const MeasureCorrection = z
  .object({
    label: Title.optional(),
    comparator: Comparator.optional(),
    value: z.number().finite().min(0).max(100).optional(),
  })
  .strict();
export type MeasureCorrection = z.infer<typeof MeasureCorrection>;

export const IdentityCorrection = z
  .object({
    number: Text(100).optional(),
    title: Title.optional(),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}-\d{2})?$/, 'a date such as 2025-03-15')
      .optional(),
  })
  .strict();

export const ReportingCorrection = z
  .object({
    deadlines: z
      .array(z.object({ kind: PeriodKind, dueBefore: z.string().regex(/^\d{2}-\d{2}$/, 'MM-DD') }).strict())
      .min(1)
      .max(4),
  })
  .strict();

export const PlanCorrections = z
  .object({
    /** A name as the plan writes it → the directory agency it means. */
    aliases: z.record(Text(300), AgencyId).default({}),
    tasks: z.record(ItemId, TaskCorrection).default({}),
    measures: z.record(ItemId, MeasureCorrection).default({}),
    identity: IdentityCorrection.optional(),
    reporting: ReportingCorrection.optional(),
  })
  .strict();
export type PlanCorrections = z.infer<typeof PlanCorrections>;

/** A PATCH body: the same shape, where null removes a correction. */
export const CorrectionsPatch = z
  .object({
    aliases: z.record(Text(300), AgencyId.nullable()).optional(),
    tasks: z.record(ItemId, TaskCorrection.nullable()).optional(),
    measures: z.record(ItemId, MeasureCorrection.nullable()).optional(),
    identity: IdentityCorrection.nullable().optional(),
    reporting: ReportingCorrection.nullable().optional(),
  })
  .strict();
export type CorrectionsPatch = z.infer<typeof CorrectionsPatch>;

function mergeRecord<T>(base: Record<string, T>, patch: Record<string, T | null> | undefined): Record<string, T> {
  const out: Record<string, T> = { ...base };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** `mergeCorrections(c, { tasks: { NV3: { timeframe: 'Quý III/2025' } } })`: a task's fields are replaced as a whole. */
export function mergeCorrections(base: PlanCorrections, patch: CorrectionsPatch): PlanCorrections {
  const merged: PlanCorrections = {
    aliases: mergeRecord(base.aliases, patch.aliases),
    tasks: mergeRecord(base.tasks, patch.tasks),
    measures: mergeRecord(base.measures, patch.measures),
  };
  const identity = patch.identity === undefined ? base.identity : (patch.identity ?? undefined);
  const reporting = patch.reporting === undefined ? base.reporting : (patch.reporting ?? undefined);
  if (identity) merged.identity = identity;
  if (reporting) merged.reporting = reporting;
  return merged;
}

export const NO_CORRECTIONS: PlanCorrections = { aliases: {}, tasks: {}, measures: {} };
