// Reporting periods after Nghị định 09/2019/NĐ-CP, Art. 12: data windows and due dates in Vietnam time.
import type { PeriodKind, ReportingRule } from './plan.ts';

/** Vietnam has kept UTC+7 without daylight saving since 1975, so local midnight is a fixed offset. */
export const VIETNAM_OFFSET = '+07:00';
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface Period {
  /** "2023-H1", "2023-Y", "2023-Q3", "2023-M09". */
  id: string;
  kind: PeriodKind;
  year: number;
  /** First and last day of the data window, ISO dates, both inclusive. */
  dataFrom: string;
  dataTo: string;
  /** A report is on time when received before 00:00 local time of this day. */
  dueBefore: string;
  /** The same instant as an ISO timestamp with the Vietnam offset. */
  dueAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** The 14th of month m (1-12) of year y, rolling months across years. */
const day = (y: number, m: number, d: number) => {
  const shifted = new Date(Date.UTC(y, m - 1, d));
  return iso(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
};

const PERIOD_ID = /^(\d{4})-(H1|Y|Q([1-4])|M(0[1-9]|1[0-2]))$/;

export type PeriodIdError = { ok: false; reason: 'period-id-malformed' | 'period-kind-not-in-plan' };

/**
 * Builds a period from its id and the plan's deadlines. `periodFromId('2023-H1', rule)` covers
 * 15/12/2022–14/6/2023, due before 15/6/2023. Kinds the plan does not set use Art. 12's cut-off + 1 day.
 */
export function periodFromId(
  id: string,
  rule?: Pick<ReportingRule, 'deadlines'>,
): { ok: true; period: Period } | PeriodIdError {
  const match = PERIOD_ID.exec(id);
  if (!match) return { ok: false, reason: 'period-id-malformed' };
  const year = Number(match[1]);
  const code = match[2]!;
  let kind: PeriodKind;
  let dataFrom: string;
  let dataTo: string;
  let defaultDue: string;
  if (code === 'H1') {
    kind = 'semiannual';
    [dataFrom, dataTo, defaultDue] = [iso(year - 1, 12, 15), iso(year, 6, 14), iso(year, 6, 15)];
  } else if (code === 'Y') {
    kind = 'annual';
    [dataFrom, dataTo, defaultDue] = [iso(year - 1, 12, 15), iso(year, 12, 14), iso(year, 12, 15)];
  } else if (match[3]) {
    kind = 'quarterly';
    const lastMonth = Number(match[3]) * 3;
    [dataFrom, dataTo, defaultDue] = [day(year, lastMonth - 3, 15), iso(year, lastMonth, 14), iso(year, lastMonth, 15)];
  } else {
    kind = 'monthly';
    const month = Number(match[4]);
    [dataFrom, dataTo, defaultDue] = [day(year, month - 1, 15), iso(year, month, 14), iso(year, month, 15)];
  }
  let dueBefore = defaultDue;
  if (rule) {
    const deadline = rule.deadlines.find((d) => d.kind === kind);
    if (!deadline) return { ok: false, reason: 'period-kind-not-in-plan' };
    // Semiannual and annual rules name a day of the year; quarterly and monthly name a day of the last month.
    const [mm, dd] = deadline.dueBefore.split('-').map(Number) as [number, number];
    dueBefore = kind === 'semiannual' || kind === 'annual' ? iso(year, mm, dd) : `${defaultDue.slice(0, 8)}${pad(dd)}`;
  }
  return {
    ok: true,
    period: { id, kind, year, dataFrom, dataTo, dueBefore, dueAt: `${dueBefore}T00:00:00${VIETNAM_OFFSET}` },
  };
}

/** The periods of one year that a plan's rule asks for, in due-date order. */
export function periodsOfYear(year: number, rule: Pick<ReportingRule, 'deadlines'>): Period[] {
  const ids: string[] = [];
  for (const { kind } of rule.deadlines) {
    if (kind === 'semiannual') ids.push(`${year}-H1`);
    if (kind === 'annual') ids.push(`${year}-Y`);
    if (kind === 'quarterly') for (let q = 1; q <= 4; q++) ids.push(`${year}-Q${q}`);
    if (kind === 'monthly') for (let m = 1; m <= 12; m++) ids.push(`${year}-M${pad(m)}`);
  }
  return ids
    .map((id) => periodFromId(id, rule))
    .flatMap((r) => (r.ok ? [r.period] : []))
    .sort((a, b) => a.dueBefore.localeCompare(b.dueBefore) || a.id.localeCompare(b.id));
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The local (Vietnam) calendar date of an instant, ISO. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as Vietnam local time, "dd/mm/yyyy hh:mm". */
export function vietnameseDateTime(iso: string): string {
  const [date, time] = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString().split('T') as [string, string];
  return `${date.split('-').reverse().join('/')} ${time.slice(0, 5)}`;
}

/** "I" … "IV", as quarters are written. */
export const quarterName = (quarter: number) => ['I', 'II', 'III', 'IV'][quarter - 1]!;

/** True when `receivedAt` is before 00:00 Vietnam time of the period's due day. */
export function isOnTime(period: Pick<Period, 'dueAt'>, receivedAt: Date): boolean {
  return receivedAt.getTime() < Date.parse(period.dueAt);
}

/** Whole days from `now` (Vietnam date) until the due day; negative once it has passed. */
export function daysLeft(period: Pick<Period, 'dueBefore'>, now: Date): number {
  const today = Date.parse(`${vietnamDate(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${period.dueBefore}T00:00:00Z`) - today) / 86_400_000);
}

/** An ISO date (or "MM-DD") written the Vietnamese way: "2023-06-15" → "15/6/2023", "06-15" → "15/6". */
export function vietnameseDate(iso: string): string {
  return iso
    .split('-')
    .reverse()
    .map((part, i) => (i < 2 ? String(Number(part)) : part))
    .join('/');
}

/** Vietnamese label: "6 tháng đầu năm 2023", "Năm 2023", "Quý III/2023", "Tháng 9/2023". */
export function periodLabel(period: Pick<Period, 'id' | 'kind' | 'year'>): string {
  switch (period.kind) {
    case 'semiannual':
      return `6 tháng đầu năm ${period.year}`;
    case 'annual':
      return `Năm ${period.year}`;
    case 'quarterly':
      return `Quý ${quarterName(Number(period.id.slice(-1)))}/${period.year}`;
    case 'monthly':
      return `Tháng ${Number(period.id.slice(-2))}/${period.year}`;
  }
}

/**
 * The years a period may be opened for: from the year before the plan's (reports on its first months)
 * to the year after today's in Vietnam (opening ahead). `0001-H1` and `9999-Y` are outside any plan.
 */
export function periodYears(planDate: string | null, today: string): { from: number; to: number } {
  const now = Number(today.slice(0, 4));
  const planYear = planDate && /^\d{4}/.test(planDate) ? Number(planDate.slice(0, 4)) : now;
  return { from: Math.min(planYear, now) - 1, to: now + 1 };
}
