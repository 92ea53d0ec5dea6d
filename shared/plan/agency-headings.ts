// Tasks under each agency's heading: "IV. TỔ CHỨC THỰC HIỆN" → "1. Sở Nội vụ:" → bullets (or "a)", "b)" items, or
// one paragraph), each a task the heading's body leads. A role line ("a) Chủ trì, phối hợp với các sở, ngành:") over
// bullets is no task itself: it says the role and the coordinators of the bullets below it.
import { labelledFields, type Field } from './labels.ts';
import type { Line } from './plan-items.ts';
import { bodiesOnly, coordinatorsInText } from './body-names.ts';
import { BULLET, LETTERED, SUB_BULLET, headingBlocks, type HeadingOptions } from './heading-blocks.ts';

export interface HeadingTask {
  number: string;
  title: string;
  detail: string[];
  line: number;
  where: string;
  lead: { value: string; line: number };
  coordinating?: { value: string; line: number };
  fields: Partial<Record<Field, { value: string; line: number }>>;
}

// "Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường và cơ quan, đơn vị có liên quan:" — a role and
// its coordinators, with no task of its own.
const ROLE_LINE = /^(chủ trì|phối hợp)(?:\s*,?\s*(?:và\s+)?(phối hợp)?\s*(?:với|cùng)?\s*(.*?))?\s*[:：]?$/iu;
const ACTION =
  /\s(?:tham mưu|tổ chức|triển khai|thực hiện|xây dựng|rà soát|hướng dẫn|kiểm tra|theo dõi|đôn đốc|nghiên cứu|đề xuất|tuyên truyền|đẩy mạnh|tăng cường|trong việc|để)\s/iu;

/**
 * A role line's coordinators; `open` when it says "phối hợp" without naming them ("b) Chủ trì, phối hợp"): each bullet
 * below then begins with its own ("- Sở Tài chính và các đơn vị có liên quan tham mưu …").
 */
function roleLine(text: string): { coordinating: string | null; open: boolean } | null {
  const m = ROLE_LINE.exec(text.replace(/\*/g, '').trim());
  if (!m) return null;
  if (ACTION.test(` ${m[3] ?? ''} `)) return null;
  const coordinating = m[3]?.trim() ? bodiesOnly(m[3]) : null;
  return { coordinating, open: !coordinating && (!!m[2] || /^phối hợp$/iu.test(m[1]!)) };
}

/**
 * Reads the tasks under agency headings. Returns the tasks, the lines they took (every line of each block: none is
 * left for the other readers) and the numbers of the headings (so that a heading above them, "2. Phân công trách
 * nhiệm", is known as their group).
 */
export function readHeadingTasks(
  lines: Line[],
  options: HeadingOptions = {},
): { tasks: HeadingTask[]; taken: Set<Line>; headings: string[] } {
  const tasks: HeadingTask[] = [];
  const taken = new Set<Line>();
  const headings: string[] = [];
  let bullets = 0;
  for (const block of headingBlocks(lines, options)) {
    taken.add(block.heading);
    const lead = { value: block.bodies, line: block.heading.line };
    if (block.prose) {
      // One task: the sentence, with the paragraphs below it as its detail.
      const number = block.number || `b${++bullets}`;
      const task: HeadingTask = {
        number,
        title: block.inline ?? '',
        detail: [],
        line: block.heading.line,
        where: block.heading.where,
        lead,
        fields: {},
      };
      if (block.prose.coordinating) task.coordinating = { value: block.prose.coordinating, line: block.heading.line };
      for (const line of block.lines) {
        taken.add(line);
        const labels = labelledFields(line.text);
        if (labels.length)
          for (const { field, value } of labels) {
            if (value) task.fields[field] ??= { value, line: line.line };
          }
        else task.detail.push(line.text);
      }
      tasks.push(task);
      continue;
    }
    headings.push(block.number);
    let role: { coordinating: string | null; open: boolean; line: number } | null = null;
    // The task the next bullets belong to: a lettered task ending in ":" (or holding bullets) keeps them as detail.
    let owner: HeadingTask | null = null;
    let current: HeadingTask | null = null;
    let count = 0;
    const start = (text: string, at: Line, ownsBullets: boolean) => {
      count += 1;
      const task: HeadingTask = {
        number: `${block.number}.${count}`,
        title: text,
        detail: [],
        line: at.line,
        where: at.where,
        lead,
        fields: {},
      };
      const own = coordinatorsInText(role?.open ? `Chủ trì, phối hợp ${text}` : text);
      const coordinating = own ?? role?.coordinating ?? null;
      if (coordinating) task.coordinating = { value: coordinating, line: own ? at.line : role!.line };
      tasks.push(task);
      current = task;
      owner = ownsBullets ? task : null;
    };
    if (block.inline) start(block.inline, block.heading, false);
    const plusOnTop = block.lines.every((l) => {
      const t = l.text.replace(/^\*+/, '').trim();
      return !BULLET.test(t) && !LETTERED.test(t);
    });
    block.lines.forEach((line, k) => {
      taken.add(line);
      const text = line.text.replace(/^\*+|\*+$/g, '').trim();
      const bulletsFollow = BULLET.test(block.lines[k + 1]?.text.replace(/^\*+/, '').trim() ?? '');
      const labels = labelledFields(text);
      if (labels.length && current) {
        for (const { field, value } of labels)
          if (value) (current as HeadingTask).fields[field] ??= { value, line: line.line };
        return;
      }
      // A role line says the role of the bullets below it: it ends in a colon, or bullets follow it.
      const asRole = (words: string) =>
        (/[:：]$/.test(words) || bulletsFollow) && !/[.;]\s/.test(words) ? roleLine(words) : null;
      const lettered = LETTERED.exec(text);
      if (lettered) {
        const r = asRole(lettered[2]!);
        if (r) {
          role = { ...r, line: line.line };
          owner = null;
          current = null;
          return;
        }
        role = null;
        start(lettered[2]!, line, true);
        return;
      }
      const bullet = BULLET.exec(text);
      if (bullet) {
        if (owner) {
          (owner as HeadingTask).detail.push(text);
          return;
        }
        start(bullet[1]!, line, false);
        return;
      }
      const sub = SUB_BULLET.exec(text);
      // "+" items are the body's tasks where they are its top level ("- Sở Y tế:" over "+ …"), else a task's detail.
      if (sub && plusOnTop) {
        start(sub[1]!, line, false);
        return;
      }
      if (sub && current) {
        (current as HeadingTask).detail.push(text);
        return;
      }
      const r = asRole(text);
      if (r) {
        role = { ...r, line: line.line };
        owner = null;
        current = null;
        return;
      }
      if (owner) {
        (owner as HeadingTask).detail.push(text);
        return;
      }
      // A paragraph ending in ":" holds the bullets below it ("Tham mưu UBND tỉnh trình HĐND quyết định:").
      start(text, line, /[:：]$/.test(text));
    });
  }
  return { tasks, taken, headings };
}
