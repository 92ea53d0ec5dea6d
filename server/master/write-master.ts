// The master workbook, written with ExcelJS's streaming writer: one sheet at a time, rows committed as they
// are made, reports loaded one agency at a time, so memory stays flat as the number of agencies grows.
import { xmlSafe } from '../../shared/text/xml-safe.ts';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Plan } from '../../shared/domain/plan.ts';
import { periodLabel, vietnameseDate, vietnameseDateTime, type Period } from '../../shared/domain/period.ts';
import type { Report } from '../../shared/domain/report.ts';
import { MeasureTotals, VERDICT_LABELS, type MeasureAggregate } from '../../shared/master/aggregate.ts';
import {
  ASSESSMENT_HEADERS, LATE, MISSING, PROPOSAL_HEADERS, STATUS_HEADERS, TARGET_HEADERS, TASK_HEADERS, assessmentRow, citywideRow,
  measureRows, proposalRows, statusRow, taskRows, type AgencyRef, type Row, type SubmissionRef,
} from '../../shared/master/master-rows.ts';
import { assignmentsByAgency, buildTemplateModel, thresholdText, type TemplateModel } from '../../shared/workbook/template-model.ts';
import { columnLetter } from '../../shared/workbook/spec.ts';

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

const FONT = { name: 'Times New Roman', size: 11 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF8CBAD' } };
const AMBER: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFE699' } };
const GREEN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } };
const TOP: Partial<ExcelJS.Style> = Object.freeze({ alignment: Object.freeze({ vertical: 'top' as const }) });
const WRAPPED: Partial<ExcelJS.Style> = Object.freeze({ alignment: Object.freeze({ vertical: 'top' as const, wrapText: true }) });
const SINK_LIMIT = 4 * 1024 * 1024;
const yieldToZip = () => new Promise((resolve) => setImmediate(resolve));

interface SheetOptions { title: string; headers: string[]; widths: number[]; wrap?: number[] }

class SheetWriter {
  private rowNumber = 0;
  readonly headerRow: number;
  readonly ws: ExcelJS.Worksheet;
  private readonly widths: number[];
  private readonly wrap: number[];
  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, options: SheetOptions, preamble: Row[] = []) {
    // The streaming writer takes views and page setup only when the sheet is added: the header row is known by then.
    const headerRow = preamble.length + 2;
    this.ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` },
    });
    const ws = this.ws;
    this.widths = options.widths;
    this.wrap = options.wrap ?? [];
    ws.columns = options.widths.map((width) => ({ width }));
    this.add([options.title], { font: { ...FONT, bold: true, size: 14 } });
    for (const row of preamble) this.add(row);
    this.headerRow = this.rowNumber + 1;
    const header = this.add(options.headers, { font: { ...FONT, bold: true }, fill: HEADER_FILL, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } });
    header.height = 30;
    ws.autoFilter = { from: { row: this.headerRow, column: 1 }, to: { row: this.headerRow, column: options.headers.length } };
  }
  /** Appends a row; text stays text (string cells), never a formula. `style` gives its cells a style of their own. */
  add(values: Row, style?: Partial<ExcelJS.Style>): ExcelJS.Row {
    this.rowNumber += 1;
    const row = this.ws.getRow(this.rowNumber);
    // Text that XML cannot hold never reaches the file, even from reports stored before it was filtered.
    row.values = values.map((v) => (v === null ? undefined : typeof v === 'string' ? xmlSafe(v) : v)) as ExcelJS.CellValue[];
    // Data rows share two frozen style objects (the writer caches a style by its object); others get copies.
    row.eachCell((cell, column) => { cell.style = style ? structuredClone(style) : this.wrap.includes(column) ? WRAPPED : TOP; });
    // Heights from the wrapped text: LibreOffice does not fit wrapped rows when it opens a file.
    const lines = Math.max(1, ...this.wrap.map((c) => {
      const v = values[c - 1];
      return typeof v === 'string' ? Math.ceil((v.length * 1.1) / this.widths[c - 1]!) : 1;
    }));
    if (lines > 1) row.height = Math.min(409, lines * 14 + 4);
    return row;
  }
  async commitRows(rows: Row[]) {
    for (const values of rows) this.add(values).commit();
    if (this.rowNumber % 256 < rows.length) await this.drain();
  }
  /**
   * Backpressure: ExcelJS pipes a sheet's XML into the zip without waiting, so wait here until the zip
   * has taken in what was written (its input buffer below a few megabytes).
   */
  private async drain() {
    // The zip's entry stream is readable-stream 2, which has no writableLength: read its state's length.
    const sink = (this.ws as unknown as { stream?: { pipes?: (Writable & { _writableState?: { length: number } })[] } }).stream?.pipes?.[0];
    if (sink && (sink._writableState?.length ?? 0) > SINK_LIMIT) await once(sink, 'drain');
    else await yieldToZip();
  }
  highlight(column: number, rules: [string, ExcelJS.Fill][]) {
    if (this.rowNumber <= this.headerRow) return;
    const ref = `${columnLetter(column - 1)}${this.headerRow + 1}:${columnLetter(column - 1)}${this.rowNumber}`;
    this.ws.addConditionalFormatting({ ref, rules: rules.map(([text, fill], i) => ({
      type: 'cellIs', operator: 'equal', formulae: [`"${text}"`], priority: i + 1, style: { fill },
    })) });
  }
  async done() {
    this.ws.commit();
    await yieldToZip();
  }
}

/** Writes the master workbook of a period to `output` (a file path or a writable stream). */
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

  // Pass 1: counts and the citywide totals (numbers only).
  const totals = new MeasureTotals(plan.targets.flatMap((t) => t.measures));
  let onTime = 0;
  let late = 0;
  for (const a of source.agencies) {
    const s = source.submission(a.id);
    if (!s) continue;
    if (s.onTime) onTime += 1; else late += 1;
    const report = source.report(a.id);
    if (report) totals.add(report);
  }
  const aggregates = totals.result();

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ ...output, useStyles: true, useSharedStrings: false } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions);
  wb.creator = 'Plan Reporting';
  wb.created = source.generatedAt;

  await writeOverview(wb, source, aggregates, { expected: source.agencies.length, onTime, late });

  const status = new SheetWriter(wb, 'Tình hình nộp', { title: `TÌNH HÌNH NỘP BÁO CÁO — ${periodLabel(period)}`, headers: STATUS_HEADERS, widths: [40, 34, 14, 10, 18, 16, 22, 16], wrap: [1, 2] });
  for (const a of source.agencies) await status.commitRows([statusRow(ref(a), source.submission(a.id))]);
  status.highlight(3, [[MISSING, RED]]);
  status.highlight(6, [[LATE, AMBER]]);
  await status.done();

  const tasks = new SheetWriter(wb, 'Nhiệm vụ', { title: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ', headers: TASK_HEADERS,
    widths: [7, 50, 28, 16, 20, 10, 50, 30, 30, 30], wrap: [2, 7, 8, 9, 10] });
  for (const a of source.agencies) await tasks.commitRows(taskRows(ref(a), model(a), source.submission(a.id) ? source.report(a.id) : null));
  tasks.highlight(5, [[`(${MISSING})`, RED]]);
  await tasks.done();

  const targets = new SheetWriter(wb, 'Chỉ tiêu', { title: 'KẾT QUẢ THỰC HIỆN CHỈ TIÊU', headers: TARGET_HEADERS,
    widths: [8, 45, 12, 30, 12, 12, 16, 10, 16, 30], wrap: [2, 10] });
  for (const aggregate of aggregates) targets.add(citywideRow(aggregate), { font: { ...FONT, bold: true }, alignment: { vertical: 'top', wrapText: true } });
  for (const a of source.agencies) await targets.commitRows(measureRows(ref(a), model(a), source.submission(a.id) ? source.report(a.id) : null));
  targets.highlight(9, [[VERDICT_LABELS['not-met'], RED], [VERDICT_LABELS.met, GREEN]]);
  await targets.done();

  const assessment = new SheetWriter(wb, 'Đánh giá chung', { title: 'ĐÁNH GIÁ CHUNG CỦA CÁC CƠ QUAN, ĐƠN VỊ', headers: ASSESSMENT_HEADERS,
    widths: [30, 50, 50, 50, 50], wrap: [2, 3, 4, 5] });
  for (const a of source.agencies) await assessment.commitRows([assessmentRow(ref(a), source.submission(a.id) ? source.report(a.id) : null)]);
  await assessment.done();

  const proposals = new SheetWriter(wb, 'Đề xuất, kiến nghị', { title: 'TỔNG HỢP ĐỀ XUẤT, KIẾN NGHỊ', headers: PROPOSAL_HEADERS,
    widths: [30, 40, 80], wrap: [2, 3] });
  for (const a of source.agencies) if (source.submission(a.id)) await proposals.commitRows(proposalRows(ref(a), source.report(a.id), plan));
  await proposals.done();

  await wb.commit();
}

async function writeOverview(wb: ExcelJS.stream.xlsx.WorkbookWriter, source: MasterSource, aggregates: MeasureAggregate[],
  counts: { expected: number; onTime: number; late: number }) {
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
  const sheet = new SheetWriter(wb, 'Tổng quan', {
    title: 'TỔNG HỢP KẾT QUẢ THỰC HIỆN KẾ HOẠCH',
    headers: ['Mã', 'Chỉ tiêu', 'Mức phấn đấu', 'Giá trị toàn thành phố (%)', 'Số đơn vị có số liệu', 'Đánh giá'],
    widths: [30, 60, 14, 16, 14, 18], wrap: [2],
  }, preamble);
  await sheet.commitRows(aggregates.map((a) => [a.measure.id, a.measure.label, thresholdText(a.measure), a.citywide, a.units, VERDICT_LABELS[a.verdict]]));
  sheet.highlight(6, [[VERDICT_LABELS['not-met'], RED], [VERDICT_LABELS.met, GREEN]]);
  await sheet.done();
}
