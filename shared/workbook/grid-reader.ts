// The one function that judges a workbook: grid (from any reader) → Report, or issues with A1 cells.
import type { Assessment, MeasureReport, Report, TaskReport } from '../domain/report.ts';
import type { MeasureKind } from '../domain/plan.ts';
import { digest } from '../text/digest.ts';
import { matchKey } from '../text/vietnamese.ts';
import { cellText } from './cell-values.ts';
import { cellAt, isBlank, type CellValue, type Grid } from './grid.ts';
import type { Read, WorkbookIssue, WorkbookIssueCode } from './issue.ts';
import { readMeta } from './meta.ts';
import { migrationPath, OLDEST_READABLE_VERSION } from './migrations.ts';
import { checkMeasureRow, checkTaskRow, type Finding } from './rules.ts';
import {
  ASSESSMENT_ROWS,
  ASSESSMENT_SHEET,
  DATA_SHEETS,
  META_SHEET,
  ROLE_LABELS,
  TARGETS_SHEET,
  TASKS_SHEET,
  TEMPLATE_VERSION,
  a1,
  columnLetter,
  type DataSheetSpec,
} from './spec.ts';

export interface ReadOptions {
  /** What the caller expects the workbook to be: a mismatch is an error. */
  expected?: { agencyId?: string; periodId?: string; planId?: string; planKey?: string; lockedDigest?: string };
}

interface LocatedSheet {
  name: string;
  rows: CellValue[][];
  headerRow: number;
  columns: Map<string, number>;
}

class Issues {
  readonly list: WorkbookIssue[] = [];
  add(
    code: WorkbookIssueCode,
    severity: WorkbookIssue['severity'],
    sheet: string,
    cell: string,
    extra: { field?: string; value?: CellValue; params?: Record<string, string | number> } = {},
  ) {
    const params: Record<string, string | number> = { ...(extra.params ?? {}) };
    if (extra.value !== undefined && extra.value !== null)
      params.value = typeof extra.value === 'boolean' ? (extra.value ? 'TRUE' : 'FALSE') : extra.value;
    this.list.push({ code, severity, at: { sheet, cell, ...(extra.field ? { field: extra.field } : {}) }, params });
  }
  get blocking() {
    return this.list.some((i) => i.severity === 'error');
  }
  get warnings() {
    return this.list.filter((i) => i.severity === 'warning');
  }
}

const firstLine = (v: CellValue) => cellText(v).split('\n')[0] ?? '';

/** Column positions by key in a row of headers; exact text first, then by matchKey (case, spacing, tone marks). */
const headerMaps = new WeakMap<DataSheetSpec, { exact: Map<string, string>; byKey: Map<string, string> }>();
function headerMapsOf(spec: DataSheetSpec) {
  let maps = headerMaps.get(spec);
  if (!maps) {
    maps = {
      exact: new Map(spec.columns.map((c) => [c.vi, c.key])),
      byKey: new Map(spec.columns.map((c) => [matchKey(c.vi), c.key])),
    };
    headerMaps.set(spec, maps);
  }
  return maps;
}

function matchHeaders(row: CellValue[], spec: DataSheetSpec): Map<string, number> {
  const { exact, byKey } = headerMapsOf(spec);
  const found = new Map<string, number>();
  row.forEach((cell, i) => {
    if (typeof cell !== 'string') return;
    const line = firstLine(cell);
    const key = exact.get(line) ?? byKey.get(matchKey(line));
    if (key && !found.has(key)) found.set(key, i);
  });
  return found;
}

function findHeaderRow(rows: CellValue[][], spec: DataSheetSpec): { row: number; columns: Map<string, number> } | null {
  // Where the template put it, unless rows were inserted or deleted above.
  const expected = matchHeaders(rows[spec.headerRow - 1] ?? [], spec);
  if (expected.size === spec.columns.length) return { row: spec.headerRow - 1, columns: expected };
  let best: { row: number; columns: Map<string, number> } | null = null;
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const columns = matchHeaders(rows[r] ?? [], spec);
    if (columns.size > (best?.columns.size ?? 1)) best = { row: r, columns };
  }
  return best && best.columns.size * 2 >= spec.columns.length ? best : null;
}

function locateSheet(grid: Grid, spec: DataSheetSpec, issues: Issues): LocatedSheet | null {
  const exact = grid[spec.name] ? spec.name : Object.keys(grid).find((n) => matchKey(n) === matchKey(spec.name));
  const candidates = exact
    ? [exact]
    : Object.keys(grid).filter((n) => n !== META_SHEET.name && !DATA_SHEETS.some((s) => s.name === n));
  for (const name of candidates) {
    const header = findHeaderRow(grid[name]!, spec);
    if (!header) continue;
    if (name !== spec.name) issues.add('sheet-renamed', 'warning', spec.name, 'A1', { params: { actual: name } });
    for (const column of spec.columns) {
      const expected = spec.columns.indexOf(column);
      const actual = header.columns.get(column.key);
      const headerCell = (i: number) => a1(i, header.row + 1);
      if (actual === undefined) {
        issues.add('column-missing', 'error', name, headerCell(expected), {
          field: column.key,
          params: { header: column.vi },
        });
      } else if (actual !== expected) {
        issues.add('column-moved', 'warning', name, headerCell(actual), {
          field: column.key,
          params: { header: column.vi, expected: columnLetter(expected), actual: columnLetter(actual) },
        });
      }
    }
    return { name, rows: grid[name]!, headerRow: header.row, columns: header.columns };
  }
  issues.add('sheet-missing', 'error', spec.name, 'A1');
  return null;
}

/** Reads the data rows of a sheet keyed by the code column; reports unknown and duplicate codes. */
function rowsByCode(sheet: LocatedSheet, expected: Set<string>, issues: Issues): Map<string, number> {
  const codeColumn = sheet.columns.get('code')!;
  const found = new Map<string, number>();
  for (let r = sheet.headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    if (row.every(isBlank)) continue;
    const code = cellText(cellAt(sheet.rows, r, codeColumn));
    const cell = a1(codeColumn, r + 1);
    if (!expected.has(code)) {
      // A stray note under the table is not a row of the report; a stray code is.
      if (
        code !== '' ||
        row.some((v, c) => c !== codeColumn && !isBlank(v) && c <= Math.max(...sheet.columns.values()))
      ) {
        issues.add('row-unknown', 'error', sheet.name, cell, { value: code || null });
      }
      continue;
    }
    if (found.has(code)) {
      issues.add('row-duplicate', 'error', sheet.name, cell, { value: code });
      continue;
    }
    found.set(code, r);
  }
  for (const code of expected) {
    if (!found.has(code))
      issues.add('row-missing', 'error', sheet.name, a1(codeColumn, sheet.headerRow + 2), { params: { code } });
  }
  return found;
}

function checkLocked(sheet: LocatedSheet, r: number, key: string, expectedDigest: string, issues: Issues) {
  const c = sheet.columns.get(key);
  if (c === undefined) return;
  if (digest(cellText(cellAt(sheet.rows, r, c))) !== expectedDigest) {
    issues.add('locked-content-changed', 'error', sheet.name, a1(c, r + 1), {
      field: key,
      value: cellAt(sheet.rows, r, c),
    });
  }
}

/** Turns a grid into a Report, or the issues that stop it, each with its sheet and A1 cell. */
export function readReport(input: Grid, options: ReadOptions = {}): Read<Report> {
  const issues = new Issues();
  let grid = input;
  let metaRead = readMeta(grid[META_SHEET.name]);
  if (!metaRead.ok) {
    if (metaRead.reason === 'missing') issues.add('metadata-missing', 'error', META_SHEET.name, 'A1');
    else
      issues.add('metadata-invalid', 'error', META_SHEET.name, `B${metaRead.row}`, { params: { key: metaRead.key } });
    return { ok: false, issues: issues.list };
  }
  const version = metaRead.meta.templateVersion;
  const versionCell = `B${metaRead.rowOf('templateVersion')}`;
  if (version > TEMPLATE_VERSION) {
    issues.add('template-version-newer', 'error', META_SHEET.name, versionCell, {
      params: { version, current: TEMPLATE_VERSION },
    });
    return { ok: false, issues: issues.list };
  }
  const path = version < OLDEST_READABLE_VERSION ? null : migrationPath(version, TEMPLATE_VERSION);
  if (!path) {
    issues.add('template-version-unsupported', 'error', META_SHEET.name, versionCell, {
      params: { version, current: TEMPLATE_VERSION },
    });
    return { ok: false, issues: issues.list };
  }
  for (const step of path) grid = step(grid);
  if (version < TEMPLATE_VERSION) {
    issues.add('template-migrated', 'warning', META_SHEET.name, versionCell, {
      params: { from: version, to: TEMPLATE_VERSION },
    });
    metaRead = readMeta(grid[META_SHEET.name]);
    if (!metaRead.ok) return { ok: false, issues: issues.list };
  }
  const { meta, rowOf } = metaRead;
  // The row maps drive every check below: they must be the ones the generator wrote.
  if (digest(JSON.stringify([meta.taskRows, meta.measureRows])) !== meta.lockedDigest) {
    issues.add('metadata-invalid', 'error', META_SHEET.name, `B${rowOf('lockedDigest')}`, {
      params: { key: 'lockedDigest' },
    });
    return { ok: false, issues: issues.list };
  }

  const expected = options.expected ?? {};
  if (expected.agencyId && expected.agencyId !== meta.agencyId) {
    issues.add('agency-mismatch', 'error', META_SHEET.name, `B${rowOf('agencyId')}`, {
      params: { actual: meta.agencyName || meta.agencyId, expected: expected.agencyId },
    });
  }
  if (expected.periodId && expected.periodId !== meta.periodId) {
    issues.add('period-mismatch', 'error', META_SHEET.name, `B${rowOf('periodId')}`, {
      params: { actual: meta.periodId, expected: expected.periodId },
    });
  }
  // Another plan (by its id, or by its content for workbooks made before plans had ids) is refused by name;
  // an older version of the same plan is outdated.
  const otherPlan =
    expected.planId && meta.planId
      ? expected.planId !== meta.planId
      : !!expected.planKey && expected.planKey !== meta.planKey;
  if (otherPlan) {
    issues.add('plan-mismatch', 'error', META_SHEET.name, `B${rowOf(meta.planId ? 'planId' : 'planKey')}`, {
      params: { actual: planName(meta) },
    });
  } else if (expected.planKey && expected.planKey !== meta.planKey) {
    issues.add('template-outdated', 'error', META_SHEET.name, `B${rowOf('planKey')}`);
  } else if (expected.lockedDigest && expected.lockedDigest !== meta.lockedDigest) {
    issues.add('template-outdated', 'error', META_SHEET.name, `B${rowOf('lockedDigest')}`);
  }
  if (issues.blocking) return { ok: false, issues: issues.list };

  const tasks = readTasks(grid, meta.taskRows, issues);
  const measures = readMeasures(grid, meta.measureRows, issues);
  const assessment = readAssessment(grid, issues);
  if (issues.blocking || !tasks || !measures || !assessment) return { ok: false, issues: issues.list };
  return {
    ok: true,
    value: {
      templateVersion: TEMPLATE_VERSION,
      planKey: meta.planKey,
      periodId: meta.periodId,
      agencyId: meta.agencyId,
      tasks,
      measures,
      assessment,
    },
    warnings: issues.warnings,
  };
}

/** A plan as a person knows it: "Kế hoạch số 45/KH-UBND" or its title. */
const planName = (meta: { planNumber: string; planTitle: string }) =>
  /\d/.test(meta.planNumber) ? `Kế hoạch số ${meta.planNumber}` : `Kế hoạch "${meta.planTitle.slice(0, 80)}"`;

/** A cell of a data row by column key, wherever the column now stands; null when the column is gone. */
function valueAt(sheet: LocatedSheet, r: number, key: string): CellValue {
  const c = sheet.columns.get(key);
  return c === undefined ? null : cellAt(sheet.rows, r, c);
}

/** The rule findings of one row as issues at their cells. */
function addFindings(sheet: LocatedSheet, r: number, findings: Finding[], issues: Issues) {
  for (const f of findings) {
    const c = sheet.columns.get(f.field);
    if (c === undefined) continue;
    issues.add(f.code, 'error', sheet.name, a1(c, r + 1), {
      field: f.field,
      ...(f.value !== undefined ? { value: f.value } : {}),
      ...(f.params ? { params: f.params } : {}),
    });
  }
}

function readTasks(
  grid: Grid,
  taskRows: [string, TaskReport['role'], string, string][],
  issues: Issues,
): TaskReport[] | null {
  const sheet = locateSheet(grid, TASKS_SHEET, issues);
  if (!sheet || !sheet.columns.has('code')) return null;
  const rows = rowsByCode(sheet, new Set(taskRows.map(([id]) => id)), issues);
  const limits = Object.fromEntries(TASKS_SHEET.columns.map((c) => [c.key, c.maxLength]));
  const out: TaskReport[] = [];
  for (const [taskId, role, titleDigest, timeframeDigest] of taskRows) {
    const r = rows.get(taskId);
    if (r === undefined) continue;
    checkLocked(sheet, r, 'title', titleDigest, issues);
    checkLocked(sheet, r, 'timeframe', timeframeDigest, issues);
    checkLocked(sheet, r, 'role', digest(ROLE_LABELS[role]), issues);
    const value = (key: string) => valueAt(sheet, r, key);
    const { values, findings } = checkTaskRow(
      {
        status: value('status'),
        progress: value('progress'),
        results: value('results'),
        outputs: value('outputs'),
        difficulties: value('difficulties'),
        proposals: value('proposals'),
      },
      limits,
    );
    addFindings(sheet, r, findings, issues);
    out.push({
      taskId,
      role,
      status: values.status ?? 'not-started',
      progress: values.progress,
      results: values.results,
      outputs: values.outputs,
      difficulties: values.difficulties,
      proposals: values.proposals,
    });
  }
  return out;
}

function readMeasures(
  grid: Grid,
  measureRows: [string, MeasureKind, string, string][],
  issues: Issues,
): MeasureReport[] | null {
  if (measureRows.length === 0) return [];
  const sheet = locateSheet(grid, TARGETS_SHEET, issues);
  if (!sheet || !sheet.columns.has('code')) return null;
  const rows = rowsByCode(sheet, new Set(measureRows.map(([id]) => id)), issues);
  const noteLimit = TARGETS_SHEET.columns.find((c) => c.key === 'note')!.maxLength;
  const out: MeasureReport[] = [];
  for (const [measureId, kind, labelDigest, thresholdDigest] of measureRows) {
    const r = rows.get(measureId);
    if (r === undefined) continue;
    checkLocked(sheet, r, 'label', labelDigest, issues);
    checkLocked(sheet, r, 'threshold', thresholdDigest, issues);
    const value = (key: string) => valueAt(sheet, r, key);
    const { values, findings } = checkMeasureRow(
      kind,
      { numerator: value('numerator'), denominator: value('denominator'), yes: value('yes'), note: value('note') },
      noteLimit,
    );
    addFindings(sheet, r, findings, issues);
    out.push({ measureId, ...values });
  }
  return out;
}

function readAssessment(grid: Grid, issues: Issues): Assessment | null {
  const sheet = locateSheet(grid, ASSESSMENT_SHEET, issues);
  if (!sheet) return null;
  const sectionColumn = sheet.columns.get('section');
  const textColumn = sheet.columns.get('text');
  if (sectionColumn === undefined || textColumn === undefined) return null;
  const limit = ASSESSMENT_SHEET.columns[1]!.maxLength!;
  const out: Record<string, string> = {};
  // Each row by its label's exact text; by matchKey only if some label was retyped.
  const exact = new Map<string, number>();
  const labels: [string, number][] = [];
  for (let r = sheet.rows.length - 1; r > sheet.headerRow; r--) {
    const label = cellText(cellAt(sheet.rows, r, sectionColumn));
    if (label) {
      exact.set(label, r);
      labels.push([label, r]);
    }
  }
  let keyed: Map<string, number> | null = null;
  const byKey = (label: string) => (keyed ??= new Map(labels.map(([l, r]) => [matchKey(l), r]))).get(matchKey(label));
  for (const section of ASSESSMENT_ROWS) {
    const found = exact.get(section.vi) ?? byKey(section.vi) ?? -1;
    if (found < 0) {
      issues.add('row-missing', 'error', sheet.name, a1(sectionColumn, sheet.headerRow + 2), {
        params: { code: section.vi },
      });
      continue;
    }
    const text = cellText(cellAt(sheet.rows, found, textColumn));
    if (text.length > limit)
      issues.add('text-too-long', 'error', sheet.name, a1(textColumn, found + 1), {
        field: section.key,
        params: { length: text.length, max: limit },
      });
    out[section.key] = text;
  }
  return {
    results: out.results ?? '',
    shortcomings: out.shortcomings ?? '',
    nextSteps: out.nextSteps ?? '',
    proposals: out.proposals ?? '',
  };
}
