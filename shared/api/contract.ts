// The API contract between the sync service and its clients (the Excel pane, the file pane, the Sheets add-on):
// one set of schemas, imported by the server (every answer goes through them) and by the clients (every
// answer is read through them).
import * as z from 'zod';
import { GRID_LIMITS } from '../workbook/grid-payload.ts';

/** Where a submission came from. A client names itself: there is no default. */
export const SubmissionSource = z.enum(['excel-addin', 'sheets-addon', 'upload', 'pull']);
export type SubmissionSource = z.infer<typeof SubmissionSource>;
/** The sources a client may claim when it posts a grid. */
export const ClientSource = z.enum(['excel-addin', 'sheets-addon']);

const Cell = z.union([z.string().max(GRID_LIMITS.text), z.number().finite(), z.boolean(), z.null()]);
export const ReportPayload = z.object({
  grid: z.record(z.string().min(1).max(100), z.array(z.array(Cell).max(GRID_LIMITS.columns)).max(GRID_LIMITS.rows))
    .refine((g) => Object.keys(g).length <= GRID_LIMITS.sheets, { message: `at most ${GRID_LIMITS.sheets} sheets` }),
  source: ClientSource,
}).strict();
export type ReportPayload = z.infer<typeof ReportPayload>;

export const Receipt = z.object({
  submissionId: z.string(),
  version: z.number().int().min(1),
  receivedAt: z.string(),
  onTime: z.boolean(),
  duplicate: z.boolean().optional(),
});
export type Receipt = z.infer<typeof Receipt>;

export const SubmissionSummary = Receipt.omit({ duplicate: true }).extend({ source: SubmissionSource, planId: z.string(), periodId: z.string(), agencyId: z.string() });

export const PeriodInfo = z.object({
  id: z.string(),
  kind: z.enum(['semiannual', 'annual', 'quarterly', 'monthly']),
  state: z.enum(['open', 'closed', 'locked']),
  dataFrom: z.string(),
  dataTo: z.string(),
  dueBefore: z.string(),
  daysLeft: z.number().int(),
});
export type PeriodInfo = z.infer<typeof PeriodInfo>;

export const TaskRow = z.object({ taskId: z.string(), title: z.string(), role: z.enum(['lead', 'coordinating', 'focus']), roleLabel: z.string(), timeframe: z.string() });
export const MeasureRow = z.object({ measureId: z.string(), label: z.string(), threshold: z.string(), kind: z.enum(['ratio', 'yes-no']), how: z.string() });

export const PlanRef = z.object({ id: z.string(), number: z.string().nullable(), title: z.string() });

/** What an agency owes for one plan and period. */
export const Duty = z.object({
  plan: PlanRef,
  period: PeriodInfo,
  tasks: z.array(TaskRow),
  measures: z.array(MeasureRow),
  latestReceipt: Receipt.nullable(),
});
export type Duty = z.infer<typeof Duty>;

export const Agency = z.object({ id: z.string(), name: z.string() });

/** GET /me: the agency's duties across published plans, soonest due first. */
export const MeAnswer = z.object({ agency: Agency, duties: z.array(Duty) });
export type MeAnswer = z.infer<typeof MeAnswer>;

/**
 * GET /plans/:plan/periods/:period/me: what a pane needs to judge the workbook that is open exactly as the
 * server will: the plan key and the expected row digest, beside the duty and the history.
 */
export const PeriodDuty = Duty.extend({
  agency: Agency,
  planKey: z.string(),
  lockedDigest: z.string(),
  history: z.array(SubmissionSummary),
});
export type PeriodDuty = z.infer<typeof PeriodDuty>;

/** Every error: RFC 9457 problem details with a code; refused reports carry their issues with cells. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  requestId: z.string().optional(),
  field: z.string().optional(),
  issues: z.array(z.record(z.string(), z.unknown())).optional(),
}).passthrough();
export type Problem = z.infer<typeof Problem>;
