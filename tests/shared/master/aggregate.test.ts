import { describe, expect, it } from 'vitest';
import type { Measure } from '../../../shared/domain/plan.ts';
import { meetsRatio, MeasureTotals } from '../../../shared/master/aggregate.ts';
import type { Report } from '../../../shared/domain/report.ts';

const measure = (comparator: Measure['comparator'], value: number): Measure =>
  ({
    id: 'M',
    targetId: 'T',
    label: 'tỷ lệ',
    kind: 'ratio',
    comparator,
    value,
    reporters: 'all',
  }) as unknown as Measure;
const report = (numerator: number, denominator: number) =>
  ({ measures: [{ measureId: 'M', numerator, denominator, yes: null, note: '' }] }) as unknown as Report;

describe('verdicts are judged on the exact ratio, rounded only for display', () => {
  it('24,960 of 100,000 shows 25 but does not meet ≥ 25%', () => {
    const totals = new MeasureTotals([measure('>=', 25)]);
    totals.add(report(24_960, 100_000));
    expect(totals.result()[0]).toMatchObject({ citywide: 25, verdict: 'not-met' });
  });

  it('99.96% shows 100 but does not meet 100%; 100% does', () => {
    const short = new MeasureTotals([measure('=', 100)]);
    short.add(report(9_996, 10_000));
    expect(short.result()[0]).toMatchObject({ citywide: 100, verdict: 'not-met' });
    const full = new MeasureTotals([measure('=', 100)]);
    full.add(report(7, 7));
    expect(full.result()[0]!.verdict).toBe('met');
  });

  it('compares exactly at the boundary, for every comparator and decimal thresholds', () => {
    expect(meetsRatio('>=', 1, 4, 25)).toBe(true);
    expect(meetsRatio('>', 1, 4, 25)).toBe(false);
    expect(meetsRatio('>', 251, 1000, 25)).toBe(true);
    expect(meetsRatio('<=', 1, 3, 33.3)).toBe(false); // 33.33…% is above 33.3%
    expect(meetsRatio('<', 333, 1000, 33.3)).toBe(false);
    expect(meetsRatio('>=', 125, 1000, 12.5)).toBe(true);
    expect(meetsRatio('>=', 124_999_999, 1_000_000_000, 12.5)).toBe(false);
  });
});

describe('count measures ("ít nhất 02 lớp") are judged unit by unit', () => {
  const count: Measure = {
    id: 'C',
    label: 'Mỗi phường tổ chức lớp tập huấn',
    kind: 'count',
    comparator: '>=',
    value: 2,
    unit: 'lớp',
    reporters: null,
  };
  const counted = (n: number | null) =>
    ({ measures: [{ measureId: 'C', numerator: n, denominator: null, yes: null, note: '' }] }) as unknown as Report;

  it('counts the units meeting the threshold, totals what they did, and is met only when every reporting unit meets it', () => {
    const some = new MeasureTotals([count]);
    for (const n of [3, 1, null, 2]) some.add(counted(n));
    expect(some.result()[0]).toMatchObject({
      units: 3,
      numerator: 6,
      yes: 2,
      no: 1,
      citywide: 66.7,
      verdict: 'not-met',
    });
    const all = new MeasureTotals([count]);
    for (const n of [2, 5]) all.add(counted(n));
    expect(all.result()[0]).toMatchObject({ units: 2, yes: 2, no: 0, citywide: 100, verdict: 'met' });
    expect(new MeasureTotals([count]).result()[0]!.verdict).toBe('no-data');
  });
});
