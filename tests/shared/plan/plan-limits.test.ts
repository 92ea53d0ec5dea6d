// The plan's limits (issue 20, items 1 and 7), written once in shared/plan/plan-limits.ts: what a parsed plan and a
// correction may hold, each breach naming what and where.
import { describe, expect, it } from 'vitest';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { correctionOverLimit, PLAN_LIMITS, planLimitFindings, textTooLong } from '../../../shared/plan/plan-limits.ts';
import { planIssueWording } from '../../../shared/plan/plan-messages.ts';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';
import { bigPlan, taskLine } from '../../helpers/big-plan.ts';
import { parseSeed } from '../../helpers/plans.ts';

const parse = (text: string) => parsePlan(textToBlocks(text)).plan;

describe('the plan limits', () => {
  it('are the numbers of issue 20, and no title can fill a workbook cell (32,767 characters)', () => {
    expect(PLAN_LIMITS).toEqual({
      maxChars: 1_000_000,
      maxTasks: 2000,
      maxTargets: 500,
      maxTitleChars: 2000,
      warnTitleChars: 500,
    });
    expect(PLAN_LIMITS.maxTitleChars).toBeLessThan(32_767);
    expect(textTooLong(1_000_000)).toBe(false);
    expect(textTooLong(1_000_001)).toBe(true);
  });

  it('take the seed as it is', () => {
    expect(planLimitFindings(parseSeed().plan)).toEqual([]);
  });

  it('take 2,000 tasks and refuse 2,001, naming the first task over the limit and its line', () => {
    expect(planLimitFindings(parse(bigPlan(2000)))).toEqual([]);
    const findings = planLimitFindings(parse(bigPlan(2001)));
    expect(findings).toEqual([
      {
        code: 'too-many-tasks',
        severity: 'error',
        at: { line: taskLine(2001), where: `line ${taskLine(2001)}`, subject: 'NV2001' },
        params: { count: 2001, limit: 2000, task: 'NV2001' },
      },
    ]);
    expect(planIssueWording(findings[0]!.code, findings[0]!.params).en).toBe(
      'The plan has 2001 tasks, more than the limit of 2000 (from NV2001 on).',
    );
  });

  it('refuse more than 500 targets, naming the first over the limit', () => {
    const seed = parseSeed().plan;
    const targets = Array.from({ length: 501 }, (_, i) => ({
      ...seed.targets[0]!,
      id: `MT${i + 1}`,
      number: String(i + 1),
      measures: [],
    }));
    expect(planLimitFindings({ ...seed, targets: targets.slice(0, 500) })).toEqual([]);
    expect(planLimitFindings({ ...seed, targets })).toEqual([
      expect.objectContaining({
        code: 'too-many-targets',
        severity: 'error',
        at: expect.objectContaining({ subject: 'MT501' }),
        params: { count: 501, limit: 500, target: 'MT501' },
      }),
    ]);
  });

  it('refuse a title over 2,000 characters (a 100,000-character one too), naming the field and its line; past 500 it is a warning', () => {
    const titles = new Map([
      [3, 'x'.repeat(100_000)],
      [5, 'y'.repeat(2001)],
      [7, 'z'.repeat(2000)],
      [9, 'w'.repeat(600)],
      [11, 'v'.repeat(500)],
    ]);
    const plan = parse(bigPlan(12, { title: (n) => titles.get(n) ?? `Nhiệm vụ ${n}.` }));
    const findings = planLimitFindings(plan);
    expect(findings.map((f) => [f.code, f.severity, f.params.field, f.params.chars, f.at.line])).toEqual([
      ['title-too-long', 'error', 'tasks.NV3.title', 100_000, taskLine(3)],
      ['title-too-long', 'error', 'tasks.NV5.title', 2001, taskLine(5)],
      ['title-long', 'warning', 'tasks.NV7.title', 2000, taskLine(7)],
      ['title-long', 'warning', 'tasks.NV9.title', 600, taskLine(9)],
    ]);
  });

  it("hold a target's text and a measure's label to the same rule", () => {
    const seed = parseSeed().plan;
    const [first, ...rest] = seed.targets;
    const long = {
      ...first!,
      text: 't'.repeat(2500),
      measures: first!.measures.map((m) => ({ ...m, label: 'l'.repeat(700) })),
    };
    const findings = planLimitFindings({ ...seed, targets: [long, ...rest] });
    expect(findings.map((f) => [f.code, f.params.field])).toEqual([
      ['title-too-long', `targets.${first!.id}.text`],
      ['title-long', `measures.${first!.measures[0]!.id}.label`],
    ]);
  });

  it("hold the plan's own title, number and issuer to it: the master writes them in one cell", () => {
    const seed = parseSeed().plan;
    const findings = planLimitFindings({
      ...seed,
      plan: { ...seed.plan, number: `${'9'.repeat(3000)}/KH-UBND`, issuer: 'Ủ'.repeat(700) },
    });
    expect(findings.map((f) => [f.code, f.params.field, f.at.where])).toEqual([
      ['title-too-long', 'plan.number', 'document'],
      ['title-long', 'plan.issuer', 'document'],
    ]);
  });

  it('refuse a correction whose title or label is over the limit, by its field', () => {
    expect(correctionOverLimit({ tasks: { NV1: { title: 'a'.repeat(2000) } } })).toBeNull();
    expect(correctionOverLimit({ tasks: { NV1: null, NV2: { title: 'a'.repeat(2001) } } })).toEqual({
      field: 'tasks.NV2.title',
      chars: 2001,
      limit: 2000,
    });
    expect(correctionOverLimit({ measures: { 'MT2.1': { label: 'b'.repeat(100_000) } } })).toEqual({
      field: 'measures.MT2.1.label',
      chars: 100_000,
      limit: 2000,
    });
    expect(correctionOverLimit({ identity: { title: 'c'.repeat(2001) } })).toEqual({
      field: 'identity.title',
      chars: 2001,
      limit: 2000,
    });
  });
});
