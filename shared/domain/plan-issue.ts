// Findings of the plan parser: a code, where, and whether it blocks using the plan.
export type PlanIssueCode =
  | 'empty-document'
  | 'no-tasks'
  | 'no-title'
  | 'no-targets'
  | 'no-reporting-rule'
  | 'task-without-lead'
  | 'timeframe-unrecognised'
  | 'timeframe-missing'
  | 'agency-unknown'
  | 'directory-date-mismatch'
  | 'measure-unrecognised'
  | 'table-without-task-column';

export type Severity = 'error' | 'warning';

export interface PlanIssue {
  code: PlanIssueCode;
  severity: Severity;
  /** 1-based line of the text, or null for a table cell (then `where` names table and row). */
  line: number | null;
  where: string;
  message: string;
  /** The task, focus task or target the issue is about ("NV3", "MT2"), when it is about one. */
  subject?: string;
  /** The agency name the plan wrote, for agency-unknown. */
  name?: string;
}

export const isBlocking = (issue: PlanIssue): boolean => issue.severity === 'error';
