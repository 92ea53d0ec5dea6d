// The rows of the master workbook, as plain values: one builder per sheet, each from one agency's data.
import type { Plan } from '../domain/plan.ts';
import { vietnameseDateTime } from '../domain/period.ts';
import type { Report } from '../domain/report.ts';
import { STATUS_LABELS, ROLE_LABELS, YES, NO } from '../workbook/spec.ts';
import type { TemplateModel } from '../workbook/template-model.ts';
import { thresholdText } from '../workbook/template-model.ts';
import type { MeasureAggregate } from './aggregate.ts';
import { ratioPercent, VERDICT_LABELS } from './aggregate.ts';

export type Row = (string | number | null)[];

export interface AgencyRef {
  id: string;
  name: string;
  group: string;
}
export interface SubmissionRef {
  version: number;
  receivedAt: string;
  onTime: boolean;
  source: string;
  review?: 'awaiting' | 'accepted' | 'returned';
}
export const REVIEW_LABELS = { awaiting: 'Chờ xem xét', accepted: 'Đã tiếp nhận', returned: 'Trả lại' } as const;

export const SOURCE_LABELS: Record<string, string> = {
  'excel-addin': 'Excel (thanh bên)',
  'sheets-addon': 'Google Sheets (thanh bên)',
  upload: 'Tải tệp lên',
  pull: 'Lấy từ Google Sheets',
};
export const SUBMITTED = 'Đã nộp';
export const MISSING = 'Chưa nộp';
export const ON_TIME = 'Đúng hạn';
export const LATE = 'Trễ hạn';

export const STATUS_HEADERS = [
  'Cơ quan, đơn vị',
  'Nhóm',
  'Tình trạng nộp',
  'Phiên bản',
  'Thời điểm nhận',
  'Đúng hạn / Trễ hạn',
  'Nguồn',
  'Xem xét',
];
export function statusRow(agency: AgencyRef, s: SubmissionRef | null): Row {
  return s
    ? [
        agency.name,
        agency.group,
        SUBMITTED,
        s.version,
        vietnameseDateTime(s.receivedAt),
        s.onTime ? ON_TIME : LATE,
        SOURCE_LABELS[s.source] ?? s.source,
        s.review ? REVIEW_LABELS[s.review] : null,
      ]
    : [agency.name, agency.group, MISSING, null, null, null, null, null];
}

export const TASK_HEADERS = [
  'Mã',
  'Nhiệm vụ',
  'Cơ quan, đơn vị',
  'Vai trò',
  'Tình trạng',
  'Tiến độ (%)',
  'Kết quả thực hiện',
  'Văn bản, sản phẩm',
  'Khó khăn, vướng mắc',
  'Đề xuất, kiến nghị',
];
/** The agency's task rows: from its report, or its assigned tasks marked missing. */
export function taskRows(agency: AgencyRef, model: Pick<TemplateModel, 'tasks'>, report: Report | null): Row[] {
  const byTask = new Map(report?.tasks.map((t) => [t.taskId, t]));
  return model.tasks.map((task) => {
    const r = byTask.get(task.taskId);
    return r
      ? [
          task.taskId,
          task.title,
          agency.name,
          ROLE_LABELS[r.role],
          STATUS_LABELS[r.status],
          r.progress,
          r.results,
          r.outputs,
          r.difficulties,
          r.proposals,
        ]
      : [task.taskId, task.title, agency.name, task.roleLabel, `(${MISSING})`, null, null, null, null, null];
  });
}

export const TARGET_HEADERS = [
  'Mã',
  'Chỉ tiêu',
  'Mức phấn đấu',
  'Cơ quan, đơn vị',
  'Số lượng đạt',
  'Tổng số',
  'Có/Không',
  'Tỷ lệ (%)',
  'Đánh giá',
  'Ghi chú',
];
export const CITYWIDE = 'TOÀN THÀNH PHỐ';
export function citywideRow(a: MeasureAggregate): Row {
  const yesNo = a.measure.kind === 'yes-no';
  const count = a.measure.kind === 'count';
  return [
    a.measure.id,
    a.measure.label,
    thresholdText(a.measure),
    CITYWIDE,
    yesNo ? a.yes : a.numerator,
    yesNo ? a.yes + a.no : count ? null : a.denominator,
    yesNo ? `${a.yes} Có / ${a.no} Không` : count ? `${a.yes} đạt / ${a.no} chưa đạt` : null,
    a.citywide,
    VERDICT_LABELS[a.verdict],
    `${a.units} đơn vị có số liệu`,
  ];
}
export function measureRows(agency: AgencyRef, model: Pick<TemplateModel, 'measures'>, report: Report | null): Row[] {
  const byMeasure = new Map(report?.measures.map((m) => [m.measureId, m]));
  return model.measures.map((m) => {
    const r = byMeasure.get(m.measureId);
    const ratio =
      r && m.kind === 'ratio' && r.numerator !== null && r.denominator !== null
        ? ratioPercent(r.numerator, r.denominator)
        : r && m.kind === 'yes-no' && r.yes !== null
          ? r.yes
            ? 100
            : 0
          : null;
    return [
      m.measureId,
      m.label,
      m.threshold,
      agency.name,
      r?.numerator ?? null,
      r?.denominator ?? null,
      r?.yes === true ? YES : r?.yes === false ? NO : null,
      ratio,
      null,
      r ? r.note : `(${MISSING})`,
    ];
  });
}

export const ASSESSMENT_HEADERS = [
  'Cơ quan, đơn vị',
  'Kết quả đạt được',
  'Hạn chế, nguyên nhân',
  'Phương hướng, nhiệm vụ thời gian tới',
  'Đề xuất, kiến nghị',
];
export function assessmentRow(agency: AgencyRef, report: Report | null): Row {
  return report
    ? [
        agency.name,
        report.assessment.results,
        report.assessment.shortcomings,
        report.assessment.nextSteps,
        report.assessment.proposals,
      ]
    : [agency.name, `(${MISSING})`, null, null, null];
}

export const PROPOSAL_HEADERS = ['Cơ quan, đơn vị', 'Nguồn', 'Nội dung đề xuất, kiến nghị'];
/** Every proposal an agency wrote: per task, then from the general assessment. */
export function proposalRows(agency: AgencyRef, report: Report | null, plan: Plan): Row[] {
  if (!report) return [];
  const titles = new Map([...plan.tasks, ...plan.focusTasks].map((t) => [t.id, t.title]));
  const rows: Row[] = report.tasks
    .filter((t) => t.proposals)
    .map((t) => [agency.name, `${t.taskId}: ${titles.get(t.taskId) ?? ''}`.slice(0, 120), t.proposals]);
  if (report.assessment.proposals) rows.push([agency.name, 'Đánh giá chung', report.assessment.proposals]);
  return rows;
}
