import { describe, expect, it } from 'vitest';
import type { Measure, Timeframe } from '../../../shared/domain/plan.ts';
import { periodFromId } from '../../../shared/domain/period.ts';
import type { MeasureAggregate } from '../../../shared/master/aggregate.ts';
import { rangeRef } from '../../../shared/master/charts.ts';
import {
  attentionList,
  reportingGroup,
  reportingRate,
  reportingState,
  ReportingTally,
  TaskTally,
  timeframeEnd,
  type ReportingPicture,
} from '../../../shared/master/overview.ts';
import { change, overviewSheet, type OverviewInput } from '../../../shared/master/overview-sheet.ts';
import type { SubmissionRef } from '../../../shared/master/master-rows.ts';
import { SEED_PLAN } from '../../helpers/workbooks.ts';

const sub = (onTime: boolean, review?: SubmissionRef['review']): SubmissionRef => ({
  version: 1,
  receivedAt: '2026-12-10T03:00:00Z',
  onTime,
  source: 'upload',
  review,
});
const period = (() => {
  const p = periodFromId('2026-Y', SEED_PLAN.reporting);
  if (!p.ok) throw new Error(p.reason);
  return p.period;
})();
const aggregate = (id: string, verdict: MeasureAggregate['verdict'], citywide: number | null): MeasureAggregate => ({
  measure: { id, label: `nhãn ${id}`, kind: 'ratio', comparator: '>=', value: 25 } as Measure,
  units: 3,
  numerator: 0,
  denominator: 0,
  yes: 0,
  no: 0,
  citywide,
  verdict,
});

describe('the reporting picture', () => {
  it('puts each agency in its directory group: departments, wards and communes, the rest', () => {
    expect(reportingGroup(['departments'])).toBe('departments');
    expect(reportingGroup(['wards-communes'])).toBe('wards');
    expect(reportingGroup(['party-front'])).toBe('other');
    expect(reportingGroup(['public-service-units'])).toBe('other');
  });

  it('counts a returned report as returned, not as submitted; the rate is of those submitted and kept', () => {
    expect([
      reportingState(null),
      reportingState(sub(true)),
      reportingState(sub(false)),
      reportingState(sub(true, 'returned')),
    ]).toEqual(['missing', 'on-time', 'late', 'returned']);
    const tally = new ReportingTally();
    tally.add({ name: 'Phòng A', groups: ['departments'] }, sub(true));
    tally.add({ name: 'Phòng B', groups: ['departments'] }, sub(false, 'accepted'));
    tally.add({ name: 'Phường 1', groups: ['wards-communes'] }, sub(true, 'returned'));
    tally.add({ name: 'Phường 2', groups: ['wards-communes'] }, null);
    const picture = tally.result();
    expect(picture.total).toEqual({ expected: 4, onTime: 1, late: 1, returned: 1, missing: 1 });
    expect(picture.groups.departments).toEqual({ expected: 2, onTime: 1, late: 1, returned: 0, missing: 0 });
    expect(picture.groups.wards).toEqual({ expected: 2, onTime: 0, late: 0, returned: 1, missing: 1 });
    expect(picture.groups.other.expected).toBe(0);
    expect(picture.missing).toEqual(['Phường 2']);
    expect(reportingRate(picture.total)).toBe(50);
    expect(reportingRate(picture.groups.other)).toBeNull();
  });
});

describe("each task's leads by state", () => {
  it('counts leads and focus reporters, not coordinating agencies; a missing report or task is not reported', () => {
    const tally = new TaskTally();
    const assigned = [
      { taskId: 'NV1', role: 'lead' as const },
      { taskId: 'NV2', role: 'coordinating' as const },
      { taskId: 'TT1', role: 'focus' as const },
    ];
    const report = (status: 'done' | 'ongoing' | 'not-started') => ({
      tasks: [
        {
          taskId: 'NV1',
          role: 'lead' as const,
          status,
          progress: null,
          results: '',
          outputs: '',
          difficulties: '',
          proposals: '',
        },
        {
          taskId: 'NV2',
          role: 'coordinating' as const,
          status,
          progress: null,
          results: '',
          outputs: '',
          difficulties: '',
          proposals: '',
        },
      ],
    });
    tally.add(assigned, report('done'));
    tally.add(assigned, report('ongoing'));
    tally.add(assigned, report('not-started'));
    tally.add(assigned, null);
    const other = new TaskTally();
    other.add(assigned, report('done'));
    tally.merge(other.states);
    expect(tally.states).toEqual({
      NV1: { done: 2, 'in-progress': 1, 'not-started': 1, 'not-reported': 1 },
      TT1: { done: 0, 'in-progress': 0, 'not-started': 0, 'not-reported': 5 },
    });
  });
});

describe('what needs attention', () => {
  const picture = (missing: string[]): ReportingPicture => ({
    total: { expected: 40, onTime: 40 - missing.length, late: 0, returned: 0, missing: missing.length },
    groups: {
      departments: { expected: 0, onTime: 0, late: 0, returned: 0, missing: 0 },
      wards: { expected: 0, onTime: 0, late: 0, returned: 0, missing: 0 },
      other: { expected: 0, onTime: 0, late: 0, returned: 0, missing: 0 },
    },
    missing,
  });
  const tf = (t: Omit<Timeframe, 'text'>) => ({ ...t, text: '' }) as Timeframe;

  it('ends timeframes on their last day; ongoing ones have none', () => {
    expect(timeframeEnd(tf({ kind: 'quarter', year: 2026, quarter: 2 } as never))).toBe('2026-06-30');
    expect(timeframeEnd(tf({ kind: 'month', year: 2024, month: 2 } as never))).toBe('2024-02-29');
    expect(timeframeEnd(tf({ kind: 'within-year', year: 2025 } as never))).toBe('2025-12-31');
    expect(timeframeEnd(tf({ kind: 'by-date', date: '2026-06-30' } as never))).toBe('2026-06-30');
    expect(timeframeEnd(tf({ kind: 'ongoing' } as never))).toBeNull();
  });

  it('lists the overdue agencies once the period is due, targets not met, tasks not started past their timeframe', () => {
    const names = Array.from({ length: 12 }, (_, i) => `Phường ${i + 1}`);
    const tasks = [
      { id: 'NV1', title: 'Một việc đã quá hạn', timeframe: tf({ kind: 'quarter', year: 2026, quarter: 2 } as never) },
      { id: 'NV2', title: 'Một việc còn hạn', timeframe: tf({ kind: 'within-year', year: 2027 } as never) },
      { id: 'NV3', title: 'Một việc thường xuyên', timeframe: tf({ kind: 'ongoing' } as never) },
    ];
    const states = Object.fromEntries(
      tasks.map((t) => [t.id, { done: 0, 'in-progress': 0, 'not-started': 2, 'not-reported': 0 }]),
    );
    const input = {
      period,
      reporting: picture(names),
      aggregates: [aggregate('MT1', 'met', 30), aggregate('MT2', 'not-met', 12.5), aggregate('MT3', 'no-data', null)],
      tasks,
      states,
    };
    expect(attentionList({ ...input, now: new Date('2026-12-15T01:00:00Z') })).toEqual([
      { kind: 'overdue', text: '12 cơ quan, đơn vị: Phường 1, Phường 2, Phường 3 và 9 đơn vị khác' },
      { kind: 'target', text: 'MT2. nhãn MT2: 12.5%' },
      { kind: 'task', text: 'NV1. Một việc đã quá hạn: 2 đơn vị chủ trì chưa triển khai' },
    ]);
    // Before the due day nobody is overdue yet.
    expect(attentionList({ ...input, now: new Date('2026-12-14T16:59:59Z') }).map((i) => i.kind)).toEqual([
      'target',
      'task',
    ]);
  });
});

describe('the overview sheet, laid out', () => {
  const tally = new ReportingTally();
  tally.add({ name: 'Phòng A', groups: ['departments'] }, sub(true));
  tally.add({ name: 'Phường 1', groups: ['wards-communes'] }, null);
  const input: OverviewInput = {
    plan: SEED_PLAN,
    period,
    generatedAt: new Date('2026-12-15T01:00:00Z'),
    reporting: tally.result(),
    aggregates: [aggregate('MT1', 'met', 30), aggregate('MT2', 'not-met', null)],
    states: { NV1: { done: 1, 'in-progress': 2, 'not-started': 0, 'not-reported': 3 } },
    previous: null,
  };

  it('names in its charts the very cells that hold their numbers', () => {
    const { rows, charts } = overviewSheet(input);
    expect(charts.map((c) => [c.name, c.kind])).toEqual([
      ['reporting', 'stacked-bar'],
      ['targets', 'clustered-bar'],
      ['tasks', 'stacked-bar'],
    ]);
    for (const chart of charts) {
      const r = chart.categoriesRange;
      expect(rows.slice(r.from - 1, r.to).map((x) => x.values[r.column - 1])).toEqual(chart.categories);
      for (const s of chart.series) {
        expect(rows[s.nameCell.from - 1]!.values[s.nameCell.column - 1]).toBe(s.name);
        expect(
          rows.slice(s.valuesRange.from - 1, s.valuesRange.to).map((x) => x.values[s.valuesRange.column - 1] ?? null),
        ).toEqual(s.values);
      }
    }
    // No group without agencies; no data is a gap, not a zero.
    expect(charts[0]!.categories).toEqual(['Các cơ quan chuyên môn', 'UBND các phường, xã']);
    expect(charts[1]!.series[0]!.values).toEqual([30, null]);
    expect(charts[2]!.series.map((s) => s.values[0])).toEqual([1, 2, 0, 3]);
    expect(rangeRef(charts[0]!.series[0]!.valuesRange)).toMatch(/^'Tổng quan'!\$C\$\d+:\$C\$\d+$/);
  });

  it('sets each figure beside the previous period of the same kind, with the change; empty without one', () => {
    const city = (o: ReturnType<typeof overviewSheet>) => o.rows.find((r) => r.values[0] === 'Toàn thành phố')!.values;
    expect(city(overviewSheet(input)).slice(6)).toEqual([50, null, null]);
    const previous = {
      periodId: '2025-Y',
      reporting: { expected: 4, onTime: 1, late: 0, returned: 0, missing: 3 },
      values: { MT1: 20.5 },
      done: { NV1: 0 },
    };
    const withPrevious = overviewSheet({ ...input, previous });
    expect(city(withPrevious).slice(6)).toEqual([50, 25, 25]);
    expect(withPrevious.rows.find((r) => r.values[0] === 'MT1. nhãn MT1')!.values.slice(6)).toEqual([20.5, 9.5]);
    expect(withPrevious.rows.find((r) => String(r.values[0]).startsWith('NV1. '))!.values.slice(7)).toEqual([0, 1]);
    expect(change(null, 3)).toBeNull();
  });
});
