// A corpus plan (.txt as the legal-document site publishes it) written as Word would hold it: paragraphs, roman
// headings and "-" bullets as Word list paragraphs (automatic numbering), tables as Word tables whose group rows span
// the table and whose repeated lead and timeframe cells are merged down, as real plans are.
// Regenerate the committed .docx files: npx tsx tests/helpers/corpus-docx.ts NAME…
import { readFileSync, writeFileSync } from 'node:fs';
import { textToBlocks } from '../../shared/plan/document.ts';
import { columnOf } from '../../shared/plan/labels.ts';
import { buildDocx, type DocxCell, type DocxPart } from './docx.ts';

function table(rows: string[][]): DocxPart {
  const width = Math.max(...rows.map((r) => r.length));
  const header = rows[0] ?? [];
  const merged = new Set(
    header.map((h, c) => (['lead', 'timeframe'].includes(columnOf(h) ?? '') ? c : -1)).filter((c) => c >= 0),
  );
  const out: DocxCell[][] = rows.map((row, r) => {
    // A row shorter than the table (a group heading "I. …") spans the columns it leaves out.
    if (row.length < width && r > 0)
      return row.map((text, c) => (c === row.length - 1 ? { text, span: width - row.length + 1 } : text));
    return row.map((text, c) => {
      if (r < 2 || !merged.has(c) || !text.trim()) return text;
      const above = rows[r - 1]!;
      return above.length === width && above[c] === text ? { text, merge: 'continue' as const } : text;
    });
  });
  // The first cell of each vertical run restarts the merge.
  out.forEach((row, r) =>
    row.forEach((cell, c) => {
      const next = out[r + 1]?.[c];
      if (typeof cell === 'string' && next && typeof next === 'object' && next.merge === 'continue')
        row[c] = { text: cell, merge: 'restart' };
    }),
  );
  return { table: out };
}

/** The .docx of a corpus plan's text. */
export function corpusDocx(text: string): Uint8Array {
  const parts: DocxPart[] = [];
  for (const block of textToBlocks(text)) {
    if (block.type === 'table') {
      parts.push(table(block.rows));
      continue;
    }
    const t = block.text.replace(/\*+/g, '').trim();
    const roman = /^[IVX]+\.\s+(\S.*)$/u.exec(t);
    const bullet = /^-\s+(\S.*)$/u.exec(t);
    parts.push(roman ? { numbered: roman[1]!, level: 0 } : bullet ? { numbered: bullet[1]!, level: 2 } : t);
  }
  return buildDocx(parts);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/tests\//, 'tests/'))) {
  const dir = new URL('../fixtures/plans/corpus/', import.meta.url).pathname;
  for (const name of process.argv.slice(2))
    writeFileSync(`${dir}${name}.docx`, corpusDocx(readFileSync(`${dir}${name}.txt`, 'utf8')));
}
