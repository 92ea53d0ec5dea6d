// Periods (per plan): their dates, state (open, closed, locked), how their master is built, and exceptions to a lock.
import type { Period } from '../../shared/domain/period.ts';
import { Part } from './part.ts';

export type PeriodState = 'open' | 'closed' | 'locked';
export interface StoredPeriod extends Period {
  state: PeriodState;
  /** The master is built from accepted versions only. */
  masterAcceptedOnly: boolean;
}
export interface PeriodException {
  until: string;
  reason: string;
  actor: string;
}

interface PeriodRecord {
  plan_id: string;
  id: string;
  kind: Period['kind'];
  year: number;
  data_from: string;
  data_to: string;
  due_before: string;
  due_at: string;
  state: PeriodState;
  master_accepted_only: number;
}
const toPeriod = (r: PeriodRecord): StoredPeriod => ({
  id: r.id,
  kind: r.kind,
  year: r.year,
  dataFrom: r.data_from,
  dataTo: r.data_to,
  dueBefore: r.due_before,
  dueAt: r.due_at,
  state: r.state,
  masterAcceptedOnly: r.master_accepted_only === 1,
});

export class PeriodRows extends Part {
  async periods(planId: string): Promise<StoredPeriod[]> {
    return (
      await this.db.all<PeriodRecord>('SELECT * FROM periods WHERE plan_id = ? ORDER BY due_before, id', [planId])
    ).map(toPeriod);
  }
  period(planId: string, id: string): Promise<StoredPeriod | null> {
    return this.db.memo('periods', `${planId}\0${id}`, async () => {
      const row = await this.db.get<PeriodRecord>('SELECT * FROM periods WHERE plan_id = ? AND id = ?', [planId, id]);
      return row ? toPeriod(row) : null;
    });
  }
  /** Opens a period; an existing one keeps its state. Returns whether it was new. */
  async openPeriod(planId: string, p: Period, at: string): Promise<boolean> {
    return (
      (
        await this.db.run(
          `INSERT INTO periods (plan_id, id, kind, year, data_from, data_to, due_before, due_at, state, opened_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT (plan_id, id) DO NOTHING`,
          [planId, p.id, p.kind, p.year, p.dataFrom, p.dataTo, p.dueBefore, p.dueAt, at, at],
        )
      ).changes === 1
    );
  }
  /** Deletes a period that has no submission; false when it has some (submissions are never deleted). */
  async deletePeriod(planId: string, id: string): Promise<boolean> {
    return (
      (
        await this.db.run(
          `DELETE FROM periods WHERE plan_id = ? AND id = ?
      AND NOT EXISTS (SELECT 1 FROM submissions WHERE plan_id = ? AND period_id = ?)
      AND NOT EXISTS (SELECT 1 FROM google_sheets WHERE plan_id = ? AND period_id = ?)
      AND NOT EXISTS (SELECT 1 FROM google_masters WHERE plan_id = ? AND period_id = ?)`,
          [planId, id, planId, id, planId, id, planId, id],
        )
      ).changes === 1
    );
  }
  async setMasterAcceptedOnly(planId: string, id: string, on: boolean, at: string): Promise<void> {
    await this.db.run('UPDATE periods SET master_accepted_only = ?, updated_at = ? WHERE plan_id = ? AND id = ?', [
      on ? 1 : 0,
      at,
      planId,
      id,
    ]);
  }
  /** Lets one agency submit to a locked period until a date (Vietnam), recorded with who granted it and why. */
  async grantException(e: {
    planId: string;
    periodId: string;
    agencyId: string;
    until: string;
    reason: string;
    actor: string;
    at: string;
  }): Promise<void> {
    await this.db.run(
      `INSERT INTO period_exceptions (plan_id, period_id, agency_id, until, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (plan_id, period_id, agency_id) DO UPDATE SET until = excluded.until, reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
      [e.planId, e.periodId, e.agencyId, e.until, e.reason, e.actor, e.at],
    );
  }
  async exception(planId: string, periodId: string, agencyId: string): Promise<PeriodException | null> {
    return (
      (await this.db.get<PeriodException>(
        'SELECT until, reason, actor FROM period_exceptions WHERE plan_id = ? AND period_id = ? AND agency_id = ?',
        [planId, periodId, agencyId],
      )) ?? null
    );
  }
  async setPeriodState(planId: string, id: string, state: PeriodState, at: string): Promise<boolean> {
    return (
      (
        await this.db.run('UPDATE periods SET state = ?, updated_at = ? WHERE plan_id = ? AND id = ?', [
          state,
          at,
          planId,
          id,
        ])
      ).changes === 1
    );
  }
}
