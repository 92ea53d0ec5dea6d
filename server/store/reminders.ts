// Reminders sent: each at most once per plan, period, agency and kind, across restarts.
import { Part } from './part.ts';

export class ReminderRows extends Part {
  /** Claims a reminder before it is sent: false when it was claimed before (then it is not sent again). */
  async claimReminder(r: {
    planId: string;
    periodId: string;
    agencyId: string;
    kind: string;
    day: string;
    recipients: string[];
    at: string;
  }): Promise<boolean> {
    return (
      (
        await this.db.run(
          `INSERT INTO sent_reminders (plan_id, period_id, agency_id, kind, day, recipients, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`,
          [r.planId, r.periodId, r.agencyId, r.kind, r.day, JSON.stringify(r.recipients), r.at],
        )
      ).changes === 1
    );
  }
}
