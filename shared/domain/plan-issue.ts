// Findings of the plan parser (the shared Finding shape, at a place of the document) and whether they block.
import type { DocumentPlace, Finding, Severity } from './finding.ts';
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
  | 'table-without-task-column'
  | 'line-not-understood'
  | 'label-unknown'
  | 'section-without-tasks'
  | 'section-without-targets'
  | 'group-empty'
  | 'coverage-low'
  // The limits of shared/plan/plan-limits.ts.
  | 'too-many-tasks'
  | 'too-many-targets'
  | 'title-too-long'
  | 'title-long';

export type { Severity };

/** A finding of the plan parser at a place of the document (`at.subject`: the task or target it is about). */
export type PlanIssue = Finding<PlanIssueCode, DocumentPlace>;

export const isBlocking = (issue: PlanIssue): boolean => issue.severity === 'error';
