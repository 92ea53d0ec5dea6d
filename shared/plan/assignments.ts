// Assignments derived from tasks: names and groups expanded against the directory; never typed by hand.
import type { Assignment, Task } from '../domain/plan.ts';
import type { PlanIssue } from '../domain/plan-issue.ts';
import { resolveAgencyList, type AgencyIndex } from '../directory/directory.ts';

export interface AssignmentResult {
  assignments: Assignment[];
  issues: PlanIssue[];
}

/** Where each task's labels were read, so an unknown name can be reported at its line. */
export type TaskLines = Map<string, { lead: number | null; coordinating: number | null; where: string }>;

/**
 * Expands every task's lead and coordinating names into (task, agency, role). An agency that leads
 * a task is not also listed as coordinating it; each agency appears once per task.
 */
export function deriveAssignments(tasks: Task[], index: AgencyIndex, lines: TaskLines): AssignmentResult {
  const assignments: Assignment[] = [];
  const issues: PlanIssue[] = [];
  for (const task of tasks) {
    const seen = new Set<string>();
    for (const role of ['lead', 'coordinating'] as const) {
      const place = lines.get(task.id);
      for (const name of task[role]) {
        const { resolved, unknown } = resolveAgencyList(name, index);
        for (const agency of resolved.flatMap((r) => r.agencies)) {
          if (seen.has(agency.id)) continue;
          seen.add(agency.id);
          assignments.push({ taskId: task.id, agencyId: agency.id, agencyName: agency.name, role });
        }
        const line = place?.[role] ?? null;
        // A group the directory knows but gives no members (a draft directory not completed yet): nobody is assigned.
        for (const empty of resolved.filter((r) => r.agencies.length === 0)) {
          issues.push({
            code: 'group-empty',
            severity: 'warning',
            at: { line, where: line !== null ? `line ${line}` : (place?.where ?? task.source), subject: task.id },
            params: { name: empty.text, task: task.id, directory: index.directory.id },
          });
        }
        for (const unknownName of unknown) {
          issues.push({
            code: 'agency-unknown',
            severity: 'error',
            at: { line, where: line !== null ? `line ${line}` : (place?.where ?? task.source), subject: task.id },
            params: { name: unknownName, task: task.id, directory: index.directory.id },
          });
        }
      }
    }
  }
  return { assignments, issues };
}
