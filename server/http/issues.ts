// Workbook issues as the HTTP API shows them: the issue with its Vietnamese and English wording.
import { issueWording, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import type { SubmitResult } from '../service/submissions.ts';
import type { Store, StoredPeriod } from '../store/store.ts';
import { clip, problem, type HttpProblem } from './problem.ts';

const periodUnknown = (id: string) => problem(404, 'period-unknown', `Không có kỳ báo cáo ${clip(id)}.`, `No reporting period ${clip(id)}.`);

/** The stored period of that id, or a 404 problem. */
export function knownPeriod(store: Store, id: string): StoredPeriod {
  const period = store.period(id);
  if (!period) throw periodUnknown(id);
  return period;
}

export const withWording = (issues: WorkbookIssue[]) => issues.map((i) => ({ ...i, message: issueWording(i) }));

/** The problem for a refused submission. */
export function submitProblem(result: Exclude<SubmitResult, { ok: true }>, periodId: string): HttpProblem {
  switch (result.reason) {
    case 'period-unknown': return periodUnknown(periodId);
    case 'period-locked': return problem(409, 'period-locked', `Kỳ báo cáo ${periodId} đã khóa; không nhận thêm báo cáo.`, `The period ${periodId} is locked; no more reports are accepted.`);
    case 'mismatch': return problem(409, 'workbook-mismatch', 'Tệp này không phải báo cáo của cơ quan hoặc kỳ này.', 'This workbook is for another agency, period or plan.', { issues: withWording(result.issues) });
    case 'invalid': return problem(422, 'report-invalid', 'Báo cáo còn lỗi; xem danh sách ô cần sửa.', 'The report has issues; see the cells to fix.', { issues: withWording(result.issues) });
  }
}
