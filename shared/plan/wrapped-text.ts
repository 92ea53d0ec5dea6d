// Plans as legal-document sites publish them: paragraphs hard-wrapped at about 80 columns and separated by blank
// lines, emphasis marks split across lines ("**I. MỤC ĐÍCH,\nYÊU CẦU**"), and Word tables written one cell at a
// time between lines holding a single "|". This turns such text back into paragraphs and tables.
import type { Block, Table } from './document.ts';

const PIPE = /^\s*\|\s*$/;
// Ornaments under a letterhead ("-------", "___").
const RULE = /^\s*[-_=*]{3,}\s*$/;
// A line that starts a paragraph of its own even without a blank line above: a bullet or a number after a line
// that ended its sentence.
const OPENS = /^\s*(?:[-–+•]\s|\d+(?:\.\d+)*\s*[.)]\s|[a-zđ]\)\s)/u;
const ENDS = /[.;:!?)]\**\s*$/u;

/**
 * Whether text is written this way: lines holding a single "|" (a table cell by cell), or many lines that continue
 * the line above (beginning in lower case after a line that did not end its sentence).
 */
export function isWrappedText(lines: string[]): boolean {
  if (lines.filter((l) => PIPE.test(l)).length >= 4) return true;
  let continued = 0;
  let nonBlank = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    nonBlank += 1;
    const previous = lines[i - 1]?.trim() ?? '';
    const first = line.replace(/^\*+/, '').charAt(0);
    if (previous && !ENDS.test(previous) && first !== first.toUpperCase() && first === first.toLowerCase() && /\p{L}/u.test(first)) continued += 1;
  }
  return continued >= 3 && continued >= nonBlank * 0.05;
}

/** Lines joined as the paragraph they wrap: a bullet or number after a finished sentence starts a new one. */
function unwrap(lines: { text: string; line: number }[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const { text, line } of lines) {
    if (RULE.test(text)) continue;
    const last = out.at(-1);
    if (last && !(OPENS.test(text) && ENDS.test(last.text))) last.text = `${last.text} ${text.trim()}`;
    else out.push({ text: text.trim(), line });
  }
  return out;
}

/**
 * Reads one table written cell by cell: "|" opens a row and closes each cell. Two "|" with nothing between end a row
 * and open the next (cells merged across columns leave a row short, and its empty cells out); right after a row opens,
 * a further "|" is an empty first cell. A row longer than the header that begins with an empty cell had its first
 * cell carried over from the row above (whose last cell was empty). Returns the rows and the line after the table.
 */
function readPipeTable(lines: string[], start: number): { rows: string[][]; next: number } {
  const rows: string[][] = [];
  let row: string[] | null = null;
  let text: { text: string; line: number }[] = [];
  let afterPipe = false;
  let justOpened = false;
  let i = start;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    if (PIPE.test(raw)) {
      if (row === null) { row = []; justOpened = true; }
      else if (text.length) { row.push(unwrap(text).map((p) => p.text).join('\n')); text = []; justOpened = false; }
      else if (justOpened) { row.push(''); justOpened = false; }
      else { rows.push(row); row = []; justOpened = true; }
      afterPipe = true;
      continue;
    }
    if (!raw.trim()) {
      // A table ends at the first blank line after a "|".
      if (afterPipe) break;
      continue;
    }
    afterPipe = false;
    text.push({ text: raw, line: i + 1 });
  }
  if (row && row.length) rows.push(row);
  const width = rows[0]?.length ?? 0;
  const cleaned = rows.map((r) => (r.length > width && r[0] === '' ? r.slice(1) : r)).filter((r) => r.some((c) => c.trim()));
  return { rows: cleaned, next: i };
}

/** Splits wrapped text into blocks: paragraphs (their first line's number as their line) and tables. */
export function wrappedTextToBlocks(text: string): Block[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let tables = 0;
  let chunk: { text: string; line: number }[] = [];
  const flush = () => {
    for (const p of unwrap(chunk)) if (p.text.replace(/\*/g, '').trim()) blocks.push({ type: 'paragraph', text: p.text, line: p.line });
    chunk = [];
  };
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!;
    if (PIPE.test(raw)) {
      flush();
      const { rows, next } = readPipeTable(lines, i);
      if (rows.length) {
        const table: Table = { type: 'table', index: ++tables, rows, line: i + 1 };
        blocks.push(table);
      }
      i = next;
      continue;
    }
    if (!raw.trim()) flush();
    else chunk.push({ text: raw, line: i + 1 });
    i += 1;
  }
  flush();
  return blocks;
}
