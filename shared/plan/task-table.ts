// Tasks written as a table (usually an appendix "PHỤ LỤC … Kèm theo Kế hoạch số …"), columns in any order.
import type { Table } from './document.ts';
import { columnOf, fieldOf, type Field } from './labels.ts';
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
  | { kind: 'tasks'; tasks: TableTask[]; header: TableHeader }
  | { kind: 'missing-task-column' }
  | { kind: 'not-a-task-table' };

const isHeaderRow = (row: string[]) => {
  const fields = new Set(row.map((cell) => (cell.length <= 50 ? columnOf(cell) : null)).filter((f) => f !== null));
  return fields.has('lead') && fields.has('title') && fields.size >= 3;
};

/** A task table's header: the row it was found in and the column of each field. */
export interface TableHeader {
  row: number;
  columns: Map<Field, number>;
}

/**
 * Finds the header row: the first of the first five rows naming a lead column and one other task column by their
 * usual names, or, read by the meaning of their words, a lead, a task and one more column (a data row's words, "Xây
 * dựng, tổ chức thực hiện …", are no header).
 */
function headerOf(table: Table): TableHeader | null {
  for (let r = 0; r < Math.min(5, table.rows.length); r++) {
    const exact = new Map<Field, number>();
    const meant = new Map<Field, number>();
    table.rows[r]!.forEach((cell, c) => {
      const named = fieldOf(cell);
      if (named && !exact.has(named)) exact.set(named, c);
      const field = cell.length <= 50 ? columnOf(cell) : null;
      if (field && !meant.has(field)) meant.set(field, c);
    });
    if (exact.has('lead') && exact.size >= 2) return { row: r, columns: new Map([...meant, ...exact]) };
    if (meant.has('lead') && meant.has('title') && meant.size >= 3) return { row: r, columns: meant };
  }
  return null;
}

/**
 * Reads the tasks of a table, or says why it is not a task table. A table with no header of its own that follows a task
 * table with as many columns continues it (a Word table split across pages, or its parts "B", "C"): `previous` is that
 * table's header.
 */
export function readTaskTable(table: Table, previous: TableHeader | null = null): TaskTableRead {
  const own = headerOf(table);
  const width = Math.max(...table.rows.map((r) => r.length));
  const continued =
    !own && previous && width >= Math.max(...previous.columns.values()) + 1
      ? { row: -1, columns: previous.columns }
      : null;
  let header = own ?? continued;
  if (!header) return { kind: 'not-a-task-table' };
  // A header row one cell short of its data rows, whose first cells are numbers, lost its "STT" cell (merged down from
  // the row above in Word): its columns are one to the right.
  if (own && !own.columns.has('number')) {
    const data = table.rows.slice(own.row + 1);
    const longer = data.filter((r) => r.length === table.rows[own.row]!.length + 1);
    if (
      longer.length > data.length / 2 &&
      longer.filter((r) => /^\d+(?:\.\d+)*\.?$/.test(r[0]!.trim())).length > longer.length / 2
    ) {
      header = {
        row: own.row,
        columns: new Map([['number', 0], ...[...own.columns].map(([f, c]) => [f, c + 1] as [Field, number])]),
      };
    }
  }
  const { columns } = header;
  if (!columns.has('title')) return { kind: 'missing-task-column' };
  const cell = (row: string[], field: Field) => {
    const c = columns.get(field);
    if (c === undefined) return '';
    const raw = stripEmphasis(row[c] ?? '');
    // A cell listing agencies one per line ("- Phòng Nội vụ" / "- Phòng Tư pháp") is a list.
    if (field === 'lead' || field === 'coordinating') {
      return raw
        .split(/\n+/)
        .map((line) => squash(line.replace(/^\s*[-–+•]\s*/, '')).replace(/[;,]$/, ''))
        .filter(Boolean)
        .join('; ');
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
    // The header again (a table split across pages repeats it) is no task.
    if (isHeaderRow(row)) continue;
    // "5.1 | | Thương mại | | |": a numbered group whose one word sits in another column is a heading too.
    const words = row.map((c) => squash(stripEmphasis(c))).filter(Boolean);
    if (!title && words.length === 2 && /^[\dIVXA-Z]+(?:\.\d+)*\.?$/u.test(words[0]!)) {
      group = words[1]!;
      continue;
    }
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
  return { kind: 'tasks', tasks, header };
}
