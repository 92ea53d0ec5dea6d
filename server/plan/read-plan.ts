// A plan document's bytes → what the coordinator reviews: read (.txt or .docx), checked against the plan's limits,
// parsed, corrected. Pure work with no store: the service runs it in the plan reader's worker (plan-reader.ts),
// the command line in its own process.
import type { Plan } from '../../shared/domain/plan.ts';
import { isBlocking, type PlanIssue } from '../../shared/domain/plan-issue.ts';
import type { DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { indexDirectory } from '../../shared/directory/directory.ts';
import type { PlanCorrections } from '../../shared/plan/corrections.ts';
import { planLimitFindings } from '../../shared/plan/plan-limits.ts';
import { parsePlan } from '../../shared/plan/plan-parser.ts';
import { directoryWithAliases, reviewPlan, type PlanReview } from '../../shared/plan/review.ts';
import { readPlanBytes, type PlanFileError } from './plan-file.ts';

export interface PlanReadInput {
  bytes: Uint8Array;
  name: string;
  /** The directories to read it against (the store's); none: the bundled ones. */
  directories: DirectoryInput[];
  /** The directory used when the plan's date matches none of them. */
  fallbackDirectoryId: string;
  corrections: PlanCorrections;
}

export type PlanReadError =
  | { code: 'file'; error: PlanFileError }
  /** Over the limits of shared/plan/plan-limits.ts: the findings that say what and where. */
  | { code: 'over-limits'; issues: PlanIssue[] }
  | { code: 'directory-unknown'; directoryId: string };

/** `read`: what the parser read; `review`: with the corrections applied; `directoryId`: the directory it was read against. */
export type PlanReading = { ok: true; read: Plan; review: PlanReview; directoryId: string } | { ok: false; error: PlanReadError };

const byLine = (a: PlanIssue, b: PlanIssue) => (a.at.line ?? Infinity) - (b.at.line ?? Infinity);

export function readPlanForReview(input: PlanReadInput): PlanReading {
  const file = readPlanBytes(input.bytes, input.name);
  if (!file.ok) return { ok: false, error: { code: 'file', error: file.error } };
  const aliased = input.directories.map((d) => directoryWithAliases(d, input.corrections.aliases));
  const parsed = parsePlan(file.blocks, aliased.length ? { directories: aliased } : {});
  const refused = planLimitFindings(parsed.plan).filter(isBlocking);
  if (refused.length) return { ok: false, error: { code: 'over-limits', issues: refused } };
  const find = (id: string) => aliased.find((d) => d.id === id) ?? BUNDLED_DIRECTORIES.find((d) => d.id === id);
  const directory = find(parsed.plan.directoryId) ?? find(input.fallbackDirectoryId);
  if (!directory) return { ok: false, error: { code: 'directory-unknown', directoryId: input.fallbackDirectoryId } };
  const review = reviewPlan(parsed, input.corrections, indexDirectory(directory));
  // The limits of the plan as corrected: a long title is a warning where it is (a refused one cannot get here).
  const limits = planLimitFindings(review.plan);
  if (limits.length) {
    const issues = [...review.issues, ...limits].sort(byLine);
    return { ok: true, read: parsed.plan, review: { ...review, issues, usable: !issues.some(isBlocking) }, directoryId: directory.id };
  }
  return { ok: true, read: parsed.plan, review, directoryId: directory.id };
}
