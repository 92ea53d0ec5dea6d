// Problem.issues is typed by the finding schemas: an answer's findings are the reader's and the parser's own shape.
import { describe, expect, it } from 'vitest';
import { isCellFinding, Problem, type DocumentFinding } from '../../../shared/api/contract.ts';
import type { WorkbookIssue } from '../../../shared/workbook/issue.ts';
import type { PlanIssue } from '../../../shared/domain/plan-issue.ts';

const base = {
  type: 'https://plan-reporting.invalid/problems/report-invalid',
  title: 'Báo cáo còn lỗi / The report has issues',
  status: 422,
  code: 'report-invalid',
};
const cell = {
  code: 'progress-out-of-range',
  severity: 'error',
  at: { sheet: 'Nhiệm vụ', cell: 'F7', field: 'progress' },
  params: { value: 140 },
  message: { vi: 'Tiến độ phải từ 0 đến 100.', en: 'Progress must be 0 to 100.' },
};
const line = {
  code: 'no-tasks',
  severity: 'error',
  at: { line: 12, where: 'dòng 12' },
  params: {},
  message: { vi: 'Không có nhiệm vụ.', en: 'No tasks.' },
};

describe('Problem.issues', () => {
  it('reads findings at a cell and in a plan document as the reader and the parser typed them', () => {
    const problem = Problem.parse({ ...base, issues: [cell, line] });
    const issues = problem.issues ?? [];
    const atCells: WorkbookIssue[] = issues.filter(isCellFinding);
    expect(atCells).toEqual([cell]);
    const inPlan: PlanIssue[] = issues.filter((f): f is DocumentFinding => !isCellFinding(f));
    expect(inPlan).toEqual([line]);
  });

  it('refuses issues that are not findings: a code no table words, a place of neither kind, words missing', () => {
    expect(Problem.safeParse({ ...base, issues: [{ ...cell, code: 'no-such-finding' }] }).success).toBe(false);
    expect(Problem.safeParse({ ...base, issues: [{ ...cell, at: { row: 7 } }] }).success).toBe(false);
    expect(Problem.safeParse({ ...base, issues: [{ ...cell, message: undefined }] }).success).toBe(false);
    expect(Problem.safeParse({ ...base, issues: [{ anything: 1 }] }).success).toBe(false);
  });

  it('keeps what a finding carries beyond its schema, so the answer loses nothing', () => {
    const problem = Problem.parse({ ...base, issues: [{ ...cell, at: { ...cell.at, extra: 'kept' } }] });
    expect(problem.issues?.[0]?.at).toMatchObject({ extra: 'kept' });
  });
});
