// The master's first sheet, "Tổng quan", as rows of plain values and the charts that read them: the rows are laid out
// here, so each chart names the very cells its numbers sit in. One screen, one A4 landscape page: the reporting
// picture by group, each target against its threshold, each task's leads by state, then what needs attention; beside
// each figure the same figure of the previous period of the same kind, and the change.
import type { Plan } from '../domain/plan.ts';
import { periodLabel, vietnameseDate, vietnameseDateTime, type Period } from '../domain/period.ts';
import { thresholdText } from '../workbook/template-model.ts';
import { timeframeText } from '../workbook/template-model.ts';
import { VERDICT_LABELS, type MeasureAggregate } from './aggregate.ts';
import { COLORS, type CellRange, type ChartDescription, type ChartSeries } from './charts.ts';
import type { Row } from './master-rows.ts';
import {
  ATTENTION_LABELS,
  GROUP_LABELS,
  LEAD_STATE_LABELS,
  LEAD_STATES,
  REPORTING_GROUPS,
  attentionList,
  reportingRate,
  short,
  type LeadState,
  type ReportingCounts,
  type ReportingPicture,
  type TaskStates,
} from './overview.ts';

export const OVERVIEW_SHEET = 'Tổng quan';
/** Column widths (A…I): names in A, figures after. */
export const OVERVIEW_WIDTHS = [44, 9, 9, 9, 9, 9, 11, 11, 9];

/** The same figures of the previous period of the same kind (2025-Y for 2026-Y), when it was opened. */
export interface PreviousFigures {
  periodId: string;
  reporting: ReportingCounts;
  /** Citywide value of each measure, by id. */
  values: Record<string, number | null>;
  /** Leads that reported each task done, by id. */
  done: Record<string, number>;
}

export interface OverviewInput {
  plan: Plan;
  period: Period;
  generatedAt: Date;
  reporting: ReportingPicture;
  aggregates: readonly MeasureAggregate[];
  states: TaskStates;
  previous: PreviousFigures | null;
}

export type OverviewRowKind = 'title' | 'info' | 'blank' | 'section' | 'header' | 'data' | 'total';
export interface OverviewRow {
  kind: OverviewRowKind;
  values: Row;
}

export interface Overview {
  rows: OverviewRow[];
  charts: ChartDescription[];
  /** The targets' Đạt / Chưa đạt cells (coloured by the writer), when there are targets. */
  verdicts: CellRange | null;
}

/** current − previous, one decimal; null when either is missing. `change(30, 25.5)` → 4.5. */
export const change = (current: number | null | undefined, previous: number | null | undefined): number | null =>
  current === null || current === undefined || previous === null || previous === undefined
    ? null
    : Math.round((current - previous) * 10) / 10;

export const REPORTING_HEADERS = [
  'Nhóm cơ quan, đơn vị',
  'Phải báo cáo',
  'Đúng hạn',
  'Trễ hạn',
  'Trả lại',
  'Chưa nộp',
  'Tỷ lệ đã nộp (%)',
  'Cùng kỳ trước (%)',
  'Thay đổi (điểm %)',
];
export const TARGET_HEADERS = [
  'Chỉ tiêu',
  'Mức phấn đấu',
  'Ngưỡng (%)',
  'Toàn thành phố (%)',
  'Số đơn vị có số liệu',
  'Đánh giá',
  'Cùng kỳ trước (%)',
  'Thay đổi (điểm %)',
];
export const TASK_HEADERS = [
  'Nhiệm vụ',
  'Số đơn vị chủ trì',
  ...LEAD_STATES.map((s) => LEAD_STATE_LABELS[s]),
  'Thời hạn',
  'Hoàn thành kỳ trước',
  'Thay đổi',
];
export const TOTAL = 'Toàn thành phố';
/** Characters of a name in column A (one line), and of a text running from column B over the empty cells after it. */
const NAME = 42;
const LINE = 90;

/** Lays out the overview sheet and its three charts. */
export function overviewSheet(input: OverviewInput): Overview {
  const { plan, period, reporting, aggregates, states, previous } = input;
  const rows: OverviewRow[] = [];
  const add = (kind: OverviewRowKind, values: Row = []) => {
    rows.push({ kind, values });
    return rows.length;
  };
  const range = (column: number, from: number, to: number): CellRange => ({ sheet: OVERVIEW_SHEET, column, from, to });

  add('title', [`TỔNG QUAN KẾT QUẢ THỰC HIỆN KẾ HOẠCH — ${periodLabel(period).toUpperCase()}`]);
  // Texts stay within the tables' width: LibreOffice prints a text running over empty cells, and fits all it prints.
  add('info', [
    'Kế hoạch',
    short(
      [plan.plan.number && `Số ${plan.plan.number}`, plan.plan.issuer, plan.plan.title].filter(Boolean).join(' — '),
      LINE,
    ),
  ]);
  add('info', [
    'Kỳ báo cáo',
    `${periodLabel(period)} (${period.id}): số liệu từ ${vietnameseDate(period.dataFrom)} đến ${vietnameseDate(period.dataTo)}, ` +
      `hạn nộp trước ngày ${vietnameseDate(period.dueBefore)}`,
  ]);
  add('info', [
    'Tạo lúc',
    `${vietnameseDateTime(input.generatedAt.toISOString())}; so sánh với ${previous ? `cùng kỳ trước (${previous.periodId})` : 'cùng kỳ trước: chưa có số liệu'}`,
  ]);
  add('blank');

  // 1. Who has reported.
  add('section', ['1. TÌNH HÌNH NỘP BÁO CÁO']);
  const reportingHeader = add('header', REPORTING_HEADERS);
  const countsRow = (name: string, c: ReportingCounts, before: ReportingCounts | null): Row => {
    const rate = reportingRate(c);
    const was = before ? reportingRate(before) : null;
    return [name, c.expected, c.onTime, c.late, c.returned, c.missing, rate, was, change(rate, was)];
  };
  const groups = REPORTING_GROUPS.filter((g) => reporting.groups[g].expected > 0);
  for (const g of groups) add('data', countsRow(GROUP_LABELS[g], reporting.groups[g], null));
  const totalRow = add('total', countsRow(TOTAL, reporting.total, previous?.reporting ?? null));
  add('blank');

  // 2. Which targets are met.
  add('section', ['2. CHỈ TIÊU']);
  const targetHeader = add('header', TARGET_HEADERS);
  for (const a of aggregates) {
    // A count ("ít nhất 02 lớp") is met when every unit meets it: its value is the share of units that do, against 100%.
    const threshold = a.measure.kind === 'count' ? 100 : a.measure.value;
    const was = previous ? (previous.values[a.measure.id] ?? null) : null;
    add('data', [
      short(`${a.measure.id}. ${a.measure.label}`, NAME),
      thresholdText(a.measure),
      threshold,
      a.citywide,
      a.units,
      VERDICT_LABELS[a.verdict],
      was,
      change(a.citywide, was),
    ]);
  }
  const targetsEnd = rows.length;
  add('blank');

  // 3. Which tasks are behind.
  add('section', ['3. NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ']);
  const taskHeader = add('header', TASK_HEADERS);
  const tasks = [...plan.focusTasks, ...plan.tasks].filter((t) => states[t.id]);
  for (const t of tasks) {
    const c = states[t.id]!;
    const leads = LEAD_STATES.reduce((n, s) => n + c[s], 0);
    const was = previous ? (previous.done[t.id] ?? null) : null;
    add('data', [
      short(`${t.id}. ${t.title}`, NAME),
      leads,
      ...LEAD_STATES.map((s) => c[s]),
      timeframeText(t.timeframe),
      was,
      change(c.done, was),
    ]);
  }
  const tasksEnd = rows.length;
  add('blank');

  // 4. What needs attention.
  add('section', ['4. CẦN QUAN TÂM']);
  const items = attentionList({ period, now: input.generatedAt, reporting, aggregates, tasks, states });
  if (items.length === 0) add('data', ['Không có nội dung cần lưu ý']);
  for (const item of items) add('data', [ATTENTION_LABELS[item.kind], short(item.text, LINE)]);

  const charts: ChartDescription[] = [];
  const series = (header: number, first: number, last: number, column: number, color: string): ChartSeries => ({
    name: String(rows[header - 1]!.values[column - 1]),
    nameCell: range(column, header, header),
    values: rows
      .slice(first - 1, last)
      .map((r) => (typeof r.values[column - 1] === 'number' ? (r.values[column - 1] as number) : null)),
    valuesRange: range(column, first, last),
    color,
  });
  const categories = (first: number, last: number) => rows.slice(first - 1, last).map((r) => String(r.values[0]));
  if (groups.length > 0) {
    const first = reportingHeader + 1;
    const last = totalRow - 1;
    charts.push({
      name: 'reporting',
      kind: 'stacked-bar',
      title: { vi: 'Tình hình nộp báo cáo theo nhóm', en: 'Reporting status by group' },
      axis: { vi: 'Số cơ quan, đơn vị', en: 'Agencies' },
      categories: categories(first, last),
      categoriesRange: range(1, first, last),
      series: [
        [3, COLORS.green],
        [4, COLORS.amber],
        [5, COLORS.purple],
        [6, COLORS.red],
      ].map(([c, color]) => series(reportingHeader, first, last, c as number, color as string)),
    });
  }
  if (aggregates.length > 0) {
    const first = targetHeader + 1;
    charts.push({
      name: 'targets',
      kind: 'clustered-bar',
      title: { vi: 'Chỉ tiêu: giá trị toàn thành phố so với ngưỡng', en: 'Targets: citywide value against threshold' },
      axis: { vi: 'Tỷ lệ (%)', en: 'Percent' },
      max: 100,
      categories: categories(first, targetsEnd),
      categoriesRange: range(1, first, targetsEnd),
      series: [
        series(targetHeader, first, targetsEnd, 4, COLORS.blue),
        series(targetHeader, first, targetsEnd, 3, COLORS.grey),
      ],
    });
  }
  if (tasks.length > 0) {
    const first = taskHeader + 1;
    const colors: Record<LeadState, string> = {
      done: COLORS.green,
      'in-progress': COLORS.blue,
      'not-started': COLORS.red,
      'not-reported': COLORS.grey,
    };
    charts.push({
      name: 'tasks',
      kind: 'stacked-bar',
      title: { vi: 'Tình trạng nhiệm vụ theo cơ quan chủ trì', en: 'Task states across lead agencies' },
      axis: { vi: 'Số đơn vị chủ trì', en: 'Lead agencies' },
      categories: categories(first, tasksEnd),
      categoriesRange: range(1, first, tasksEnd),
      series: LEAD_STATES.map((s, i) => series(taskHeader, first, tasksEnd, 3 + i, colors[s])),
    });
  }
  return { rows, charts, verdicts: aggregates.length > 0 ? range(6, targetHeader + 1, targetsEnd) : null };
}
