// Every plan fixture read from a .docx (its lines as Word paragraphs) gives the same plan as from the .txt: tasks,
// leads, coordinators, timeframes, targets, measures, reporting rule and identity — the forms are read the same way
// whatever the file.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DirectoryInput } from '../../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../../shared/directory/bundled.ts';
import type { Plan } from '../../../shared/domain/plan.ts';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';
import { readDocx } from '../../../server/plan/docx-reader.ts';
import { buildDocx, type DocxPart } from '../../helpers/docx.ts';
import { fixturePath } from '../../helpers/plans.ts';

const fixtures = readdirSync(fixturePath('')).filter((f) => f.endsWith('.txt'));
const province = JSON.parse(readFileSync(fixturePath('dong-thap-directory.json'), 'utf8')) as DirectoryInput;
const directoriesFor = (name: string) => (name.startsWith('province-') ? [province] : BUNDLED_DIRECTORIES);
// Where a task was read ("line 12") depends on the file's blank lines; everything else must be the same.
const comparable = (plan: Plan) => ({ ...plan, tasks: plan.tasks.map(({ source: _source, ...t }) => t) });

/** The .txt as Word holds it: each line a paragraph, a "| … |" table a Word table. */
function asDocx(text: string): DocxPart[] {
  const parts: DocxPart[] = [];
  for (const line of text.split('\n').filter((l) => l.trim())) {
    if (!line.startsWith('|')) {
      parts.push(line);
      continue;
    }
    if (/^\|[-\s|]+\|$/.test(line)) continue;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    const last = parts.at(-1);
    if (last && typeof last === 'object' && 'table' in last) last.table.push(cells);
    else parts.push({ table: [cells] });
  }
  return parts;
}

describe.each(fixtures)('%s read from .txt and from .docx', (name) => {
  const text = readFileSync(fixturePath(name), 'utf8');
  const fromText = parsePlan(textToBlocks(text), { directories: directoriesFor(name) });
  const docx = readDocx(buildDocx(asDocx(text)));
  if (!docx.ok) throw new Error(docx.error.code);
  const fromDocx = parsePlan(docx.blocks, { directories: directoriesFor(name) });

  it('gives the same plan', () => {
    expect(comparable(fromDocx.plan)).toEqual(comparable(fromText.plan));
  });

  it('gives the same findings', () => {
    expect(fromDocx.issues.map((i) => [i.code, i.params])).toEqual(fromText.issues.map((i) => [i.code, i.params]));
    expect(fromDocx.usable).toBe(fromText.usable);
  });
});
