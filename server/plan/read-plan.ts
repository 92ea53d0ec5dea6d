// A plan document's bytes → what the coordinator reviews: read (.txt or .docx), checked against the plan's limits,
// parsed, corrected. Pure work with no store: the service runs it in the plan reader's worker (plan-reader.ts),
// the command line in its own process. The plans come back as JSON text, ready to store, with what a summary
// shows beside them: handing a worker's object graph of 2,000 tasks to the service's thread cost it tens of ms.
import type { Plan, PlanIdentity, ReportingRule } from '../../shared/domain/plan.ts';
import { isBlocking, type PlanIssue } from '../../shared/domain/plan-issue.ts';
import type { DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { indexDirectory } from '../../shared/directory/directory.ts';
import type { PlanCorrections } from '../../shared/plan/corrections.ts';
import { planLimitFindings } from '../../shared/plan/plan-limits.ts';
import { parsePlan } from '../../shared/plan/plan-parser.ts';
import { directoryWithAliases, reviewPlan, type StaleCorrection } from '../../shared/plan/review.ts';
import { planKey } from '../../shared/workbook/template-model.ts';
import { readPlanBytes, type PlanFileError } from './plan-file.ts';

export interface PlanReadInput {
  bytes: Uint8Array;
  name: string;
  /** The directories to read it against (the store's); none: the bundled ones. */
  directories: DirectoryInput[];
  /** The directory used when the plan's date matches none of them. */
  fallbackDirectoryId: string;
  corrections: PlanCorrections;
  /**
   * True for a document coming in (an import): over the limits, it is refused. A stored plan read again keeps what is
   * over the limits as blocking issues instead, so that it can still be shown, corrected or archived.
   */
  refuseOverLimits: boolean;
}

export type PlanReadError =
  | { code: 'file'; error: PlanFileError }
  /** Over the limits of shared/plan/plan-limits.ts: the findings that say what and where. */
  | { code: 'over-limits'; issues: PlanIssue[] }
  | { code: 'directory-unknown'; directoryId: string };

/** A plan without its lists: what a summary shows of it. */
export interface PlanHead {
  plan: PlanIdentity;
  reporting: ReportingRule;
  recipients: string[];
  directoryId: string;
}
export interface PlanCounts {
  targets: number;
  measures: number;
  focusTasks: number;
  tasks: number;
  assignments: number;
}

/**
 * A plan as read and corrected: `readJson`, what the parser read; `planJson`, with the corrections applied (its
 * `planKey`, head and counts beside it); its issues and stale corrections; `directoryId`, the directory it was read against.
 */
export interface PlanReadingOk {
  ok: true;
  directoryId: string;
  readJson: string;
  planJson: string;
  planKey: string;
  head: PlanHead;
  counts: PlanCounts;
  issues: PlanIssue[];
  stale: StaleCorrection[];
  usable: boolean;
}
export type PlanReading = PlanReadingOk | { ok: false; error: PlanReadError };

function readingOf(
  read: Plan,
  plan: Plan,
  issues: PlanIssue[],
  stale: StaleCorrection[],
  directoryId: string,
): PlanReadingOk {
  return {
    ok: true,
    directoryId,
    readJson: JSON.stringify(read),
    planJson: JSON.stringify(plan),
    planKey: planKey(plan),
    head: { plan: plan.plan, reporting: plan.reporting, recipients: plan.recipients, directoryId: plan.directoryId },
    counts: {
      targets: plan.targets.length,
      measures: plan.targets.reduce((n, t) => n + t.measures.length, 0),
      focusTasks: plan.focusTasks.length,
      tasks: plan.tasks.length,
      assignments: plan.assignments.length,
    },
    issues,
    stale,
    usable: !issues.some(isBlocking),
  };
}

const byLine = (a: PlanIssue, b: PlanIssue) => (a.at.line ?? Infinity) - (b.at.line ?? Infinity);

export function readPlanForReview(input: PlanReadInput): PlanReading {
  const file = readPlanBytes(input.bytes, input.name);
  if (!file.ok) return { ok: false, error: { code: 'file', error: file.error } };
  const aliased = input.directories.map((d) => directoryWithAliases(d, input.corrections.aliases));
  const parsed = parsePlan(file.blocks, aliased.length ? { directories: aliased } : {});
  if (input.refuseOverLimits) {
    const refused = planLimitFindings(parsed.plan).filter(isBlocking);
    if (refused.length) return { ok: false, error: { code: 'over-limits', issues: refused } };
  }
  const find = (id: string) => aliased.find((d) => d.id === id) ?? BUNDLED_DIRECTORIES.find((d) => d.id === id);
  const directory = find(parsed.plan.directoryId) ?? find(input.fallbackDirectoryId);
  if (!directory) return { ok: false, error: { code: 'directory-unknown', directoryId: input.fallbackDirectoryId } };
  const review = reviewPlan(parsed, input.corrections, indexDirectory(directory));
  return readingOf(parsed.plan, review.plan, withLimits(review.issues, review.plan), review.stale, directory.id);
}

/** The issues with the limits' findings on the plan as corrected: a long title is a warning where it is, one over the limit blocks. */
function withLimits(issues: PlanIssue[], plan: Plan): PlanIssue[] {
  const limits = planLimitFindings(plan);
  return limits.length ? [...issues, ...limits].sort(byLine) : issues;
}

/** The reading of a plan that has no document (migrated from the single-plan store): what was stored, corrected. */
export function readStoredPlan(read: Plan, directory: DirectoryInput, corrections: PlanCorrections): PlanReadingOk {
  const aliased = directoryWithAliases(directory, corrections.aliases);
  const review = reviewPlan({ plan: read, issues: [] }, corrections, indexDirectory(aliased));
  return readingOf(read, review.plan, withLimits(review.issues, review.plan), review.stale, directory.id);
}
