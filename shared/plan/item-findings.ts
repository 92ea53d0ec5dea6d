// The findings the item readers share: lines of a section read into nothing, and a missing or unread timeframe.
import type { Findings } from './plan-findings.ts';
import type { Line } from './plan-items.ts';
import type { CoverageCount } from './coverage.ts';
import { parseTimeframe } from './timeframe.ts';

/** Lines of a section in nothing the parser read: each said, but for a lead-in ending in a colon. */
export function reportLoose(lines: Line[], section: string, findings: Findings, coverage: CoverageCount) {
  coverage.account(lines);
  for (const l of lines) {
    // A lead-in ("… các nhiệm vụ sau:") or a pointer to the appendix holds nothing to read here.
    if (/[:：]$/.test(l.text) || /phụ lục/iu.test(l.text)) continue;
    findings.add('line-not-understood', 'warning', l, {
      section,
      text: l.text.length > 80 ? `${l.text.slice(0, 79)}…` : l.text,
    });
  }
}

export function timeframeOf(
  field: { value: string; line: number } | undefined,
  task: string,
  at: { line: number; where: string },
  findings: Findings,
) {
  if (!field) {
    findings.add('timeframe-missing', 'warning', at, { task });
    return { kind: 'unrecognised' as const, text: '' };
  }
  const timeframe = parseTimeframe(field.value);
  if (timeframe.kind === 'unrecognised') {
    findings.add(
      'timeframe-unrecognised',
      'warning',
      { line: field.line, where: `line ${field.line}` },
      { task, text: field.value },
    );
  }
  return timeframe;
}
