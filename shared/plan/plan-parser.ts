// Plan document (paragraphs and tables) → a checked Plan with its assignments, plus the issues found.
import type { FocusTask, Plan, Target, Task } from '../domain/plan.ts';
import { isBlocking, type PlanIssue } from '../domain/plan-issue.ts';
import type { DirectoryInput } from '../directory/agency.ts';
import { indexDirectory, splitAgencyNames, type AgencyIndex } from '../directory/directory.ts';
import { BUNDLED_DIRECTORIES } from '../directory/bundled.ts';
import { squash, stripEmphasis } from '../text/vietnamese.ts';
import type { Block } from './document.ts';
import { parseMeasures } from './measures.ts';
import { parseReportingRule } from './reporting-rule.ts';
import { sectionHeading, type SectionKind } from './sections.ts';
import { readTaskTable, type TableHeader, type TableTask } from './task-table.ts';
import { parseTimeframe, timeframeInProse } from './timeframe.ts';
import { proseLead, readHeadingTasks, stripQualifiers, type HeadingTask } from './agency-headings.ts';
import { deriveAssignments, type TaskLines } from './assignments.ts';
import { Findings } from './plan-findings.ts';
import { readIdentity } from './plan-identity.ts';
import { BULLET, collectItems, type Line } from './plan-items.ts';
import { COVERAGE_FLOOR, CoverageCount, type Coverage } from './coverage.ts';

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

function splitSections(blocks: Block[], findings: Findings) {
  const sections = new Map<SectionKind | 'preamble', Line[]>();
  const headings = new Map<SectionKind, { text: string; line: number; where: string }>();
  const tableTasks: TableTask[] = [];
  let current: SectionKind | 'preamble' = 'preamble';
  let lastHeader: TableHeader | null = null;
  const push = (line: Line) => {
    // The plan a decision carries begins at its own "KẾ HOẠCH" after the decision's recipients: its head is read again
    // as the preamble (its title), as long as no section of tasks or targets has begun.
    if (
      /^KẾ HOẠCH$/u.test(line.text) &&
      current !== 'preamble' &&
      !['tasks', 'targets', 'focus', 'objectives'].some(
        (k) => headings.has(k as SectionKind) || sections.has(k as SectionKind),
      )
    ) {
      current = 'preamble';
    }
    const heading = sectionHeading(line.text);
    if (heading) {
      current = heading;
      if (!headings.has(heading))
        headings.set(heading, { text: line.text.slice(0, 80), line: line.line, where: line.where });
      // "Nơi nhận: - TTr. Thành ủy" may carry its first entry on the heading line.
      const rest = /^nơi nhận\s*:?\s*(\S.*)$/iu.exec(line.text)?.[1];
      if (!sections.has(current)) sections.set(current, []);
      if (heading === 'recipients' && rest) sections.get(current)!.push({ ...line, text: rest });
      return;
    }
    // (Appended in place: a table of 100,000 cells is no quadratic copy.)
    if (!sections.has(current)) sections.set(current, []);
    sections.get(current)!.push(line);
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      // Words between two tables: the second is a table of its own, not the first one's continuation.
      lastHeader = null;
      const text = squash(stripEmphasis(block.text));
      if (text) push({ text, line: block.line, where: `line ${block.line}` });
      continue;
    }
    const read = readTaskTable(block, lastHeader);
    if (read.kind === 'tasks') {
      tableTasks.push(...read.tasks);
      lastHeader = read.header;
      continue;
    }
    lastHeader = null;
    if (read.kind === 'missing-task-column') {
      findings.add(
        'table-without-task-column',
        'warning',
        { line: null, where: `table ${block.index}` },
        { table: block.index },
      );
    }
    // Any other table (a Word header table with "Số: …", the issuer and the date) reads as its cells.
    block.rows.forEach((row, r) =>
      row
        .flatMap((cell) => cell.split(/\n/))
        .forEach((cell) => {
          const text = squash(stripEmphasis(cell));
          if (text) push({ text, line: block.line, where: `table ${block.index}, row ${r + 1}` });
        }),
    );
  }
  return { sections, headings, tableTasks };
}

/** The names of a lead or coordinating field, without the words after a name that are no part of it ("… có liên quan"). */
const namesOf = (value: string, index: AgencyIndex) => splitAgencyNames(stripQualifiers(value), index);

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

/** Lines of a section in nothing the parser read: each said, but for a lead-in ending in a colon. */
function reportLoose(lines: Line[], section: string, findings: Findings, coverage: CoverageCount) {
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

function timeframeOf(
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

// "Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp tham mưu …": the prose form of an assignment.
const PROSE =
  /(?:^|[.;]\s*|giao\s+)([^.;]{3,120}?)\s+chủ trì,?\s*(?:phối hợp với|phối hợp cùng|cùng với|cùng)\s+([^.;]+?)(?=\s+(?:tổ chức|thực hiện|triển khai|xây dựng|tham mưu|rà soát|báo cáo|nghiên cứu|hướng dẫn|kiểm tra|theo dõi)\b|[.;]|$)/iu;
const ROLES_IN_SENTENCE =
  /^(.+?)\s+chủ trì(?:\s+thực hiện)?(?:\s*[,;]?\s*(?:và\s+)?(?:phối hợp với|phối hợp cùng|cùng với|cùng|phối hợp)\s+(.+?))?\s*$/iu;
/** The body a sentence of the task gives a role: its first sentence that opens with a body that "chủ trì" or "có trách nhiệm". */
function leadInProse(text: string): { lead: string; coordinating: string | null } | null {
  const sentences = text.split(/(?<=\.)\s+(?=\p{Lu})/u);
  for (const [k, sentence] of sentences.entries()) {
    const found = proseLead(sentence);
    if (
      !found ||
      !new RegExp(
        String.raw`^(?:giao\s+)?${escapeRegExp(found.lead)}\s+(?:chủ trì|có trách nhiệm|chịu trách nhiệm)`,
        'iu',
      ).test(sentence.replace(/\*/g, '').trim())
    )
      continue;
    // "…; Sở Tư pháp … phối hợp" in the same sentence, or the next sentence's body that "phối hợp".
    const next = found.coordinating ? null : sentences[k + 1] ? proseLead(sentences[k + 1]!) : null;
    return {
      lead: found.lead,
      coordinating: found.coordinating ?? (next && /phối hợp/iu.test(sentences[k + 1]!) ? next.lead : null),
    };
  }
  return null;
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PROSE_DEADLINE =
  /(?:trước ngày|trước|trong)\s+(?:ngày\s+)?(?:\d{1,2}\/\d{1,2}\/\d{4}|quý\s+[IVX\d]+\/\d{4}|tháng\s+\d{1,2}\/\d{4}|năm\s+\d{4})/iu;

function readTasks(
  lines: Line[],
  tableTasks: TableTask[],
  headingTasks: HeadingTask[],
  headings: string[],
  index: AgencyIndex,
  findings: Findings,
  coverage: CoverageCount,
) {
  const tasks: Task[] = [];
  const places: TaskLines = new Map();
  const { items, loose } = collectItems(lines, false);
  reportLoose(loose, 'nhiệm vụ / tasks', findings, coverage);
  const labelled = items.some((item) => item.fields.lead || item.fields.coordinating);
  const ids = new Set<string>();
  const idFor = (prefix: string, number: string) => {
    let id = `${prefix}${number}`;
    for (let k = 2; ids.has(id); k++) id = `${prefix}${number}-${k}`;
    ids.add(id);
    return id;
  };

  for (const item of items) {
    // A group heading: "1." above "1.1." or "2." above "2.a".
    const isParent =
      items.some((other) => other.number.startsWith(`${item.number}.`)) ||
      headings.some((h) => h.startsWith(`${item.number}.`));
    let lead = item.fields.lead;
    let coordinating = item.fields.coordinating;
    let timeframeField = item.fields.timeframe;
    if (!lead && !coordinating) {
      const prose = [item.title, ...item.detail].join(' ');
      const m = PROSE.exec(prose);
      // "Sở Nội vụ chủ trì tham mưu …; Sở Tư pháp và các cơ quan liên quan chủ động phối hợp …", "Sở X có trách nhiệm …".
      const sentence = m ? null : leadInProse(prose);
      if (m) {
        lead = { value: m[1]!.replace(/^(?:giao|đề nghị)\s+/iu, '').trim(), line: item.line };
        coordinating = { value: m[2]!.trim(), line: item.line };
      } else if (sentence) {
        lead = { value: sentence.lead, line: item.line };
        if (sentence.coordinating) coordinating = { value: sentence.coordinating, line: item.line };
      }
      const due = m || sentence ? PROSE_DEADLINE.exec(prose) : null;
      if (due) timeframeField = { value: due[0], line: item.line };
    }
    // "Cơ quan thực hiện: Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ": the roles inside the sentence.
    const roles = lead ? ROLES_IN_SENTENCE.exec(lead.value) : null;
    if (lead && roles) {
      if (roles[2])
        coordinating = { value: coordinating ? `${roles[2]}, ${coordinating.value}` : roles[2], line: lead.line };
      lead = { value: roles[1]!, line: lead.line };
    }
    if (!lead && !coordinating) {
      // Narrative items are tasks without a lead only where their neighbours name leads: kept as tasks
      // (blocking until a coordinator names the lead), so the doubt can be settled on the item itself.
      if (!(labelled && !isParent && tableTasks.length === 0)) {
        // A heading over tasks organises them; any other item is in no task, and said so.
        // A heading's own words are accounted for by the tasks under it; another item's first line by its warning. The
        // paragraphs under a dropped item are not: they are what coverage exists to catch.
        if (isParent) coverage.account(item.lines);
        else {
          reportLoose(
            [{ text: item.title, line: item.line, where: item.where }],
            'nhiệm vụ / tasks',
            findings,
            coverage,
          );
          coverage.account(item.lines.slice(0, 1));
        }
        continue;
      }
    }
    const id = idFor('NV', item.number);
    coverage.account(item.lines);
    if (!lead) findings.add('task-without-lead', 'error', item, { task: id });
    for (const u of item.unknownLabels)
      findings.add('label-unknown', 'warning', { line: u.line, where: `line ${u.line}` }, { label: u.label, task: id });
    tasks.push({
      id,
      number: item.number,
      title: item.title,
      detail: item.detail,
      lead: lead ? namesOf(lead.value, index) : [],
      coordinating: coordinating ? namesOf(coordinating.value, index) : [],
      timeframe: timeframeOf(timeframeField, id, item, findings),
      ...(item.fields.products ? { products: item.fields.products.value } : {}),
      source: item.where,
    });
    places.set(id, { lead: lead?.line ?? null, coordinating: coordinating?.line ?? null, where: item.where });
  }

  for (const heading of headingTasks) {
    const id = idFor('NV', heading.number);
    const prose = heading.fields.timeframe ? null : timeframeInProse([heading.title, ...heading.detail].join(' '));
    const timeframeField = heading.fields.timeframe ?? (prose ? { value: prose, line: heading.line } : undefined);
    tasks.push({
      id,
      number: heading.number,
      title: heading.title,
      detail: heading.detail,
      lead: namesOf(heading.lead.value, index),
      coordinating: heading.coordinating ? namesOf(heading.coordinating.value, index) : [],
      timeframe: timeframeOf(timeframeField, id, heading, findings),
      ...(heading.fields.products ? { products: heading.fields.products.value } : {}),
      source: heading.where,
    });
    places.set(id, { lead: heading.lead.line, coordinating: heading.coordinating?.line ?? null, where: heading.where });
  }

  for (const row of tableTasks) {
    // One id scheme in a plan: a table's tasks are NV too (NV4-2 where a paragraph took NV4).
    const id = idFor('NV', row.number);
    const at = { line: null, where: row.where };
    if (!row.lead) findings.add('task-without-lead', 'error', at, { task: id });
    let timeframe: Task['timeframe'];
    if (!row.timeframe) {
      findings.add('timeframe-missing', 'warning', at, { task: id });
      timeframe = { kind: 'unrecognised', text: '' };
    } else {
      timeframe = parseTimeframe(row.timeframe);
      if (timeframe.kind === 'unrecognised')
        findings.add('timeframe-unrecognised', 'warning', at, { task: id, text: row.timeframe });
    }
    tasks.push({
      id,
      number: row.number,
      title: row.title,
      detail: row.group ? [row.group] : [],
      lead: namesOf(row.lead, index),
      coordinating: namesOf(row.coordinating, index),
      timeframe,
      ...(row.products ? { products: row.products } : {}),
      source: row.where,
    });
    places.set(id, { lead: null, coordinating: null, where: row.where });
  }
  return { tasks, lines: places };
}
