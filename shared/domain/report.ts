// A report: one agency, one period — what the reader makes of a filled workbook.
import * as z from 'zod';
import { cleanStringThen } from '../text/clean-string.ts';

/**
 * What an agency wrote, through the text gate: a report the reader made is clean already (the gate is then a test per
 * text); one stored before the gate existed is cleaned when read, so no writer is handed what it cannot write.
 */
const Text = cleanStringThen();

export const TaskStatus = z.enum(['not-started', 'in-progress', 'done', 'ongoing']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const ReportRole = z.enum(['lead', 'coordinating', 'focus']);
export type ReportRole = z.infer<typeof ReportRole>;

export const TaskReport = z.object({
  taskId: z.string(),
  role: ReportRole,
  status: TaskStatus,
  progress: z.number().int().min(0).max(100).nullable(),
  results: Text,
  outputs: Text,
  difficulties: Text,
  proposals: Text,
});
export type TaskReport = z.infer<typeof TaskReport>;

export const MeasureReport = z.object({
  measureId: z.string(),
  numerator: z.number().int().min(0).nullable(),
  denominator: z.number().int().min(0).nullable(),
  /** Có = true, Không = false, for yes/no measures. */
  yes: z.boolean().nullable(),
  note: Text,
});
export type MeasureReport = z.infer<typeof MeasureReport>;

export const Assessment = z.object({
  results: Text,
  shortcomings: Text,
  nextSteps: Text,
  proposals: Text,
});
export type Assessment = z.infer<typeof Assessment>;

export const Report = z.object({
  templateVersion: z.number().int(),
  planKey: z.string(),
  periodId: z.string(),
  agencyId: z.string(),
  tasks: z.array(TaskReport),
  measures: z.array(MeasureReport),
  assessment: Assessment,
});
export type Report = z.infer<typeof Report>;
