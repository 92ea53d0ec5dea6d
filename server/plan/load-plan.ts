// Loading a plan file into a usable Plan with its directory, or a sentence saying why not.
import type { Plan } from '../../shared/domain/plan.ts';
import type { DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { indexDirectory, type AgencyIndex } from '../../shared/directory/directory.ts';
import type { Block } from '../../shared/plan/document.ts';
import { parsePlan, type ParseOptions, type PlanParseResult } from '../../shared/plan/plan-parser.ts';
import { planIssueMessage } from '../../shared/plan/plan-messages.ts';
import { planLimitFindings } from '../../shared/plan/plan-limits.ts';
import { isBlocking, type PlanIssue } from '../../shared/domain/plan-issue.ts';
import { describePlanFileError, readPlanFile } from './plan-file.ts';

/** The findings that refuse a plan over its limits, one a line with where they are. */
export function overLimitsMessage(issues: PlanIssue[], path?: string): string {
  return [
    `Kế hoạch${path ? ` ${path}` : ''} vượt giới hạn / The plan is over its limits:`,
    ...issues.map((i) => `  ${i.at.where}: ${planIssueMessage(i.code, i.params)}`),
  ].join('\n');
}

/**
 * Parses a plan and holds it to the plan's limits: refused (the findings that say why), or the parse with the limits'
 * warnings among its issues. What the command line does wherever a plan file comes in.
 */
export function parseWithinLimits(
  blocks: Block[],
  options: ParseOptions = {},
): { ok: true; result: PlanParseResult } | { ok: false; issues: PlanIssue[] } {
  const parsed = parsePlan(blocks, options);
  const limits = planLimitFindings(parsed.plan);
  const refused = limits.filter(isBlocking);
  if (refused.length) return { ok: false, issues: refused };
  if (!limits.length) return { ok: true, result: parsed };
  return {
    ok: true,
    result: {
      ...parsed,
      issues: [...parsed.issues, ...limits].sort((a, b) => (a.at.line ?? Infinity) - (b.at.line ?? Infinity)),
    },
  };
}

export type LoadedPlan = { ok: true; plan: Plan; index: AgencyIndex } | { ok: false; exitCode: 1 | 2; message: string };

/** Reads and parses a plan; refuses one with blocking issues, since workbooks and reports stand on it. */
export async function loadPlan(path: string, directories: DirectoryInput[] = BUNDLED_DIRECTORIES): Promise<LoadedPlan> {
  const file = await readPlanFile(path);
  if (!file.ok)
    return {
      ok: false,
      exitCode: file.error.code === 'text-too-long' ? 1 : 2,
      message: describePlanFileError(file.error),
    };
  const parsed = parseWithinLimits(file.blocks, { directories });
  if (!parsed.ok) return { ok: false, exitCode: 1, message: overLimitsMessage(parsed.issues, path) };
  const { result } = parsed;
  if (!result.usable) {
    const errors = result.issues.filter((i) => i.severity === 'error');
    return {
      ok: false,
      exitCode: 1,
      message: [
        `Kế hoạch ${path} có lỗi cần sửa / The plan has blocking issues:`,
        ...errors.map((i) => `  ${i.at.where}: ${planIssueMessage(i.code, i.params)}`),
      ].join('\n'),
    };
  }
  const directory = directories.find((d) => d.id === result.plan.directoryId)!;
  return { ok: true, plan: result.plan, index: indexDirectory(directory) };
}
