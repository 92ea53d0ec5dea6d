// Plans as legal-document sites publish them: paragraphs hard-wrapped at about 80 columns and separated by blank
// lines, emphasis marks split across lines ("**I. MỤC ĐÍCH,\nYÊU CẦU**"), and Word tables written one cell at a
// time between lines holding a single "|". This turns such text back into paragraphs and tables.
import type { Block } from './blocks.ts';

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
    if (
      previous &&
      !ENDS.test(previous) &&
      first !== first.toUpperCase() &&
      first === first.toLowerCase() &&
      /\p{L}/u.test(first)
    )
      continued += 1;
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

type Token = { pipe: true } | { pipe: false; lines: { text: string; line: number }[] };

/** The tokens of a table written cell by cell, up to the first blank line after a "|" (where a table ends). */
function pipeTokens(lines: string[], start: number): { tokens: Token[]; next: number } {
  const tokens: Token[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    if (PIPE.test(raw)) {
      tokens.push({ pipe: true });
      continue;
    }
    if (!raw.trim()) {
      if (tokens.at(-1)?.pipe) break;
      continue;
    }
    const last = tokens.at(-1);
    if (last && !last.pipe) last.lines.push({ text: raw, line: i + 1 });
    else tokens.push({ pipe: false, lines: [{ text: raw, line: i + 1 }] });
  }
  return { tokens, next: i };
}

/**
 * Rows of a table's tokens: "|" opens a row and closes each cell. Two "|" with nothing between end a row and open the
 * next (cells merged across columns leave a row short, and its empty cells out); right after a row opens, a further
 * "|" is an empty first cell. A row longer than the header that begins with an empty cell had its first cell carried
 * over from the row above (whose last cell was empty).
 */
function rowsOf(tokens: Token[]): string[][] {
  const rows: string[][] = [];
  let row: string[] | null = null;
  let text: { text: string; line: number }[] = [];
  let justOpened = false;
  for (const token of tokens) {
    if (!token.pipe) {
      text.push(...token.lines);
      continue;
    }
    if (row === null) {
      row = [];
      justOpened = true;
    } else if (text.length) {
      row.push(
        unwrap(text)
          .map((p) => p.text)
          .join('\n'),
      );
      text = [];
      justOpened = false;
    } else if (justOpened) {
      row.push('');
      justOpened = false;
    } else {
      rows.push(row);
      row = [];
      justOpened = true;
    }
  }
  if (row && text.length)
    row.push(
      unwrap(text)
        .map((p) => p.text)
        .join('\n'),
    );
  if (row && row.length) rows.push(row);
  const width = rows[0]?.length ?? 0;
  const number = /^(?:\d+(?:\.\d+)*\.?|[IVX]+|[A-Z])$/u;
  // A leading empty cell before the row's number (its first cell is the number) belongs to the row above.
  return rows
    .map((r) =>
      r[0] === '' && (r.length > width || (number.test(r[1]?.trim() ?? '') && !number.test(r[2]?.trim() ?? '')))
        ? r.slice(1)
        : r,
    )
    .filter((r) => r.some((c) => c.trim()));
}

// A "cell" that holds a whole document part (a site that put the plan's body inside its own table): its section
// headings, the plan's title, or an appendix heading, or more text than a cell holds.
const PART = /^\**\s*(?:[IVX]+\.\s|KẾ HOẠCH\s*\**$|PHỤ LỤC|QUYẾT ĐỊNH\s*\**$|Nơi nhận)/u;
// (A table's own group row, "I. Kinh tế số", is a cell of a line or two: a part holds more.)
const isPart = (token: Token) =>
  !token.pipe &&
  ((token.lines.length >= 4 && token.lines.some((l) => PART.test(l.text.trim()))) || token.lines.length > 40);

/** Paragraphs of a part written without blank lines: a line opens a paragraph after a finished sentence or a heading. */
function partParagraphs(lines: { text: string; line: number }[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const { text, line } of lines) {
    if (RULE.test(text)) continue;
    const last = out.at(-1);
    const t = text.trim();
    const previous = last?.text.replace(/\*/g, '').trim() ?? '';
    const capitals = (x: string) => /\p{L}/u.test(x) && x === x.toUpperCase();
    const opens =
      !last ||
      ENDS.test(last.text) ||
      (/\*\*\s*$/u.test(last.text) && (/^\*\*/u.test(t) || OPENS.test(t) || /^\p{Lu}/u.test(t))) ||
      (capitals(previous) && !capitals(t.replace(/\*/g, '')) && /^\p{Lu}/u.test(t.replace(/\*/g, '')));
    if (opens) out.push({ text: t, line });
    else last!.text = `${last!.text} ${t}`;
  }
  return out;
}

/** A run of cell-by-cell text: tables, with any document part inside them read as paragraphs. */
function readPipeRegion(lines: string[], start: number, next: () => number): Block[] {
  const { tokens, next: after } = pipeTokens(lines, start);
  const blocks: Block[] = [];
  let run: Token[] = [];
  const flushTable = () => {
    const rows = rowsOf(run);
    const first = run.find((t): t is Extract<Token, { pipe: false }> => !t.pipe);
    if (rows.length) blocks.push({ type: 'table', index: next(), rows, line: first?.lines[0]?.line ?? start + 1 });
    run = [];
  };
  for (const token of tokens) {
    if (isPart(token) && !token.pipe) {
      flushTable();
      for (const p of partParagraphs(token.lines))
        if (p.text.replace(/\*/g, '').trim()) blocks.push({ type: 'paragraph', text: p.text, line: p.line });
      continue;
    }
    run.push(token);
  }
  flushTable();
  endOfRegion = after;
  return blocks;
}
let endOfRegion = 0;

/** Splits wrapped text into blocks: paragraphs (their first line's number as their line) and tables. */
export function wrappedTextToBlocks(text: string): Block[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let tables = 0;
  let chunk: { text: string; line: number }[] = [];
  const flush = () => {
    for (const p of unwrap(chunk))
      if (p.text.replace(/\*/g, '').trim()) blocks.push({ type: 'paragraph', text: p.text, line: p.line });
    chunk = [];
  };
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!;
    if (PIPE.test(raw)) {
      flush();
      blocks.push(...readPipeRegion(lines, i, () => ++tables));
      i = endOfRegion;
      continue;
    }
    if (!raw.trim()) flush();
    else chunk.push({ text: raw, line: i + 1 });
    i += 1;
  }
  flush();
  return blocks;
}
