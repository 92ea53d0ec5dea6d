// A plan document as the parser sees it: paragraphs and tables in reading order, with where they came from.
import type { Block, Table } from './blocks.ts';
import { isWrappedText, wrappedTextToBlocks } from './wrapped-text.ts';

export type { Block, Paragraph, Table } from './blocks.ts';

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function cellsOf(line: string): string[] | null {
  if (line.includes('\t')) {
    const cells = line.split('\t').map((c) => c.trim());
    return cells.length >= 3 ? cells : null;
  }
  if ((line.match(/\|/g) ?? []).length >= 2) {
    return line
      .replace(/^\s*\|/, '')
      .replace(/\|\s*$/, '')
      .split('|')
      .map((c) => c.trim());
  }
  return null;
}

/**
 * Splits plain text into blocks: each non-empty line a paragraph; runs of lines with tabs or pipes
 * (as a table pasted from Word or written in Markdown) a table.
 */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  // Text as legal-document sites publish it (hard-wrapped, tables cell by cell) is read back into paragraphs first.
  if (isWrappedText(lines)) return wrappedTextToBlocks(text);
  let tableCount = 0;
  let current: Table | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (TABLE_SEPARATOR.test(raw) && raw.includes('-')) return;
    const cells = cellsOf(raw);
    if (cells) {
      if (!current) {
        current = { type: 'table', index: ++tableCount, rows: [], line };
        blocks.push(current);
      }
      current.rows.push(cells);
      return;
    }
    current = null;
    if (raw.trim().length > 0) blocks.push({ type: 'paragraph', text: raw, line });
  });
  return blocks;
}
