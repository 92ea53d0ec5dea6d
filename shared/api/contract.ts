// The API contract between the sync service and its clients (the Excel pane, the file pane, the Sheets add-on):
// one set of schemas, imported by the server (every answer goes through them) and by the clients (every
// answer is read through them).
import * as z from 'zod';
import { GRID_LIMITS } from '../workbook/grid-payload.ts';
import type { CellValue } from '../workbook/grid.ts';
import { MeasureKind } from '../domain/plan.ts';
import { cleanString, cleanStringThen } from '../text/clean-string.ts';
import { AgencyContact, AgencyKind } from '../directory/agency.ts';
import { isWorkbookIssueCode, type WorkbookIssueCode } from '../workbook/issue.ts';
import type { PlanIssueCode } from '../domain/plan-issue.ts';
import { isPlanIssueCode } from '../plan/plan-messages.ts';

/** Where a submission came from. A client names itself: there is no default. */
export const SubmissionSource = z.enum(['excel-addin', 'sheets-addon', 'upload', 'pull']);
export type SubmissionSource = z.infer<typeof SubmissionSource>;
/** The sources a client may claim when it posts a grid. */
export const ClientSource = z.enum(['excel-addin', 'sheets-addon']);

/** A grid cell: text (at most a cell's length), a finite number, true/false or empty (null). */
const isCell = (v: unknown): v is CellValue =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.length <= GRID_LIMITS.text);
// One check per cell, not a union of four schemas tried in turn (the union was a twentieth of a submission's time).
const Cell = z.custom<CellValue>(isCell, {
  message: `a cell must be text of at most ${GRID_LIMITS.text} characters, a finite number, true/false or null`,
});
export const ReportPayload = z
  .object({
    grid: z
      .record(z.string().min(1).max(100), z.array(z.array(Cell).max(GRID_LIMITS.columns)).max(GRID_LIMITS.rows))
      .refine((g) => Object.keys(g).length <= GRID_LIMITS.sheets, { message: `at most ${GRID_LIMITS.sheets} sheets` }),
    source: ClientSource,
  })
  .strict();
export type ReportPayload = z.infer<typeof ReportPayload>;

export const Receipt = z.object({
  submissionId: z.string(),
  version: z.number().int().min(1),
  receivedAt: z.string(),
  onTime: z.boolean(),
  duplicate: z.boolean().optional(),
});
export type Receipt = z.infer<typeof Receipt>;

/** A comment of the city's review, pinned to a task row, a measure or a cell (or to none). */
export const ReviewComment = z
  .object({
    taskId: z.string().max(20).optional(),
    measureId: z.string().max(20).optional(),
    cell: z
      .string()
      .regex(/^[^!]{1,31}![A-Z]{1,3}\d{1,7}$/, 'a cell such as "Nhiệm vụ!G7"')
      .optional(),
    text: cleanString(2000, 1),
  })
  .strict();
export type ReviewComment = z.infer<typeof ReviewComment>;

/** What the city decided on a report version: Chờ xem xét, Đã tiếp nhận, Trả lại. */
export const Review = z.object({
  state: z.enum(['awaiting', 'accepted', 'returned']),
  comment: z.string(),
  comments: z.array(ReviewComment),
  resubmitBy: z.string().nullable(),
});
export type Review = z.infer<typeof Review>;

/** POST …/submissions/:id/review. Returning needs a comment; the resubmission deadline defaults to 5 days. */
export const ReviewRequest = z
  .object({
    decision: z.enum(['accept', 'return']),
    comment: cleanString(4000).default(''),
    comments: z.array(ReviewComment).max(200).default([]),
    resubmitBy: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-20')
      .optional(),
  })
  .strict()
  .refine((r) => r.decision === 'accept' || r.comment.length > 0, {
    message: 'returning a report needs a comment',
    path: ['comment'],
  });

/** POST /accounts: a named staff account (a coordinator reviews and manages, a viewer reads). */
export const NewAccount = z
  .object({
    name: cleanString(100, 2),
    role: z.enum(['coordinator', 'viewer']),
    email: cleanStringThen()
      .trim()
      .max(200)
      .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/)
      .optional(),
  })
  .strict();
export type NewAccount = z.infer<typeof NewAccount>;

/** PUT /directories/:id/agencies/:agencyId/contacts: an agency's contacts, replaced whole. */
export const AgencyContacts = z.object({ contacts: z.array(AgencyContact).max(10) }).strict();
export type AgencyContacts = z.infer<typeof AgencyContacts>;

/** POST /directories/:id/agencies: an agency the directory is missing. */
export const NewAgency = z
  .object({
    name: cleanString(200, 2),
    kind: AgencyKind,
    groups: z.array(cleanString(60)).max(10).default([]),
  })
  .strict();
export type NewAgency = z.infer<typeof NewAgency>;

/** POST /plans/:plan/periods: open a period by its id ("2026-H1"). */
export const OpenPeriod = z.object({ id: z.string().max(20) }).strict();
export type OpenPeriod = z.infer<typeof OpenPeriod>;

/** POST …/periods/:period/master-source: whether the master counts accepted reports only. */
export const MasterSource = z.object({ acceptedOnly: z.boolean() }).strict();
export type MasterSource = z.infer<typeof MasterSource>;

/** POST …/periods/:period/exceptions: one agency may submit to a locked period until a date, and why. */
export const PeriodException = z
  .object({
    agencyId: z.string().max(60),
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    reason: cleanString(1000, 1),
  })
  .strict();
export type PeriodException = z.infer<typeof PeriodException>;

export const SubmissionSummary = Receipt.omit({ duplicate: true }).extend({
  source: SubmissionSource,
  planId: z.string(),
  periodId: z.string(),
  agencyId: z.string(),
});

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

export const TaskRow = z.object({
  taskId: z.string(),
  title: z.string(),
  role: z.enum(['lead', 'coordinating', 'focus']),
  roleLabel: z.string(),
  timeframe: z.string(),
});
export const MeasureRow = z.object({
  measureId: z.string(),
  label: z.string(),
  threshold: z.string(),
  kind: MeasureKind,
  how: z.string(),
});

export const PlanRef = z.object({ id: z.string(), number: z.string().nullable(), title: z.string() });

/** What an agency owes for one plan and period. */
export const Duty = z.object({
  plan: PlanRef,
  period: PeriodInfo,
  tasks: z.array(TaskRow),
  measures: z.array(MeasureRow),
  latestReceipt: Receipt.extend({ review: Review }).nullable(),
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

const Severity = z.enum(['error', 'warning']);
const FindingParams = z.record(z.string(), z.union([z.string(), z.number()]));
const Wording = z.object({ vi: z.string(), en: z.string() });

/** A finding of the workbook reader at a cell (shared/workbook/issue.ts), with its words, as an answer carries it. */
export const CellFinding = z.looseObject({
  code: z.custom<WorkbookIssueCode>(isWorkbookIssueCode, { message: 'a code of the workbook reader' }),
  severity: Severity,
  at: z.looseObject({ sheet: z.string(), cell: z.string(), field: z.string().optional() }),
  params: FindingParams,
  message: Wording,
});
export type CellFinding = z.infer<typeof CellFinding>;

/** A finding of the plan parser at a place of the document (shared/domain/plan-issue.ts), with its words. */
export const DocumentFinding = z.looseObject({
  code: z.custom<PlanIssueCode>(isPlanIssueCode, { message: 'a code of the plan parser' }),
  severity: Severity,
  at: z.looseObject({ line: z.number().int().nullable(), where: z.string(), subject: z.string().optional() }),
  params: FindingParams,
  message: Wording,
});
export type DocumentFinding = z.infer<typeof DocumentFinding>;

export const Finding = z.union([CellFinding, DocumentFinding]);
export type Finding = z.infer<typeof Finding>;
/** Whether a finding of an answer is at a cell (a workbook's) rather than in a plan document. */
export const isCellFinding = (f: Finding): f is CellFinding => 'sheet' in f.at;

/** Every error: RFC 9457 problem details with a code; refused reports and plans carry their findings. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    requestId: z.string().optional(),
    field: z.string().optional(),
    issues: z.array(Finding).optional(),
  })
  .passthrough();
export type Problem = z.infer<typeof Problem>;
