// The human-readable summary of a parsed plan, Vietnamese first.
import { thresholdText, timeframeText } from '../../shared/workbook/template-model.ts';
import type { PlanParseResult } from '../../shared/plan/plan-parser.ts';
import { planIssueMessage } from '../../shared/plan/plan-messages.ts';
import { deadlineText } from '../../shared/plan/reporting-rule.ts';

export function formatPlanSummary({ plan, issues, coverage }: PlanParseResult): string {
  const out: string[] = [];
  const p = plan.plan;
  // What was not read comes first: a line lost without a word is the worst a parser can do.
  const notUnderstood = issues.filter(
    (i) => i.code === 'line-not-understood' || i.code === 'label-unknown' || i.code === 'measure-unrecognised',
  ).length;
  out.push(`Dòng không hiểu / Lines not understood: ${notUnderstood}`);
  out.push(
    `Độ phủ / Coverage: ${Math.floor(coverage.share * 100)}% (${coverage.accounted}/${coverage.lines} dòng của mục nhiệm vụ và mục tiêu / ` +
      'lines of the task and target sections)',
  );
  out.push(`Kế hoạch / Plan: ${p.title || '(không có tiêu đề)'}`);
  out.push(`Số / Number: ${p.number ?? '—'} · Ngày / Date: ${p.date ?? '—'} · Ban hành / Issuer: ${p.issuer ?? '—'}`);
  const measures = plan.targets.reduce((n, t) => n + t.measures.length, 0);
  out.push('', `Mục tiêu cụ thể / Targets: ${plan.targets.length} (${measures} chỉ tiêu / measures)`);
  for (const t of plan.targets) {
    for (const m of t.measures) out.push(`  ${m.id.padEnd(6)} ${thresholdText(m).padEnd(7)} ${m.label}`);
  }
  out.push('', `Nhiệm vụ trọng tâm / Focus tasks: ${plan.focusTasks.length}`);
  for (const f of plan.focusTasks) out.push(`  ${f.id.padEnd(6)} ${f.title}`);
  out.push('', `Nhiệm vụ cụ thể / Tasks: ${plan.tasks.length}`);
  for (const t of plan.tasks) {
    out.push(`  ${t.id.padEnd(6)} ${t.title}`);
    out.push(
      `         Chủ trì: ${t.lead.join('; ') || '—'} | Phối hợp: ${t.coordinating.join('; ') || '—'} | ${timeframeText(t.timeframe)}`,
    );
  }
  const deadlines = plan.reporting.deadlines.map(deadlineText);
  out.push(
    '',
    `Báo cáo / Reporting: ${deadlines.join(', ') || '—'}${plan.reporting.consolidator ? `, qua ${plan.reporting.consolidator}` : ''}`,
  );
  const agencies = new Set(plan.assignments.map((a) => a.agencyId));
  out.push(
    `Phân công / Assignments: ${plan.assignments.length} (${agencies.size} cơ quan, đơn vị / agencies; danh bạ / directory ${plan.directoryId})`,
  );
  out.push('', issues.length === 0 ? 'Vấn đề / Issues: không có / none' : `Vấn đề / Issues: ${issues.length}`);
  for (const i of issues)
    out.push(
      `  [${i.severity === 'error' ? 'LỖI' : 'lưu ý'}] ${i.at.where}: ${i.code} — ${planIssueMessage(i.code, i.params)}`,
    );
  return `${out.join('\n')}\n`;
}
