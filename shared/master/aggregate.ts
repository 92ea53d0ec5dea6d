// Citywide values of the target measures: ratios from the sums of numerators and denominators (never an
// average of ratios), yes/no measures as the share of units answering Có, counts ("ít nhất 02 lớp") as the share
// of units whose own count meets the threshold (met when every unit that reported meets it); then Đạt / Chưa đạt.
import type { Comparator, Measure } from '../domain/plan.ts';
import type { Report } from '../domain/report.ts';

export type Verdict = 'met' | 'not-met' | 'no-data';
export const VERDICT_LABELS: Record<Verdict, string> = {
  met: 'Đạt',
  'not-met': 'Chưa đạt',
  'no-data': 'Chưa có số liệu',
};

export interface MeasureAggregate {
  measure: Measure;
  /** Units whose report holds a value for the measure. */
  units: number;
  numerator: number;
  denominator: number;
  yes: number;
  no: number;
  citywide: number | null;
  verdict: Verdict;
}

/** `meets('>=', 26, 25)` → true. */
export function meets(comparator: Comparator, value: number, threshold: number): boolean {
  switch (comparator) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '=':
      return value >= threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
  }
}

/**
 * Whether part / whole (as a percentage) meets the threshold, judged exactly in integers before any
 * rounding: 24,960 of 100,000 is 24.96%, which shows as 25 but does not meet "≥ 25%".
 * `meetsRatio('>=', 24_960, 100_000, 25)` → false.
 */
export function meetsRatio(comparator: Comparator, part: number, whole: number, threshold: number): boolean {
  // The threshold as an integer over a power of ten (25 → 25/1, 12.5 → 125/10), then cross-multiplied.
  let scale = 1;
  while (!Number.isInteger(threshold * scale) && scale < 1e6) scale *= 10;
  const left = BigInt(part) * 100n * BigInt(scale);
  const right = BigInt(Math.round(threshold * scale)) * BigInt(whole);
  const order = left === right ? 0 : left > right ? 1 : -1;
  return meets(comparator, order, 0);
}

/** part of whole in percent, one decimal; null when there is nothing to divide by. `ratioPercent(1, 3)` → 33.3. */
export const ratioPercent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

export class MeasureTotals {
  private readonly totals = new Map<string, Omit<MeasureAggregate, 'citywide' | 'verdict'>>();

  constructor(measures: Measure[]) {
    for (const measure of measures)
      this.totals.set(measure.id, { measure, units: 0, numerator: 0, denominator: 0, yes: 0, no: 0 });
  }

  /** Adds one agency's latest report. */
  add(report: Report): void {
    for (const m of report.measures) {
      const t = this.totals.get(m.measureId);
      if (!t) continue;
      if (t.measure.kind === 'count') {
        if (m.numerator === null) continue;
        t.units += 1;
        t.numerator += m.numerator;
        // For a count, "yes" and "no" are the units meeting the threshold and those that do not.
        if (meets(t.measure.comparator, m.numerator, t.measure.value)) t.yes += 1;
        else t.no += 1;
      } else if (t.measure.kind === 'yes-no') {
        if (m.yes === null) continue;
        t.units += 1;
        if (m.yes) t.yes += 1;
        else t.no += 1;
      } else if (m.numerator !== null && m.denominator !== null) {
        t.units += 1;
        t.numerator += m.numerator;
        t.denominator += m.denominator;
      }
    }
  }

  /** The aggregates in plan order, with the citywide value rounded to one decimal. */
  result(): MeasureAggregate[] {
    return [...this.totals.values()].map((t) => {
      if (t.measure.kind === 'count') {
        return {
          ...t,
          citywide: ratioPercent(t.yes, t.units),
          verdict: t.units === 0 ? ('no-data' as const) : t.no === 0 ? ('met' as const) : ('not-met' as const),
        };
      }
      const [part, whole] = t.measure.kind === 'yes-no' ? [t.yes, t.yes + t.no] : [t.numerator, t.denominator];
      // "=" thresholds of 100% read as "reach 100%": met at or above; 0 of 0 counted cases have nothing to judge.
      const citywide = ratioPercent(part, whole);
      // Judged on the exact ratio; the one-decimal value is only for display.
      const verdict: Verdict =
        citywide === null
          ? 'no-data'
          : meetsRatio(t.measure.comparator, part, whole, t.measure.value)
            ? 'met'
            : 'not-met';
      return { ...t, citywide, verdict };
    });
  }
}
