// Plan document (paragraphs and tables) → a checked Plan with its assignments, plus the issues found.
import type { FocusTask, Plan, Target } from '../domain/plan.ts';
import { isBlocking, type PlanIssue } from '../domain/plan-issue.ts';
import type { DirectoryInput } from '../directory/agency.ts';
import { indexDirectory, type AgencyIndex } from '../directory/directory.ts';
import { BUNDLED_DIRECTORIES } from '../directory/bundled.ts';
import type { Block } from './document.ts';
import { parseMeasures } from './measures.ts';
import { parseReportingRule } from './reporting-rule.ts';
import { readHeadingTasks } from './agency-headings.ts';
import { deriveAssignments, type TaskLines } from './assignments.ts';
import { Findings } from './plan-findings.ts';
import { readIdentity } from './plan-identity.ts';
import { BULLET, collectItems, type Line } from './plan-items.ts';
import { COVERAGE_FLOOR, CoverageCount, type Coverage } from './coverage.ts';
import { splitSections } from './split-sections.ts';
import { readTasks } from './read-tasks.ts';
import { reportLoose, timeframeOf } from './item-findings.ts';

export interface ParseOptions {
  /** Directories to choose from by the plan's date; the bundled ones by default. */
  directories?: DirectoryInput[];
}

export interface PlanParseResult {
  plan: Plan;
  issues: PlanIssue[];
  /** False when any issue blocks using the plan (no tasks, an unknown agency, a task without a lead). */
  usable: boolean;
  /** Where each task's lead and coordinating labels were read, for issues found after corrections. */
  taskLines: TaskLines;
  /** The share of the task and target sections' lines that became part of an item or a warning. */
  coverage: Coverage;
}

/** Reads a plan. `parsePlan(textToBlocks(seed))` gives the seed's 8 targets, 5 focus tasks and 9 tasks. */
export function parsePlan(blocks: Block[], options: ParseOptions = {}): PlanParseResult {
  const findings = new Findings();
  const coverage = new CoverageCount();
  const { sections, headings, tableTasks } = splitSections(blocks, findings);
  for (const kind of ['tasks', 'targets', 'focus'] as const) coverage.count(sections.get(kind) ?? []);
  const preamble = sections.get('preamble') ?? [];
  const identity = readIdentity(preamble);
  const { index } = chooseDirectory(identity.date, options.directories ?? BUNDLED_DIRECTORIES, findings);

  if (blocks.length === 0) findings.add('empty-document', 'error', { line: null, where: 'document' });
  if (!identity.title) findings.add('no-title', 'warning', { line: null, where: 'document' });

  // Without a section named for targets, the items of a "MỤC TIÊU" section that carry a percentage are the targets.
  const explicitTargets = sections.get('targets');
  const targetLines = explicitTargets ?? (sections.get('objectives') ?? []).filter((l) => QUANTIFIED.test(l.text));
  const targets = readTargets(targetLines, findings, explicitTargets !== undefined, coverage);
  const focusTasks = readFocusTasks(sections.get('focus') ?? [], findings, coverage);
  // Tasks under each agency's heading, in the task sections and in "Tổ chức thực hiện"; the other lines as before.
  const taskSection = readHeadingTasks(sections.get('tasks') ?? [], { proseBullets: true });
  const organisationSection = readHeadingTasks(sections.get('organisation') ?? [], { proseItems: true });
  const headingTasks = [...taskSection.tasks, ...organisationSection.tasks];
  const otherTaskLines = (sections.get('tasks') ?? []).filter((l) => !taskSection.taken.has(l));
  coverage.account(taskSection.taken);
  const { tasks, lines } = readTasks(
    otherTaskLines,
    tableTasks,
    headingTasks,
    taskSection.headings,
    index,
    findings,
    coverage,
  );
  // A section that should hold tasks or targets and yields none is a loss to be said, and it blocks.
  const taskHeading = headings.get('tasks');
  if (taskHeading && tasks.length === 0)
    findings.add('section-without-tasks', 'error', taskHeading, { heading: taskHeading.text });
  const targetHeading = headings.get('targets');
  if (targetHeading && targets.length === 0)
    findings.add('section-without-targets', 'error', targetHeading, { heading: targetHeading.text });

  const organisation = sections.get('organisation') ?? [];
  const everything = [...sections.values()].flat();
  // The bodies whose own task (under their heading) is to consolidate, for a rule that names no other.
  const bodies = headingTasks.map((t) => ({ lead: t.lead.value, text: [t.title, ...t.detail].join(' ') }));
  let reporting = parseReportingRule(
    organisation.map((l) => l.text),
    index,
    bodies,
  );
  if (reporting.deadlines.length === 0)
    reporting = parseReportingRule(
      everything.map((l) => l.text),
      index,
      bodies,
    );
  if (reporting.deadlines.length === 0) findings.add('no-reporting-rule', 'warning', { line: null, where: 'document' });

  const recipients = (sections.get('recipients') ?? [])
    .map((l) => BULLET.exec(l.text)?.[1])
    .filter((r): r is string => !!r)
    .map((r) => r.replace(/[.;,]+$/, '').trim());

  const derived = deriveAssignments(tasks, index, lines);
  findings.list.push(...derived.issues);
  if (tasks.length === 0 && blocks.length > 0 && !taskHeading)
    findings.add('no-tasks', 'error', { line: null, where: 'document' });

  const plan: Plan = {
    plan: identity,
    targets,
    focusTasks,
    tasks,
    reporting,
    recipients,
    assignments: derived.assignments,
    directoryId: index.directory.id,
  };
  // Most of a task or target section unread is no usable plan: the lines are listed, for the coordinator to see.
  const covered = coverage.result();
  if (covered.share < COVERAGE_FLOOR) {
    const first = covered.missing[0]!;
    findings.add(
      'coverage-low',
      'error',
      { line: first.line, where: first.where },
      {
        percent: Math.floor(covered.share * 100),
        floor: Math.round(COVERAGE_FLOOR * 100),
        count: covered.missing.length,
        lines: listLines(covered.missing.map((m) => m.line)),
      },
    );
  }
  const issues = findings.list.sort((a, b) => (a.at.line ?? Infinity) - (b.at.line ?? Infinity));
  return { plan, issues, usable: !issues.some(isBlocking), taskLines: lines, coverage: covered };
}

/** "12, 14–18, 40" (at most 40 numbers, then "…"). */
function listLines(lines: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    runs.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j;
  }
  return runs.length > 40 ? `${runs.slice(0, 40).join(', ')}, …` : runs.join(', ');
}

// A line of the objectives that sets a number: a percentage, a count with its comparator, a ratio or an amount.
const QUANTIFIED =
  /\d\s*%|(?:tối thiểu|ít nhất|không dưới|không ít hơn|gấp|tăng|đạt|trên)\s+\d|\d+\s*\/\s*\d{1,3}\.\d{3}/iu;

function chooseDirectory(
  date: string | null,
  directories: DirectoryInput[],
  findings: Findings,
): { index: AgencyIndex } {
  const within = (d: DirectoryInput) =>
    date !== null &&
    date.slice(0, 4) >= d.validFrom.slice(0, 4) &&
    (d.validTo === null || d.validTo === undefined || date <= d.validTo);
  const chosen = directories.find(within) ?? directories[0]!;
  const index = indexDirectory(chosen);
  if (date !== null && !within(chosen)) {
    findings.add(
      'directory-date-mismatch',
      'warning',
      { line: null, where: 'document' },
      {
        date,
        directory: chosen.id,
        validity: `${chosen.validFrom} – ${chosen.validTo ?? '…'}`,
      },
    );
  }
  return { index };
}

function readTargets(lines: Line[], findings: Findings, ownSection: boolean, coverage: CoverageCount): Target[] {
  const { items, loose } = collectItems(lines, true);
  if (ownSection) reportLoose(loose, 'mục tiêu / targets', findings, coverage);
  return items
    .map((item, i) => {
      // A target with measures, or one said to have none ('measure-unrecognised'): its lines are accounted for.
      coverage.account(item.lines);
      const id = `MT${i + 1}`;
      const text = [item.title, ...item.detail].join(' ');
      const measures = parseMeasures(id, text);
      if (measures.length === 0) findings.add('measure-unrecognised', 'warning', item, { target: id });
      return { id, number: item.number, text, measures };
    })
    .filter((t) => t.measures.length > 0);
}

function readFocusTasks(lines: Line[], findings: Findings, coverage: CoverageCount): FocusTask[] {
  const { items, loose } = collectItems(lines, false);
  coverage.account(loose.filter((l) => /[:：]$/.test(l.text)));
  return items.map((item) => {
    coverage.account(item.lines);
    const id = `TT${item.number}`;
    return {
      id,
      number: item.number,
      title: item.title,
      timeframe: timeframeOf(item.fields.timeframe, id, item, findings),
    };
  });
}
