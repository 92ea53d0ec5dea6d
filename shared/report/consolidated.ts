// The consolidated report's content (Nghị định 30/2020 "Báo cáo"), drafted from what the agencies submitted and
// nothing else: the reporting picture, each task as its lead and coordinators reported it, the targets against
// their thresholds (the master's figures), then shortcomings, next steps and proposals gathered from the units,
// near-duplicates merged and each attributed. Pure: the .docx and the HTML preview are written from it.
import type { Plan } from '../domain/plan.ts';
import { periodLabel, type Period } from '../domain/period.ts';
import type { Report } from '../domain/report.ts';
import { MeasureTotals } from '../master/aggregate.ts';
import { matchKey, squash } from '../text/vietnamese.ts';
import { STATUS_LABELS } from '../workbook/spec.ts';
import { thresholdText, timeframeText } from '../workbook/template-model.ts';

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string; lead?: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface ConsolidatedReport {
  issuer: string;
  /** "Số: …/BC-UBND": the number is the clerk's to fill. */
  number: string;
  nation: [string, string];
  placeDate: string;
  title: string;
  summary: string;
  body: Block[];
  recipients: string[];
  signature: { capacity: string; role: string; name: string };
}

export interface ReportingUnit {
  id: string;
  name: string;
}
export interface UnitReport {
  report: Report;
  onTime: boolean;
}

export interface ConsolidatedInput {
  plan: Plan;
  period: Period;
  units: ReportingUnit[];
  /** The latest version of each unit that submitted. */
  reports: Map<string, UnitReport>;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');
const percent = (v: number) => `${String(v).replace('.', ',')}%`;
const sentence = (s: string) => {
  const t = squash(s);
  return /[.!?…:;]$/.test(t) ? t : `${t}.`;
};
const names = (units: ReportingUnit[]) => units.map((u) => u.name).join(', ');

/** Items from many units, merged when they say the same (ignoring case, spacing, tone-mark placement, end punctuation). */
export function gather(items: { text: string; unit: string }[]): { text: string; units: string[] }[] {
  const merged = new Map<string, { text: string; units: string[] }>();
  for (const { text, unit } of items) {
    for (const line of text.split(/\n+/)) {
      const clean = squash(line).replace(/^[-–•+*]\s*/, '');
      if (!clean) continue;
      const key = matchKey(clean.replace(/[.;,!…]+$/, ''));
      const found = merged.get(key);
      if (found) {
        if (!found.units.includes(unit)) found.units.push(unit);
      } else merged.set(key, { text: clean, units: [unit] });
    }
  }
  return [...merged.values()];
}

export function draftConsolidatedReport(input: ConsolidatedInput): ConsolidatedReport {
  const { plan, period, units, reports } = input;
  const issuer = plan.plan.issuer ?? 'ỦY BAN NHÂN DÂN THÀNH PHỐ';
  const planNumber =
    plan.plan.number && /\d/.test(plan.plan.number)
      ? `số ${plan.plan.number}`
      : plan.plan.number
        ? `số ${plan.plan.number.replace(/^\//, '…/')}`
        : '';
  const planName = `Kế hoạch ${planNumber}`.trim();
  const body: Block[] = [];

  // I. The reporting picture, the tasks, the targets.
  body.push({ kind: 'heading', text: 'I. KẾT QUẢ THỰC HIỆN' });
  body.push({ kind: 'subheading', text: '1. Tình hình báo cáo của các cơ quan, đơn vị' });
  const submitted = units.filter((u) => reports.has(u.id));
  const late = submitted.filter((u) => !reports.get(u.id)!.onTime);
  const missing = units.filter((u) => !reports.has(u.id));
  body.push({
    kind: 'paragraph',
    text: `Có ${units.length} cơ quan, đơn vị phải báo cáo; ${submitted.length - late.length} đơn vị nộp đúng hạn, ${late.length} đơn vị nộp trễ hạn, ${missing.length} đơn vị chưa nộp báo cáo.`,
  });
  if (late.length) body.push({ kind: 'paragraph', text: `Nộp trễ hạn: ${names(late)}.` });
  if (missing.length)
    body.push({
      kind: 'paragraph',
      text: `Chưa nộp báo cáo: ${names(missing)}. Nội dung dưới đây chỉ tổng hợp từ các báo cáo đã nhận.`,
    });

  body.push({ kind: 'subheading', text: '2. Kết quả thực hiện các nhiệm vụ' });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  for (const task of plan.tasks) {
    body.push({
      kind: 'paragraph',
      lead: `${task.id}. ${squash(task.title)}`,
      text: `(Thời gian: ${timeframeText(task.timeframe)})`,
    });
    const assigned = plan.assignments.filter((a) => a.taskId === task.id);
    for (const role of ['lead', 'coordinating'] as const) {
      for (const a of assigned.filter((x) => x.role === role)) {
        const name = unitName.get(a.agencyId) ?? a.agencyName;
        const row = reports.get(a.agencyId)?.report.tasks.find((t) => t.taskId === task.id);
        const label = role === 'lead' ? 'chủ trì' : 'phối hợp';
        if (!row) {
          if (role === 'lead') body.push({ kind: 'paragraph', text: `${name} (${label}): chưa báo cáo.` });
          continue;
        }
        if (role === 'coordinating' && !row.results && !row.difficulties) continue;
        const parts = [`${STATUS_LABELS[row.status]}${row.progress !== null ? `, tiến độ ${row.progress}%` : ''}`];
        if (row.results) parts.push(sentence(row.results));
        if (row.outputs) parts.push(`Văn bản, sản phẩm: ${sentence(row.outputs)}`);
        if (row.difficulties) parts.push(`Khó khăn: ${sentence(row.difficulties)}`);
        body.push({ kind: 'paragraph', text: `${name} (${label}): ${parts[0]}. ${parts.slice(1).join(' ')}`.trim() });
      }
    }
  }

  body.push({ kind: 'subheading', text: '3. Kết quả thực hiện các chỉ tiêu' });
  const totals = new MeasureTotals(plan.targets.flatMap((t) => t.measures));
  for (const { report } of reports.values()) totals.add(report);
  const aggregates = totals.result();
  body.push({
    kind: 'table',
    header: ['Chỉ tiêu', 'Ngưỡng', 'Giá trị toàn thành phố', 'Số đơn vị báo cáo', 'Đánh giá'],
    rows: aggregates.map((a) => [
      `${a.measure.id}. ${a.measure.label}`,
      thresholdText(a.measure),
      a.citywide === null ? '—' : percent(a.citywide),
      String(a.units),
      a.verdict === 'met' ? 'Đạt' : a.verdict === 'not-met' ? 'Chưa đạt' : 'Chưa có số liệu',
    ]),
  });
  for (const a of aggregates) {
    if (a.verdict === 'not-met' && a.measure.kind === 'count') {
      body.push({
        kind: 'paragraph',
        text: `Chỉ tiêu ${a.measure.id} (${a.measure.label}): ${a.yes}/${a.units} đơn vị đạt ngưỡng ${thresholdText(a.measure)}; ${a.no} đơn vị chưa đạt.`,
      });
    } else if (a.verdict === 'not-met')
      body.push({
        kind: 'paragraph',
        text: `Chỉ tiêu ${a.measure.id} (${a.measure.label}) đạt ${percent(a.citywide!)}, chưa đạt ngưỡng ${thresholdText(a.measure)} (theo báo cáo của ${a.units} đơn vị).`,
      });
    if (a.verdict === 'no-data')
      body.push({
        kind: 'paragraph',
        text: `Chỉ tiêu ${a.measure.id} (${a.measure.label}) chưa có số liệu từ các đơn vị.`,
      });
  }

  // II–IV: what the units wrote, gathered and attributed; nothing invented.
  const byUnit = [...reports.entries()].map(([id, r]) => ({ unit: unitName.get(id) ?? id, report: r.report }));
  const section = (heading: string, items: { text: string; unit: string }[]) => {
    body.push({ kind: 'heading', text: heading });
    const gathered = gather(items);
    if (gathered.length === 0)
      body.push({ kind: 'paragraph', text: 'Các cơ quan, đơn vị đã báo cáo không nêu nội dung này.' });
    for (const g of gathered) body.push({ kind: 'paragraph', text: `- ${sentence(g.text)} (${g.units.join(', ')})` });
  };
  section(
    'II. HẠN CHẾ, NGUYÊN NHÂN',
    byUnit.map((u) => ({ text: u.report.assessment.shortcomings, unit: u.unit })),
  );
  section(
    'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
    byUnit.map((u) => ({ text: u.report.assessment.nextSteps, unit: u.unit })),
  );
  section(
    'IV. ĐỀ XUẤT, KIẾN NGHỊ',
    byUnit.flatMap((u) => [
      { text: u.report.assessment.proposals, unit: u.unit },
      ...u.report.tasks.filter((t) => t.proposals).map((t) => ({ text: t.proposals, unit: u.unit })),
    ]),
  );

  const year = period.dueBefore.slice(0, 4);
  return {
    issuer: upper(issuer),
    number: 'Số:       /BC-UBND',
    nation: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    placeDate: `${plan.plan.place ?? '…'}, ngày     tháng     năm ${year}`,
    title: 'BÁO CÁO',
    summary: `Kết quả thực hiện ${planName} ${squash(plan.plan.title)} — ${periodLabel(period)}`.replace(/\s+/g, ' '),
    body,
    recipients: plan.recipients.length ? plan.recipients : ['Như trên', 'Lưu: VT'],
    signature: { capacity: 'TM. ỦY BAN NHÂN DÂN', role: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: '(Ký, ghi rõ họ tên)' },
  };
}
