// Judging the open workbook as the server will: the shared reader with the plan key and row digest the service
// gave for this workbook's plan and period; then a state per task and measure row for the list.
import type { PeriodDuty } from '../../shared/api/contract.ts';
import { readReport } from '../../shared/workbook/grid-reader.ts';
import type { Grid } from '../../shared/workbook/grid.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import { readMeta } from '../../shared/workbook/meta.ts';
import { dataRow, META_SHEET, TARGETS_SHEET, TASKS_SHEET } from '../../shared/workbook/spec.ts';
import type { Report } from '../../shared/domain/report.ts';

export interface WorkbookIdentity {
  planId: string | null;
  periodId: string;
  agencyId: string;
  agencyName: string;
  planTitle: string;
}

/** Which plan, period and agency the workbook says it is for; null when it is not one of our workbooks. */
export function identify(grid: Grid): WorkbookIdentity | null {
  const meta = readMeta(grid[META_SHEET.name]);
  if (!meta.ok) return null;
  return {
    planId: meta.meta.planId ?? null,
    periodId: meta.meta.periodId,
    agencyId: meta.meta.agencyId,
    agencyName: meta.meta.agencyName,
    planTitle: meta.meta.planTitle,
  };
}

export type RowState = 'empty' | 'incomplete' | 'ready';
export interface Checked {
  ok: boolean;
  report: Report | null;
  errors: WorkbookIssue[];
  warnings: WorkbookIssue[];
  /** By task id and by measure id. */
  tasks: Map<string, RowState>;
  measures: Map<string, RowState>;
}

const rowOf = (cell: string) => Number(/\d+$/.exec(cell)?.[0] ?? 0);

export function checkWorkbook(grid: Grid, duty: PeriodDuty): Checked {
  const read = readReport(grid, {
    expected: {
      agencyId: duty.agency.id,
      periodId: duty.period.id,
      planId: duty.plan.id,
      planKey: duty.planKey,
      lockedDigest: duty.lockedDigest,
    },
  });
  const errors = read.ok ? [] : read.issues.filter((i) => i.severity === 'error');
  const warnings = read.ok ? read.warnings : read.issues.filter((i) => i.severity !== 'error');
  const rowsWithErrors = (sheet: string) =>
    new Set(errors.filter((i) => i.at.sheet === sheet).map((i) => rowOf(i.at.cell)));
  const taskErrors = rowsWithErrors(TASKS_SHEET.name);
  const measureErrors = rowsWithErrors(TARGETS_SHEET.name);
  const filled = (sheet: string, row: number, from: number) =>
    (grid[sheet]?.[row - 1] ?? []).slice(from).some((v) => v !== null && String(v).trim() !== '');
  const state = (sheet: string, row: number, errorsAt: Set<number>, firstInput: number): RowState =>
    errorsAt.has(row)
      ? filled(sheet, row, firstInput)
        ? 'incomplete'
        : 'empty'
      : filled(sheet, row, firstInput)
        ? 'ready'
        : 'empty';
  const firstInput = (spec: typeof TASKS_SHEET) => spec.columns.findIndex((c) => c.input);
  const tasks = new Map(
    duty.tasks.map((t, i) => [
      t.taskId,
      state(TASKS_SHEET.name, dataRow(TASKS_SHEET, i), taskErrors, firstInput(TASKS_SHEET)),
    ]),
  );
  const measures = new Map(
    duty.measures.map((m, i) => [
      m.measureId,
      state(TARGETS_SHEET.name, dataRow(TARGETS_SHEET, i), measureErrors, firstInput(TARGETS_SHEET)),
    ]),
  );
  return { ok: read.ok, report: read.ok ? read.value : null, errors, warnings, tasks, measures };
}

/** Where a task's or measure's row is, to select it. */
export const taskCell = (index: number) => `A${dataRow(TASKS_SHEET, index)}`;
export const measureCell = (index: number) => `A${dataRow(TARGETS_SHEET, index)}`;
export { TASKS_SHEET, TARGETS_SHEET };

/** The review's comments pinned to cells, as findings the host highlights like check issues (they never block). */
export function reviewIssues(duty: PeriodDuty): WorkbookIssue[] {
  const review = duty.latestReceipt?.review;
  if (review?.state !== 'returned') return [];
  return review.comments.flatMap((c) => {
    if (!c.cell) return [];
    const [sheet, cell] = c.cell.split('!') as [string, string];
    return [
      { code: 'review-comment' as const, severity: 'warning' as const, at: { sheet, cell }, params: { text: c.text } },
    ];
  });
}
