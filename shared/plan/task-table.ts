// Tasks written as a table (usually an appendix "PHỤ LỤC … Kèm theo Kế hoạch số …"), columns in any order.
import type { Table } from './document.ts';
import { columnOf, type Field } from './labels.ts';
import { squash, stripEmphasis } from '../text/vietnamese.ts';

export interface TableTask {
  number: string;
  title: string;
  lead: string;
  coordinating: string;
  timeframe: string;
  products: string;
  /** Group heading rows above the task ("I. Công tác cán bộ"). */
  group: string | null;
  where: string;
}

export type TaskTableRead =
  | { kind: 'tasks'; tasks: TableTask[] }
  | { kind: 'missing-task-column' }
  | { kind: 'not-a-task-table' };

/** Finds the header row: the first of the first five rows naming a lead column and one other task column. */
function headerOf(table: Table): { row: number; columns: Map<Field, number> } | null {
  for (let r = 0; r < Math.min(5, table.rows.length); r++) {
    const columns = new Map<Field, number>();
    table.rows[r]!.forEach((cell, c) => {
      const field = columnOf(cell);
      if (field && !columns.has(field)) columns.set(field, c);
    });
    if (columns.has('lead') && columns.size >= 2) return { row: r, columns };
  }
  return null;
}

/** Reads the tasks of a table, or says why it is not a task table. */
export function readTaskTable(table: Table): TaskTableRead {
  const header = headerOf(table);
  if (!header) return { kind: 'not-a-task-table' };
  const { columns } = header;
  if (!columns.has('title')) return { kind: 'missing-task-column' };
  const cell = (row: string[], field: Field) => {
    const c = columns.get(field);
    if (c === undefined) return '';
    const raw = stripEmphasis(row[c] ?? '');
    // A cell listing agencies one per line ("- Phòng Nội vụ" / "- Phòng Tư pháp") is a list.
    if (field === 'lead' || field === 'coordinating') {
      return raw.split(/\n+/).map((line) => squash(line.replace(/^\s*[-–+•]\s*/, '')).replace(/[;,]$/, '')).filter(Boolean).join('; ');
    }
    return squash(raw);
  };
  const tasks: TableTask[] = [];
  let group: string | null = null;
  let sequence = 0;
  for (let r = header.row + 1; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const title = cell(row, 'title');
    let lead = cell(row, 'lead');
    // Column-number rows under the header ("(1) (2) (3)") and blank rows carry nothing.
    if (row.every((c) => /^\(?\d*\)?$/.test(c.trim()))) continue;
    const previous = tasks.at(-1);
    // A numbered task row whose lead cell is empty continues the cells above it (merged down in Word, or left empty
    // on the page for the same body): it takes their lead, and their coordinators and timeframe where its own are empty.
    const continuesAbove = !lead && !!title && !!previous && /^\d+(?:\.\d+)*\.?$/.test(cell(row, 'number'));
    if (!lead && !cell(row, 'coordinating') && !continuesAbove) {
      group = title || row.map(squash).filter(Boolean).join(' ') || group;
      continue;
    }
    if (continuesAbove) lead = previous!.lead;
    sequence += 1;
    tasks.push({
      number: cell(row, 'number').replace(/\.$/, '') || String(sequence),
      title,
      lead,
      coordinating: cell(row, 'coordinating') || (continuesAbove ? previous!.coordinating : ''),
      timeframe: cell(row, 'timeframe') || (continuesAbove ? previous!.timeframe : ''),
      products: cell(row, 'products'),
      group,
      where: `table ${table.index}, row ${r + 1}`,
    });
  }
  return { kind: 'tasks', tasks };
}
