// The plan's tasks from every form they come in: numbered items (labelled or in prose), agency headings, task tables.
import type { Task } from '../domain/plan.ts';
import { splitAgencyNames, type AgencyIndex } from '../directory/directory.ts';
import type { TableTask } from './task-table.ts';
import { parseTimeframe, timeframeInProse } from './timeframe.ts';
import type { HeadingTask } from './agency-headings.ts';
import { proseLead, stripQualifiers } from './body-names.ts';
import type { TaskLines } from './assignments.ts';
import type { Findings } from './plan-findings.ts';
import { collectItems, type Line } from './plan-items.ts';
import type { CoverageCount } from './coverage.ts';
import { reportLoose, timeframeOf } from './item-findings.ts';

/** The names of a lead or coordinating field, without the words after a name that are no part of it ("… có liên quan"). */
const namesOf = (value: string, index: AgencyIndex) => splitAgencyNames(stripQualifiers(value), index);

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

export function readTasks(
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
