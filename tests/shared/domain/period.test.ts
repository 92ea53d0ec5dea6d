import { describe, expect, it } from 'vitest';
import { daysLeft, isOnTime, periodFromId, periodLabel, periodsOfYear } from '../../../shared/domain/period.ts';

const SEED_RULE = {
  deadlines: [
    { kind: 'semiannual' as const, dueBefore: '06-15' },
    { kind: 'annual' as const, dueBefore: '12-15' },
  ],
};
const period = (id: string, rule?: typeof SEED_RULE) => {
  const r = periodFromId(id, rule);
  if (!r.ok) throw new Error(r.reason);
  return r.period;
};

describe('periodFromId', () => {
  it('gives the 6-month window 15/12 of the year before to 14/6, due before 15/6', () => {
    expect(period('2023-H1', SEED_RULE)).toEqual({
      id: '2023-H1',
      kind: 'semiannual',
      year: 2023,
      dataFrom: '2022-12-15',
      dataTo: '2023-06-14',
      dueBefore: '2023-06-15',
      dueAt: '2023-06-15T00:00:00+07:00',
    });
  });
  it('gives the annual window 15/12 to 14/12, due before 15/12', () => {
    expect(period('2023-Y', SEED_RULE)).toMatchObject({
      dataFrom: '2022-12-15',
      dataTo: '2023-12-14',
      dueBefore: '2023-12-15',
    });
  });
  it('gives quarterly and monthly windows by Art. 12, across the year boundary', () => {
    expect(period('2024-Q1')).toMatchObject({
      kind: 'quarterly',
      dataFrom: '2023-12-15',
      dataTo: '2024-03-14',
      dueBefore: '2024-03-15',
    });
    expect(period('2024-Q3')).toMatchObject({ dataFrom: '2024-06-15', dataTo: '2024-09-14' });
    expect(period('2024-M01')).toMatchObject({ kind: 'monthly', dataFrom: '2023-12-15', dataTo: '2024-01-14' });
  });
  it('uses the plan day for quarterly rules ("00-20")', () => {
    const rule = { deadlines: [{ kind: 'quarterly' as const, dueBefore: '00-20' }] };
    expect(periodFromId('2024-Q2', rule)).toMatchObject({ ok: true, period: { dueBefore: '2024-06-20' } });
  });
  it('refuses malformed ids and kinds the plan does not ask for', () => {
    expect(periodFromId('2023-H2')).toEqual({ ok: false, reason: 'period-id-malformed' });
    expect(periodFromId('2023-M13')).toEqual({ ok: false, reason: 'period-id-malformed' });
    expect(periodFromId('2023-Q1', SEED_RULE)).toEqual({ ok: false, reason: 'period-kind-not-in-plan' });
  });
});

describe('deadlines in Vietnam time', () => {
  const h1 = period('2023-H1', SEED_RULE);
  it('is on time until 23:59:59 on 14/6 local, late from 00:00 on 15/6 local', () => {
    expect(isOnTime(h1, new Date('2023-06-14T16:59:59.999Z'))).toBe(true);
    expect(isOnTime(h1, new Date('2023-06-14T17:00:00.000Z'))).toBe(false);
  });
  it('counts days left by the local date', () => {
    expect(daysLeft(h1, new Date('2023-06-13T17:30:00Z'))).toBe(1);
    expect(daysLeft(h1, new Date('2023-06-14T16:00:00Z'))).toBe(1);
    expect(daysLeft(h1, new Date('2023-06-15T01:00:00Z'))).toBe(0);
    expect(daysLeft(h1, new Date('2023-06-20T01:00:00Z'))).toBe(-5);
  });
  it('lists a year of periods in due order and labels them in Vietnamese', () => {
    expect(periodsOfYear(2026, SEED_RULE).map((p) => p.id)).toEqual(['2026-H1', '2026-Y']);
    expect(periodLabel(h1)).toBe('6 tháng đầu năm 2023');
    expect(periodLabel(period('2024-Q3'))).toBe('Quý III/2024');
  });
});
