// Which reminders are due on a day (Vietnam dates): to each agency that owes a report and has not submitted, 7 days
// and 1 day before its last day, on the last day and 3 days after; to each agency whose report was returned, the
// day after and the day before its resubmission deadline; and a daily digest to the coordinators.
import { vietnameseDate } from '../domain/period.ts';

export type ReminderKind = 'before-7' | 'before-1' | 'due' | 'late-3' | 'returned' | 'resubmit-1';

export interface DutyState {
  planId: string;
  planTitle: string;
  periodId: string;
  /** The first late day ("before 15/12"): the last day to report is the day before. */
  dueBefore: string;
  agencyId: string;
  agencyName: string;
  submitted: boolean;
  /** Set when the latest version was returned: the day it was returned and the day to resubmit by. */
  returned: { on: string; by: string } | null;
}

export interface Reminder {
  kind: ReminderKind;
  duty: DutyState;
}

/** `addDays('2026-12-14', 1)` → '2026-12-15' (plain calendar dates). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function remindersOn(day: string, duties: DutyState[]): Reminder[] {
  const out: Reminder[] = [];
  for (const duty of duties) {
    if (duty.returned) {
      if (day === addDays(duty.returned.on, 1)) out.push({ kind: 'returned', duty });
      if (day === addDays(duty.returned.by, -1)) out.push({ kind: 'resubmit-1', duty });
      continue;
    }
    if (duty.submitted) continue;
    const last = addDays(duty.dueBefore, -1);
    const kind =
      day === addDays(last, -7)
        ? 'before-7'
        : day === addDays(last, -1)
          ? 'before-1'
          : day === last
            ? 'due'
            : day === addDays(last, 3)
              ? 'late-3'
              : null;
    if (kind) out.push({ kind, duty });
  }
  return out;
}

/** The e-mail of a reminder, in Vietnamese (English after it). */
export function reminderText(r: Reminder, paneUrl: string): { subject: string; text: string } {
  const d = r.duty;
  const last = vietnameseDate(addDays(d.dueBefore, -1));
  const lead: Record<ReminderKind, string> = {
    'before-7': `Còn 7 ngày đến hạn nộp báo cáo (hạn cuối ${last}).`,
    'before-1': `Ngày mai (${last}) là hạn cuối nộp báo cáo.`,
    due: `Hôm nay (${last}) là hạn cuối nộp báo cáo.`,
    'late-3': `Báo cáo đã quá hạn 3 ngày (hạn cuối ${last}) và chưa được nộp.`,
    returned: `Báo cáo của cơ quan đã bị Phòng Nội vụ trả lại; hãy sửa theo nhận xét và nộp lại trước ${d.returned ? vietnameseDate(d.returned.by) : ''}.`,
    'resubmit-1': `Ngày mai (${d.returned ? vietnameseDate(d.returned.by) : ''}) là hạn nộp lại báo cáo đã bị trả lại.`,
  };
  return {
    subject: `[Báo cáo kế hoạch] ${d.agencyName} — kỳ ${d.periodId}: ${lead[r.kind].split(/[.;(]/)[0]}`,
    text: [
      `Kính gửi ${d.agencyName},`,
      '',
      lead[r.kind],
      `Kế hoạch: ${d.planTitle}`,
      `Kỳ báo cáo: ${d.periodId}`,
      '',
      `Nộp báo cáo: thanh bên "Báo cáo kế hoạch" trong Excel, hoặc trang ${paneUrl}`,
      '',
      'Phòng Nội vụ',
      '',
      `(This is a reminder about the report for ${d.periodId} of the plan above; submit it at ${paneUrl}.)`,
    ].join('\n'),
  };
}
