// The master workbook: every sheet written in one pass over the agencies (each report read once), into compressed
// sheet streams (xlsx-stream.ts), so time and memory stay low as the number of agencies grows.
import { FILL, SheetStream, STYLE, writeWorkbook } from './xlsx-stream.ts';
import type { Plan } from '../../shared/domain/plan.ts';
import { periodLabel, vietnameseDate, vietnameseDateTime, type Period } from '../../shared/domain/period.ts';
import type { Report } from '../../shared/domain/report.ts';
import { MeasureTotals, VERDICT_LABELS, type MeasureAggregate } from '../../shared/master/aggregate.ts';
import {
  ASSESSMENT_HEADERS, LATE, MISSING, PROPOSAL_HEADERS, STATUS_HEADERS, TARGET_HEADERS, TASK_HEADERS, assessmentRow, citywideRow,
  measureRows, proposalRows, statusRow, taskRows, type AgencyRef, type Row, type SubmissionRef,
} from '../../shared/master/master-rows.ts';
import { assignmentsByAgency, buildTemplateModel, thresholdText, type TemplateModel } from '../../shared/workbook/template-model.ts';

export interface MasterAgency { id: string; name: string; groups: string[]; group: string }

export interface MasterSource {
  plan: Plan;
  period: Period;
  generatedAt: Date;
  /** Agencies that should report, in directory order. */
  agencies: MasterAgency[];
  submission(agencyId: string): SubmissionRef | null;
  /** The agency's latest accepted report, loaded when asked. */
  report(agencyId: string): Report | null;
}

interface SheetOptions { title: string; headers: string[]; widths: number[]; wrap?: number[] }

/** A master sheet: its title, an optional preamble, the header row, then data rows with heights from their wrapped text. */
class MasterSheet {
  readonly stream: SheetStream;
  private readonly wrap: number[];
  constructor(name: string, private readonly o: SheetOptions, preamble: Row[] = []) {
    this.wrap = o.wrap ?? [];
    this.stream = new SheetStream(name, { widths: o.widths, headerRow: preamble.length + 2, columns: o.headers.length });
    this.stream.add([o.title], STYLE.title);
    for (const row of preamble) this.add(row);
    this.stream.add(o.headers, STYLE.header, 30);
  }
  /** Appends a row: wrapped columns wrap, the rest sit at the top; `bold` for the citywide rows. */
  add(values: Row, bold = false) {
    // Heights from the wrapped text: LibreOffice does not fit wrapped rows when it opens a file.
    const lines = Math.max(1, ...this.wrap.map((c) => {
      const v = values[c - 1];
      return typeof v === 'string' ? Math.ceil((v.length * 1.1) / this.o.widths[c - 1]!) : 1;
    }));
    this.stream.add(values, bold ? STYLE.boldWrapped : (column) => (this.wrap.includes(column) ? STYLE.wrapped : STYLE.top), lines > 1 ? Math.min(409, lines * 14 + 4) : undefined);
  }
  addAll(rows: Row[]) { for (const row of rows) this.add(row); }
}

/**
 * Writes the master workbook of a period to `output` (a file path or a writable stream). One pass over the agencies:
 * each report is read once and its rows go to every sheet at once; the measure values (small) are kept until the
 * citywide totals that head the targets sheet are known.
 */
export async function writeMaster(source: MasterSource, output: { filename: string } | { stream: NodeJS.WritableStream }): Promise<void> {
  const { plan, period } = source;
  const byAgency = assignmentsByAgency(plan);
  const models = new Map<string, Pick<TemplateModel, 'tasks' | 'measures'>>();
  const model = (a: MasterAgency) => {
    // Agencies with the same groups and assignments share their rows: build each distinct set once.
    const mine = byAgency.get(a.id) ?? [];
    const key = `${a.groups.join(',')}|${mine.map((x) => `${x.taskId}:${x.role}`).join(',')}`;
    let m = models.get(key);
    if (!m) {
      const built = buildTemplateModel(plan, a, period, source.generatedAt.toISOString(), mine);
      m = { tasks: built.tasks, measures: built.measures };
      models.set(key, m);
    }
    return m;
  };
  const ref = (a: MasterAgency): AgencyRef => ({ id: a.id, name: a.name, group: a.group });

  const status = new MasterSheet('Tình hình nộp', { title: `TÌNH HÌNH NỘP BÁO CÁO — ${periodLabel(period)}`, headers: STATUS_HEADERS, widths: [40, 34, 14, 10, 18, 16, 22, 16], wrap: [1, 2] });
  const tasks = new MasterSheet('Nhiệm vụ', { title: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ', headers: TASK_HEADERS,
    widths: [7, 50, 28, 16, 20, 10, 50, 30, 30, 30], wrap: [2, 7, 8, 9, 10] });
  const assessment = new MasterSheet('Đánh giá chung', { title: 'ĐÁNH GIÁ CHUNG CỦA CÁC CƠ QUAN, ĐƠN VỊ', headers: ASSESSMENT_HEADERS,
    widths: [30, 50, 50, 50, 50], wrap: [2, 3, 4, 5] });
  const proposals = new MasterSheet('Đề xuất, kiến nghị', { title: 'TỔNG HỢP ĐỀ XUẤT, KIẾN NGHỊ', headers: PROPOSAL_HEADERS,
    widths: [30, 40, 80], wrap: [2, 3] });

  const totals = new MeasureTotals(plan.targets.flatMap((t) => t.measures));
  const measures = new Map<string, Report['measures']>();
  let onTime = 0;
  let late = 0;
  for (const [i, a] of source.agencies.entries()) {
    const s = source.submission(a.id);
    const report = s ? source.report(a.id) : null;
    if (s) { if (s.onTime) onTime += 1; else late += 1; }
    if (report) { totals.add(report); measures.set(a.id, report.measures); }
    status.add(statusRow(ref(a), s));
    tasks.addAll(taskRows(ref(a), model(a), report));
    assessment.add(assessmentRow(ref(a), report));
    if (s) proposals.addAll(proposalRows(ref(a), report, plan));
    // Let the event loop breathe between agencies now and then (a build runs beside the service in its worker).
    if (i % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
  }
  status.stream.highlight(3, [[MISSING, FILL.red]]);
  status.stream.highlight(6, [[LATE, FILL.amber]]);
  tasks.stream.highlight(5, [[`(${MISSING})`, FILL.red]]);
  const aggregates = totals.result();

  const targets = new MasterSheet('Chỉ tiêu', { title: 'KẾT QUẢ THỰC HIỆN CHỈ TIÊU', headers: TARGET_HEADERS,
    widths: [8, 45, 12, 30, 12, 12, 16, 10, 16, 30], wrap: [2, 10] });
  for (const aggregate of aggregates) targets.add(citywideRow(aggregate), true);
  for (const a of source.agencies) {
    const mine = measures.get(a.id);
    targets.addAll(measureRows(ref(a), model(a), mine ? ({ measures: mine } as Report) : null));
  }
  targets.stream.highlight(9, [[VERDICT_LABELS['not-met'], FILL.red], [VERDICT_LABELS.met, FILL.green]]);

  const overview = overviewSheet(source, aggregates, { expected: source.agencies.length, onTime, late });
  await writeWorkbook([overview.stream, status.stream, tasks.stream, targets.stream, assessment.stream, proposals.stream], output, source.generatedAt);
}

function overviewSheet(source: MasterSource, aggregates: MeasureAggregate[], counts: { expected: number; onTime: number; late: number }): MasterSheet {
  const { plan, period } = source;
  const preamble: Row[] = [
    [],
    ['Kế hoạch', [plan.plan.number && `Số ${plan.plan.number}`, plan.plan.issuer, plan.plan.title].filter(Boolean).join(' — ')],
    ['Kỳ báo cáo', `${periodLabel(period)} (${period.id})`],
    ['Số liệu tính từ', `${vietnameseDate(period.dataFrom)} – ${vietnameseDate(period.dataTo)}`],
    ['Hạn nộp', `Trước ngày ${vietnameseDate(period.dueBefore)} (giờ Việt Nam)`],
    ['Tạo lúc', vietnameseDateTime(source.generatedAt.toISOString())],
    [],
    ['Số cơ quan, đơn vị phải báo cáo', counts.expected],
    ['Đã nộp đúng hạn', counts.onTime],
    ['Nộp trễ hạn', counts.late],
    ['Chưa nộp', counts.expected - counts.onTime - counts.late],
    [],
  ];
  const sheet = new MasterSheet('Tổng quan', {
    title: 'TỔNG HỢP KẾT QUẢ THỰC HIỆN KẾ HOẠCH',
    headers: ['Mã', 'Chỉ tiêu', 'Mức phấn đấu', 'Giá trị toàn thành phố (%)', 'Số đơn vị có số liệu', 'Đánh giá'],
    widths: [30, 60, 14, 16, 14, 18], wrap: [2],
  }, preamble);
  sheet.addAll(aggregates.map((a) => [a.measure.id, a.measure.label, thresholdText(a.measure), a.citywide, a.units, VERDICT_LABELS[a.verdict]]));
  sheet.stream.highlight(6, [[VERDICT_LABELS['not-met'], FILL.red], [VERDICT_LABELS.met, FILL.green]]);
  return sheet;
}
