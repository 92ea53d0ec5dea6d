// Reminders by e-mail: what is due on a day (the rule is shared/reminders/schedule.ts), to whom (the units'
// contacts in the directory; the digest to coordinators with an address), each claimed in the store before it is
// sent so that it goes at most once per plan, period, unit and kind, across restarts.
import { vietnamDate, vietnameseDate } from '../../shared/domain/period.ts';
import { Directory } from '../../shared/directory/agency.ts';
import { reminderText, remindersOn, type DutyState, type ReminderKind } from '../../shared/reminders/schedule.ts';
import type { AppContext } from './context.ts';

export interface Mailer {
  send(mail: { to: string[]; subject: string; text: string }): Promise<void>;
}

export interface PlannedReminder {
  planId: string;
  periodId: string;
  agencyId: string;
  agencyName: string;
  kind: ReminderKind;
  to: string[];
  subject: string;
  text: string;
}
export interface PlannedDigest {
  to: string[];
  subject: string;
  text: string;
  counts: { planId: string; periodId: string; expected: number; missing: number; returned: number; late: number }[];
}

/** Every (plan, period, unit) duty of the published plans' periods that are not locked, with its state. */
async function duties(ctx: AppContext): Promise<DutyState[]> {
  const out: DutyState[] = [];
  for (const plan of await ctx.plans.published()) {
    for (const period of (await ctx.store.periods(plan.id)).filter((p) => p.state !== 'locked')) {
      const latest = await ctx.store.latestMeta(plan.id, period.id);
      for (const agency of plan.reporters) {
        const meta = latest.get(agency.id);
        const review = meta ? await ctx.store.latestReview(meta.submissionId) : null;
        out.push({
          planId: plan.id,
          planTitle: plan.plan.plan.title,
          periodId: period.id,
          dueBefore: period.dueBefore,
          agencyId: agency.id,
          agencyName: agency.name,
          submitted: !!meta,
          returned:
            review?.decision === 'return' && review.resubmitBy
              ? { on: vietnamDate(new Date(review.at)), by: review.resubmitBy }
              : null,
        });
      }
    }
  }
  return out;
}

async function contactsOf(ctx: AppContext, planId: string, agencyId: string): Promise<string[]> {
  const plan = await ctx.plans.get(planId);
  const directory = plan ? await ctx.plans.directory(plan.index.directory.id) : null;
  return directory
    ? (Directory.parse(directory).agencies.find((a) => a.id === agencyId)?.contacts ?? []).map((c) => c.email)
    : [];
}

const paneUrl = (ctx: AppContext) => `${ctx.config.publicUrl ?? ''}/addin/`;

/** What would be sent on `day`: the reminders and the digest. */
export async function planReminders(
  ctx: AppContext,
  day: string,
): Promise<{ reminders: PlannedReminder[]; digest: PlannedDigest }> {
  const all = await duties(ctx);
  const reminders: PlannedReminder[] = [];
  for (const r of remindersOn(day, all)) {
    reminders.push({
      planId: r.duty.planId,
      periodId: r.duty.periodId,
      agencyId: r.duty.agencyId,
      agencyName: r.duty.agencyName,
      kind: r.kind,
      to: await contactsOf(ctx, r.duty.planId, r.duty.agencyId),
      ...reminderText(r, paneUrl(ctx)),
    });
  }
  const groups = new Map<string, DutyState[]>();
  for (const d of all) groups.set(`${d.planId}/${d.periodId}`, [...(groups.get(`${d.planId}/${d.periodId}`) ?? []), d]);
  const counts: PlannedDigest['counts'] = [];
  for (const list of groups.values()) {
    const { planId, periodId } = list[0]!;
    const late = await ctx.store.latestMeta(planId, periodId);
    counts.push({
      planId,
      periodId,
      expected: list.length,
      missing: list.filter((d) => !d.submitted).length,
      returned: list.filter((d) => d.returned).length,
      late: [...late.values()].filter((m) => !m.onTime).length,
    });
  }
  const title = `Tình hình báo cáo ngày ${vietnameseDate(day)}`;
  const text = [
    title,
    '',
    ...counts.map(
      (c) =>
        `- ${c.planId}, kỳ ${c.periodId}: ${c.expected} phải báo cáo, ${c.missing} chưa nộp, ${c.returned} bị trả lại, ${c.late} nộp trễ.`,
    ),
    '',
    `Xem chi tiết: ${ctx.config.publicUrl ?? ''}/`,
  ].join('\n');
  return {
    reminders,
    digest: { to: await ctx.store.staffEmails('coordinator'), subject: `[Báo cáo kế hoạch] ${title}`, text, counts },
  };
}

/** Sends what is due today and was not sent before; returns how many e-mails went out. */
export async function runReminders(ctx: AppContext, mailer: Mailer | null): Promise<number> {
  const now = ctx.clock();
  const day = vietnamDate(now);
  const { reminders, digest } = await planReminders(ctx, day);
  let sent = 0;
  for (const r of reminders) {
    if (
      !(await ctx.store.claimReminder({
        planId: r.planId,
        periodId: r.periodId,
        agencyId: r.agencyId,
        kind: r.kind,
        day,
        recipients: r.to,
        at: now.toISOString(),
      }))
    )
      continue;
    if (!mailer || r.to.length === 0) continue;
    try {
      await mailer.send({ to: r.to, subject: r.subject, text: r.text });
      sent += 1;
    } catch (error) {
      ctx.log({
        level: 'error',
        message: `reminder not sent: ${(error as Error).message}`,
        planId: r.planId,
        periodId: r.periodId,
        agencyId: r.agencyId,
        kind: r.kind,
      });
    }
  }
  if (
    digest.to.length &&
    (await ctx.store.claimReminder({
      planId: '',
      periodId: '',
      agencyId: '',
      kind: `digest:${day}`,
      day,
      recipients: digest.to,
      at: now.toISOString(),
    })) &&
    mailer
  ) {
    try {
      await mailer.send(digest);
      sent += 1;
    } catch (error) {
      ctx.log({ level: 'error', message: `digest not sent: ${(error as Error).message}` });
    }
  }
  return sent;
}

/** An SMTP mailer (nodemailer) for SMTP_URL, or null when none is configured (then nothing is sent). */
export async function smtpMailer(url: string | null, from: string): Promise<Mailer | null> {
  if (!url) return null;
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport(url);
  return {
    send: async (mail) => {
      await transport.sendMail({ from, to: mail.to.join(', '), subject: mail.subject, text: mail.text });
    },
  };
}
