// The plan (Kế hoạch) as the parser returns it: identity, targets, focus tasks, tasks, reporting rule.
import * as z from 'zod';

export const Comparator = z.enum(['>=', '>', '=', '<=', '<']);
export type Comparator = z.infer<typeof Comparator>;

/**
 * How a unit reports a measure: a count ratio (numerator/denominator), Có/Không for the unit itself, or a count
 * of things it did ("ít nhất 02 lớp"), judged unit by unit against the threshold.
 */
export const MeasureKind = z.enum(['ratio', 'yes-no', 'count']);
export type MeasureKind = z.infer<typeof MeasureKind>;

export const Measure = z.object({
  id: z.string(),
  label: z.string(),
  comparator: Comparator,
  value: z.number(),
  /** '%' for ratios and Có/Không; what is counted for a count ("lớp", "buổi"). */
  unit: z.string().min(1).max(40),
  kind: MeasureKind,
  /** Group id of the units that report it; null when every reporting unit does. */
  reporters: z.string().nullable(),
});
export type Measure = z.infer<typeof Measure>;

export const Target = z.object({
  id: z.string(),
  number: z.string(),
  text: z.string(),
  measures: z.array(Measure),
});
export type Target = z.infer<typeof Target>;

export const Timeframe = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ongoing'), text: z.string() }),
  z.object({ kind: z.literal('within-year'), year: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('years'), fromYear: z.number().int(), toYear: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('by-date'), date: z.string(), text: z.string() }),
  z.object({
    kind: z.literal('quarter'),
    year: z.number().int(),
    quarter: z.number().int().min(1).max(4),
    text: z.string(),
  }),
  z.object({
    kind: z.literal('month'),
    year: z.number().int(),
    month: z.number().int().min(1).max(12),
    text: z.string(),
  }),
  /** From one point to another: "Quý IV/2025 – Quý II/2026" (start and end as dates, inclusive). */
  z.object({ kind: z.literal('range'), start: z.string(), end: z.string(), text: z.string() }),
  /** A start without an end: "Từ 01/7/2025". */
  z.object({ kind: z.literal('from'), date: z.string(), text: z.string() }),
  /** Again every year, quarter or month: "Hằng năm", "Năm 2026 và các năm tiếp theo". */
  z.object({
    kind: z.literal('recurring'),
    every: z.enum(['year', 'quarter', 'month']),
    fromYear: z.number().int().nullable(),
    text: z.string(),
  }),
  /** Tied to an event rather than a date: "Theo tiến độ …", "Sau khi … được ban hành", "Khi có phát sinh". Shown as written. */
  z.object({ kind: z.literal('event'), text: z.string() }),
  z.object({ kind: z.literal('unrecognised'), text: z.string() }),
]);
export type Timeframe = z.infer<typeof Timeframe>;

export const FocusTask = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  timeframe: Timeframe,
});
export type FocusTask = z.infer<typeof FocusTask>;

export const Task = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  detail: z.array(z.string()),
  /** Agency names as the plan writes them, one entry per name or group. */
  lead: z.array(z.string()),
  coordinating: z.array(z.string()),
  timeframe: Timeframe,
  products: z.string().optional(),
  /** Where the task was read: "line 81" or "table 1, row 3". */
  source: z.string(),
});
export type Task = z.infer<typeof Task>;

export const PeriodKind = z.enum(['semiannual', 'annual', 'quarterly', 'monthly']);
export type PeriodKind = z.infer<typeof PeriodKind>;

export const ReportingRule = z.object({
  consolidator: z.string().nullable(),
  consolidatorId: z.string().nullable(),
  deadlines: z.array(
    z.object({
      kind: PeriodKind,
      /** "MM-DD": a report is on time when received before 00:00 local time of that day. */
      dueBefore: z.string().regex(/^\d{2}-\d{2}$/),
    }),
  ),
});
export type ReportingRule = z.infer<typeof ReportingRule>;

export const Role = z.enum(['lead', 'coordinating']);
export type Role = z.infer<typeof Role>;

export const Assignment = z.object({
  taskId: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  role: Role,
});
export type Assignment = z.infer<typeof Assignment>;

export const PlanIdentity = z.object({
  number: z.string().nullable(),
  /** ISO date, or a partial one ("2023") when the document leaves day and month blank. */
  date: z.string().nullable(),
  place: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string(),
});
export type PlanIdentity = z.infer<typeof PlanIdentity>;

export const Plan = z.object({
  plan: PlanIdentity,
  targets: z.array(Target),
  focusTasks: z.array(FocusTask),
  tasks: z.array(Task),
  reporting: ReportingRule,
  recipients: z.array(z.string()),
  assignments: z.array(Assignment),
  directoryId: z.string(),
});
export type Plan = z.infer<typeof Plan>;
