// The parser scored on real plans (tests/fixtures/plans/corpus/, each with its hand-checked expected file): the share
// of tasks with the right leads, with the right timeframe, and of target measures read right. The floors ratchet:
// raise them as the parser improves, never lower them.
import { readdirSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { readDocx } from '../../../server/plan/docx-reader.ts';
import { describe, expect, it } from 'vitest';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';
import {
  corpusDir,
  corpusNames,
  percent,
  readExpected,
  scorePlan,
  totals,
  type PlanScore,
} from '../../helpers/corpus-score.ts';

const FLOORS = { leads: 99, timeframes: 99, targets: 100 };

const scores = new Map<string, PlanScore>();
for (const name of corpusNames()) {
  const text = readFileSync(`${corpusDir}${name}.txt`, 'utf8');
  scores.set(name, scorePlan(parsePlan(textToBlocks(text)).plan, readExpected(name)));
}

describe('the real-plan corpus', () => {
  it('has a source header and an expected file for every plan', () => {
    for (const name of corpusNames()) {
      const first = readFileSync(`${corpusDir}${name}.txt`, 'utf8').split('\n')[0]!;
      expect(first, name).toMatch(
        /^# Nguồn \/ source: github\.com\/tnt305\/tai_lieu_noi_bo src\/etl\/dataset\/[a-f][0-9a-f]+\.md/,
      );
      expect(readExpected(name).source, name).toMatch(/^src\/etl\/dataset\/[a-f]/);
    }
  });

  it('scores the parser: tasks with the right leads, timeframes right, targets right', () => {
    const lines: string[] = [];
    for (const [name, s] of scores) {
      const t = totals([s]);
      lines.push(
        `  ${name.padEnd(34)} leads ${t.leads}/${t.tasks}  timeframes ${t.timeframes}/${t.tasks}  targets ${t.targetsRight}/${t.targets}` +
          `  reporting ${s.reporting ? 'ok' : 'WRONG'}  extra tasks ${s.extraTasks.length}`,
      );
    }
    const all = totals([...scores.values()]);
    const result = {
      leads: percent(all.leads, all.tasks),
      timeframes: percent(all.timeframes, all.tasks),
      targets: percent(all.targetsRight, all.targets),
    };
    console.log(
      [
        `corpus: ${all.plans} plans, ${all.tasks} tasks, ${all.targets} target measures`,
        ...lines,
        `  leads right ${result.leads}%  timeframes right ${result.timeframes}%  targets right ${result.targets}%` +
          `  (coordinating ${percent(all.coordinatingRight, all.coordinating)}% of ${all.coordinating}; reporting rules ${all.reporting}/${all.plans})`,
      ].join('\n'),
    );
    expect(result.leads).toBeGreaterThanOrEqual(FLOORS.leads);
    expect(result.timeframes).toBeGreaterThanOrEqual(FLOORS.timeframes);
    expect(result.targets).toBeGreaterThanOrEqual(FLOORS.targets);
  });

  // The .docx beside a plan (tests/helpers/corpus-docx.ts: Word tables with merged cells, automatic numbering).
  const docxNames = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.docx'))
    .map((f) => f.slice(0, -5));
  it('holds at least three plans also as .docx', () => {
    expect(docxNames.length).toBeGreaterThanOrEqual(3);
    const xml = (name: string) => strFromU8(unzipSync(readFileSync(`${corpusDir}${name}.docx`))['word/document.xml']!);
    expect(docxNames.some((n) => /vMerge/.test(xml(n)) && /gridSpan/.test(xml(n)))).toBe(true);
  });

  it.each(docxNames)('reads %s.docx to the same scores as its .txt', (name) => {
    const read = readDocx(readFileSync(`${corpusDir}${name}.docx`));
    if (!read.ok) throw new Error(read.error.code);
    const fromDocx = totals([scorePlan(parsePlan(read.blocks).plan, readExpected(name))]);
    expect(fromDocx).toEqual(totals([scores.get(name)!]));
  });
});
