// Scoring the plan parser against the hand-checked expected files of the real-plan corpus
// (tests/fixtures/plans/corpus/NAME.txt beside NAME.expected.json).
import { readdirSync, readFileSync } from 'node:fs';
import type { Measure, Plan, Task, Timeframe } from '../../shared/domain/plan.ts';
import { matchKey } from '../../shared/text/vietnamese.ts';

export interface ExpectedTask {
  /** Words of the task's text (title and detail), unique in the plan: how the task is found. */
  text: string;
  lead: string[];
  /** null: not checked (the plan's words leave it open). */
  coordinating: string[] | null;
  /** null: the plan gives this task no timeframe. Otherwise the kind and the fields to compare (text never). */
  timeframe: (Partial<Timeframe> & { kind: Timeframe['kind'] | 'event' }) | null;
}
export interface ExpectedMeasure {
  text: string;
  comparator: Measure['comparator'];
  value: number;
  unit: string;
}
export interface Expected {
  source: string;
  layout: string;
  tasks: ExpectedTask[];
  targets: ExpectedMeasure[];
  reporting: { deadlines: { kind: string; dueBefore: string }[]; consolidator: string | null };
}

export const corpusDir = new URL('../fixtures/plans/corpus/', import.meta.url).pathname;
export const corpusNames = () =>
  readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
export const readExpected = (name: string) =>
  JSON.parse(readFileSync(`${corpusDir}${name}.expected.json`, 'utf8')) as Expected;

const names = (list: string[]) => list.map((n) => matchKey(n)).sort();
const sameNames = (a: string[], b: string[]) => JSON.stringify(names(a)) === JSON.stringify(names(b));

function timeframeRight(expected: ExpectedTask['timeframe'], actual: Task['timeframe']): boolean {
  if (expected === null) return actual.kind === 'unrecognised' && actual.text === '';
  if (expected.kind !== actual.kind) return false;
  return Object.entries(expected).every(
    ([key, value]) => key === 'text' || (actual as Record<string, unknown>)[key] === value,
  );
}

export interface TaskScore {
  expected: ExpectedTask;
  found: Task | null;
  lead: boolean;
  coordinating: boolean | null;
  timeframe: boolean;
}
export interface PlanScore {
  tasks: TaskScore[];
  /** Parsed tasks that match no expected task. */
  extraTasks: Task[];
  targets: { expected: ExpectedMeasure; found: boolean }[];
  reporting: boolean;
}

/** Finds each expected task by its words (in order, each parsed task used once) and compares its fields. */
export function scorePlan(plan: Plan, expected: Expected): PlanScore {
  const used = new Set<Task>();
  const textOf = (t: Task) => ` ${matchKey([t.title, ...t.detail].join(' '))} `;
  const tasks = expected.tasks.map((e) => {
    const key = matchKey(e.text);
    const found = plan.tasks.find((t) => !used.has(t) && textOf(t).includes(key)) ?? null;
    if (found) used.add(found);
    return {
      expected: e,
      found,
      lead: found !== null && sameNames(e.lead, found.lead),
      coordinating: e.coordinating === null ? null : found !== null && sameNames(e.coordinating, found.coordinating),
      timeframe: found !== null && timeframeRight(e.timeframe, found.timeframe),
    };
  });
  const measures = plan.targets.flatMap((t) =>
    t.measures.map((m) => ({ m, text: ` ${matchKey(`${t.text} ${m.label}`)} ` })),
  );
  const taken = new Set<number>();
  const targets = expected.targets.map((e) => {
    const i = measures.findIndex(
      ({ m, text }, k) =>
        !taken.has(k) &&
        m.comparator === e.comparator &&
        m.value === e.value &&
        matchKey(m.unit) === matchKey(e.unit) &&
        text.includes(matchKey(e.text)),
    );
    if (i >= 0) taken.add(i);
    return { expected: e, found: i >= 0 };
  });
  const deadlines = (list: { kind: string; dueBefore: string }[]) =>
    JSON.stringify(list.map((d) => `${d.kind}:${d.dueBefore}`).sort());
  const reporting =
    deadlines(plan.reporting.deadlines) === deadlines(expected.reporting.deadlines) &&
    (expected.reporting.consolidator === null
      ? plan.reporting.consolidator === null
      : plan.reporting.consolidator !== null &&
        matchKey(plan.reporting.consolidator) === matchKey(expected.reporting.consolidator));
  return { tasks, extraTasks: plan.tasks.filter((t) => !used.has(t)), targets, reporting };
}

export interface CorpusTotals {
  tasks: number;
  leads: number;
  timeframes: number;
  targets: number;
  targetsRight: number;
  coordinating: number;
  coordinatingRight: number;
  reporting: number;
  plans: number;
}

export function totals(scores: PlanScore[]): CorpusTotals {
  const all = scores.flatMap((s) => s.tasks);
  const coordinated = all.filter((t) => t.coordinating !== null);
  const targets = scores.flatMap((s) => s.targets);
  return {
    plans: scores.length,
    tasks: all.length,
    leads: all.filter((t) => t.lead).length,
    timeframes: all.filter((t) => t.timeframe).length,
    targets: targets.length,
    targetsRight: targets.filter((t) => t.found).length,
    coordinating: coordinated.length,
    coordinatingRight: coordinated.filter((t) => t.coordinating).length,
    reporting: scores.filter((s) => s.reporting).length,
  };
}

export const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);
