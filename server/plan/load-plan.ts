// Loading a plan file into a usable Plan with its directory, or a sentence saying why not.
import type { Plan } from '../../shared/domain/plan.ts';
import type { DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { indexDirectory, type AgencyIndex } from '../../shared/directory/directory.ts';
import { parsePlan } from '../../shared/plan/plan-parser.ts';
import { planIssueMessage } from '../../shared/plan/plan-messages.ts';
import { planLimitFindings } from '../../shared/plan/plan-limits.ts';
import { isBlocking } from '../../shared/domain/plan-issue.ts';
import { describePlanFileError, readPlanFile } from './plan-file.ts';

export type LoadedPlan = { ok: true; plan: Plan; index: AgencyIndex } | { ok: false; exitCode: 1 | 2; message: string };

/** Reads and parses a plan; refuses one with blocking issues, since workbooks and reports stand on it. */
export async function loadPlan(path: string, directories: DirectoryInput[] = BUNDLED_DIRECTORIES): Promise<LoadedPlan> {
  const file = await readPlanFile(path);
  if (!file.ok) return { ok: false, exitCode: file.error.code === 'text-too-long' ? 1 : 2, message: describePlanFileError(file.error) };
  const result = parsePlan(file.blocks, { directories });
  const refused = planLimitFindings(result.plan).filter(isBlocking);
  if (refused.length) {
    return { ok: false, exitCode: 1, message: [`Kế hoạch ${path} vượt giới hạn / The plan is over its limits:`,
      ...refused.map((i) => `  ${i.at.where}: ${planIssueMessage(i.code, i.params)}`)].join('\n') };
  }
  if (!result.usable) {
    const errors = result.issues.filter((i) => i.severity === 'error');
    return { ok: false, exitCode: 1, message: [`Kế hoạch ${path} có lỗi cần sửa / The plan has blocking issues:`,
      ...errors.map((i) => `  ${i.at.where}: ${planIssueMessage(i.code, i.params)}`)].join('\n') };
  }
  const directory = directories.find((d) => d.id === result.plan.directoryId)!;
  return { ok: true, plan: result.plan, index: indexDirectory(directory) };
}
