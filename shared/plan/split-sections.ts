// Document blocks → the lines of each section, the section headings as first written, and the rows of task tables.
import { squash, stripEmphasis } from '../text/vietnamese.ts';
import type { Block } from './document.ts';
import { sectionHeading, type SectionKind } from './sections.ts';
import { readTaskTable, type TableHeader, type TableTask } from './task-table.ts';
import type { Findings } from './plan-findings.ts';
import type { Line } from './plan-items.ts';

export function splitSections(blocks: Block[], findings: Findings) {
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
