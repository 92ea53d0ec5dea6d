// Any text the plan can hold (what passes the text gate) is written into an agency's template exactly as stored and
// read back exactly as written, by the shared reader and by openpyxl, so the locked-cell check always passes.
// A property test over random texts from a seeded generator: controls, DEL, C1, CR/LF, lone and paired surrogates,
// U+FFFE/U+FFFF, combining marks, markup, and Excel's own `_xHHHH_` escapes typed literally.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { periodFromId } from '../../../shared/domain/period.ts';
import type { Plan } from '../../../shared/domain/plan.ts';
import { cleanText } from '../../../shared/text/clean-text.ts';
import { cellText } from '../../../shared/workbook/cell-values.ts';
import type { CellValue, Grid } from '../../../shared/workbook/grid.ts';
import { readReport } from '../../../shared/workbook/grid-reader.ts';
import { TARGETS_SHEET, TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../../../server/workbook/generate-workbook.ts';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { dumpXlsx } from '../../helpers/openpyxl.ts';
import { DIRECTORY, SEED_PLAN } from '../../helpers/workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'round-trip-'));

/** mulberry32: a small seeded PRNG, so a failure is reproducible from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'Phường',
  'Nội vụ',
  'ủy',
  'hòa',
  'Đ',
  'e\u0301',
  'o\u0302\u0300',
  'a\u0323\u0306',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u00A0',
  '\u2028',
  '\u200B',
  '\uFEFF',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0080',
  '\u0085',
  '\u009F',
  '\uD800',
  '\uDC00',
  '\uD83D\uDE00',
  '\u{10FFFF}',
  '\uFFFE',
  '\uFFFF',
  '\uFFFD',
  '\uFDD0',
  '\uE000',
  '<',
  '>',
  '&',
  '"',
  "'",
  '&amp;',
  '<t>',
  ']]>',
  '=1+1',
  '@SUM(A1)',
  '-5',
  '12',
  '1/2/2025',
  'TRUE',
  '_x000D_',
  '_x000d_',
  '_x0001_',
  '_x005F_',
  '_x005F_x000D_',
  '_x',
  '_x00',
  'x005F_',
  '_xD83D__xDE00_',
  '_xFFFF_',
  '__x0041__',
  '_',
  'x',
];

/** A random text: pieces, and now and then any UTF-16 code unit at all. */
function randomText(next: () => number): string {
  const n = 1 + Math.floor(next() * 12);
  let text = '';
  for (let i = 0; i < n; i++)
    text +=
      next() < 0.2 ? String.fromCharCode(Math.floor(next() * 0x10000)) : PIECES[Math.floor(next() * PIECES.length)]!;
  return text;
}

/** Text the plan can hold: through the gate, trimmed, not empty (as a correction's title is taken). */
function planText(next: () => number): string {
  for (;;) {
    const text = cleanText(randomText(next)).trim();
    if (text) return text;
  }
}

/** The seed plan with every task, focus task and measure given a random title or label. */
function randomPlan(next: () => number): Plan {
  const plan = structuredClone(SEED_PLAN);
  for (const t of plan.tasks) t.title = planText(next);
  for (const t of plan.focusTasks) t.title = planText(next);
  for (const m of plan.targets.flatMap((x) => x.measures)) m.label = planText(next);
  return plan;
}

const lockedIssues = (grid: Grid, agencyId: string) => {
  const read = readReport(grid, { expected: { agencyId, periodId: '2026-Y' } });
  return read.ok ? [] : read.issues.filter((i) => i.code === 'locked-content-changed' || i.code.startsWith('metadata'));
};

describe('any text the plan can hold, written into a template and read back', () => {
  it('reads back exactly as stored with the shared reader and openpyxl: the locked check passes (20 workbooks, seeds 1–20)', async () => {
    const period = periodFromId('2026-Y', SEED_PLAN.reporting);
    if (!period.ok) throw new Error(period.reason);
    const agency = DIRECTORY.byId('phong-noi-vu')!;
    let titles = 0;
    let openpyxlCompared = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const next = prng(seed);
      const model = buildTemplateModel(randomPlan(next), agency, period.period, '2026-11-25T03:00:00.000Z');
      const bytes = await generateWorkbook(model);
      const read = readXlsx(bytes);
      if (!read.ok) throw new Error(`seed ${seed}: ${read.error.code}`);
      expect(lockedIssues(read.grid, agency.id), `seed ${seed}`).toEqual([]);
      model.tasks.forEach((t, i) =>
        expect(read.grid[TASKS_SHEET.name]![TASKS_SHEET.headerRow + i]![1], `seed ${seed} ${t.taskId}`).toBe(t.title),
      );
      titles += model.tasks.length + model.measures.length;

      const path = join(dir, `seed-${seed}.xlsx`);
      writeFileSync(path, bytes);
      const dump = dumpXlsx(path);
      const grid: Grid = Object.fromEntries(
        Object.entries(dump).map(([name, sheet]) => [name, sheet.rows.map((row) => row.map(([v]) => v as CellValue))]),
      );
      // openpyxl 3.0 removes every "x005F_" from shared strings, even one that is part of the text itself; such
      // texts are compared by our reader only.
      const exact = (text: string) => !text.includes('x005F_');
      model.tasks.forEach((t, i) => {
        if (!exact(t.title)) return;
        openpyxlCompared += 1;
        expect(
          cellText(grid[TASKS_SHEET.name]![TASKS_SHEET.headerRow + i]![1] ?? null),
          `seed ${seed} ${t.taskId} (openpyxl)`,
        ).toBe(t.title);
      });
      model.measures.forEach((m, i) => {
        if (!exact(m.label)) return;
        openpyxlCompared += 1;
        expect(
          cellText(grid[TARGETS_SHEET.name]![TARGETS_SHEET.headerRow + i]![1] ?? null),
          `seed ${seed} ${m.measureId} (openpyxl)`,
        ).toBe(m.label);
      });
    }
    expect(titles).toBeGreaterThan(300);
    expect(openpyxlCompared).toBeGreaterThan(200);
  }, 120_000);
});
