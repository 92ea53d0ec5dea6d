// The rules of a filled report row, each with its code. Pure: values in, findings (code + field) out.
import type { TaskStatus } from '../domain/report.ts';
import type { MeasureKind } from '../domain/plan.ts';
import type { CellValue } from './grid.ts';
import type { WorkbookIssueCode } from './issue.ts';
import { cellText, taskStatus, wholeNumber, yesNo } from './cell-values.ts';

export interface Finding {
  code: WorkbookIssueCode;
  field: string;
  value?: CellValue;
  params?: Record<string, number>;
}

export interface TaskValues {
  status: TaskStatus | null;
  progress: number | null;
  results: string;
  outputs: string;
  difficulties: string;
  proposals: string;
}

function textRule(field: string, value: CellValue, max: number | undefined, findings: Finding[]): string {
  const text = cellText(value);
  if (max !== undefined && text.length > max)
    findings.push({ code: 'text-too-long', field, params: { length: text.length, max } });
  return text;
}

/** Checks one task row's input cells (raw, by field) against the task rules. */
export function checkTaskRow(
  cells: Record<keyof TaskValues, CellValue>,
  limits: Record<string, number | undefined>,
): { values: TaskValues; findings: Finding[] } {
  const findings: Finding[] = [];
  const status = taskStatus(cells.status);
  if (!status.ok) findings.push({ code: 'status-invalid', field: 'status', value: cells.status });
  else if (status.value === null) findings.push({ code: 'status-required', field: 'status' });

  const progress = wholeNumber(cells.progress, { percent: true });
  if (!progress.ok) findings.push({ code: 'progress-invalid', field: 'progress', value: cells.progress });
  else if (progress.value !== null && (progress.value < 0 || progress.value > 100)) {
    findings.push({ code: 'progress-out-of-range', field: 'progress', value: cells.progress });
  }
  const statusValue = status.ok ? status.value : null;
  const progressValue = progress.ok ? progress.value : null;
  if (statusValue === 'done' && progress.ok && progressValue !== 100)
    findings.push({ code: 'done-needs-100', field: 'progress', value: cells.progress });

  const values: TaskValues = {
    status: statusValue,
    progress: progressValue !== null && progressValue >= 0 && progressValue <= 100 ? progressValue : null,
    results: textRule('results', cells.results, limits.results, findings),
    outputs: textRule('outputs', cells.outputs, limits.outputs, findings),
    difficulties: textRule('difficulties', cells.difficulties, limits.difficulties, findings),
    proposals: textRule('proposals', cells.proposals, limits.proposals, findings),
  };
  if (statusValue !== null && statusValue !== 'not-started' && values.results === '')
    findings.push({ code: 'results-required', field: 'results' });
  return { values, findings };
}

export interface MeasureValues {
  numerator: number | null;
  denominator: number | null;
  yes: boolean | null;
  note: string;
}

/** Checks one measure row: whole counts ≥ 0, numerator ≤ denominator, a denominator with any numerator, Có/Không. */
export function checkMeasureRow(
  kind: MeasureKind,
  cells: { numerator: CellValue; denominator: CellValue; yes: CellValue; note: CellValue },
  noteLimit: number | undefined,
) {
  const findings: Finding[] = [];
  const values: MeasureValues = {
    numerator: null,
    denominator: null,
    yes: null,
    note: textRule('note', cells.note, noteLimit, findings),
  };
  if (kind === 'yes-no') {
    const yes = yesNo(cells.yes);
    if (!yes.ok) findings.push({ code: 'yes-no-invalid', field: 'yes', value: cells.yes });
    else values.yes = yes.value;
    return { values, findings };
  }
  const count = (field: 'numerator' | 'denominator') => {
    const n = wholeNumber(cells[field]);
    if (!n.ok || (n.value !== null && n.value < 0)) {
      findings.push({ code: 'count-invalid', field, value: cells[field] });
      return undefined;
    }
    return n.value;
  };
  const numerator = count('numerator');
  if (kind === 'count') {
    values.numerator = numerator ?? null;
    return { values, findings };
  }
  const denominator = count('denominator');
  if (numerator !== undefined && denominator !== undefined) {
    if (numerator !== null && denominator === null)
      findings.push({ code: 'denominator-required', field: 'denominator' });
    else if (numerator !== null && denominator !== null && numerator > denominator) {
      findings.push({ code: 'numerator-exceeds-denominator', field: 'numerator', value: cells.numerator });
    }
  }
  values.numerator = numerator ?? null;
  values.denominator = denominator ?? null;
  return { values, findings };
}
