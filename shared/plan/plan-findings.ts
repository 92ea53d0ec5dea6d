// Collecting the plan parser's findings with their place and wording.
import type { PlanIssue, PlanIssueCode } from '../domain/plan-issue.ts';

export class Findings {
  readonly list: PlanIssue[] = [];
  add(
    code: PlanIssueCode,
    severity: PlanIssue['severity'],
    at: { line: number | null; where: string },
    params: Record<string, string | number> = {},
  ) {
    const subject = params.task ?? params.target;
    this.list.push({
      code,
      severity,
      at: { line: at.line, where: at.where, ...(subject !== undefined ? { subject: String(subject) } : {}) },
      params,
    });
  }
}
