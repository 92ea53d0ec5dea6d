// Reminders against a real SMTP server (smtp-server) started here: the right recipients on the right days (the
// clock injected), none twice across a restart, a returned report reminded, and the digest's counts exact.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders, smtpMailer, type Mailer } from '../../../server/service/reminders.ts';
import { addDays, remindersOn, type DutyState } from '../../../shared/reminders/schedule.ts';
import { jsonBody, reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel } from '../../helpers/workbooks.ts';

interface Mail {
  to: string[];
  subject: string;
  body: string;
}
const inbox: Mail[] = [];
let smtp: SMTPServer;
let mailer: Mailer;
let s: TestServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let body = '';
      stream.on('data', (c: Buffer) => {
        body += c.toString();
      });
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(body)?.[1] ?? '',
          body,
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  mailer = (await smtpMailer(`smtp://127.0.0.1:${port}`, 'Phòng Nội vụ <bao-cao@vungtau.gov.vn>'))!;
  s = await startServer({ now: '2026-12-07T01:00:00Z' });
  const contacts = (agency: string, email: string) =>
    s.api(`/directories/vung-tau-2023/agencies/${agency}/contacts`, {
      code: s.codes.admin,
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ contacts: [{ name: 'Văn thư', email }] }),
    });
  expect((await contacts('phuong-1', 'vanthu.p1@vungtau.gov.vn')).status).toBe(200);
  expect((await contacts('phuong-2', 'vanthu.p2@vungtau.gov.vn')).status).toBe(200);
  expect(
    (
      await s.api('/accounts', {
        code: s.codes.admin,
        ...jsonBody({ name: 'Trần Văn Bình', role: 'coordinator', email: 'binh.pnv@vungtau.gov.vn' }),
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await s.api('/plans/kh-2023/periods/2026-Y/reports', {
        code: s.codes.agencies['phuong-2'],
        ...reportBody(filledGrid(seedModel('phuong-2', '2026-Y'))),
      })
    ).status,
  ).toBe(201);
}, 30_000);
afterAll(async () => {
  await s?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('the schedule', () => {
  it('reminds 7 days and 1 day before the last day, on it, and 3 days after; a returned report the day after and the day before its deadline', () => {
    const duty: DutyState = {
      planId: 'p',
      planTitle: 'P',
      periodId: '2026-Y',
      dueBefore: '2026-12-15',
      agencyId: 'a',
      agencyName: 'A',
      submitted: false,
      returned: null,
    };
    const days = (d: DutyState) =>
      Array.from({ length: 30 }, (_, i) => addDays('2026-12-01', i)).flatMap((day) =>
        remindersOn(day, [d]).map((r) => `${day}:${r.kind}`),
      );
    expect(days(duty)).toEqual(['2026-12-07:before-7', '2026-12-13:before-1', '2026-12-14:due', '2026-12-17:late-3']);
    expect(days({ ...duty, submitted: true })).toEqual([]);
    expect(days({ ...duty, submitted: true, returned: { on: '2026-12-10', by: '2026-12-15' } })).toEqual([
      '2026-12-11:returned',
      '2026-12-14:resubmit-1',
    ]);
  });
});

describe('reminders by e-mail', () => {
  it('sends on the day to the units that owe a report and have addresses, and the digest to the coordinators', async () => {
    const sent = await runReminders(s.ctx, mailer);
    expect(sent).toBe(2);
    const reminder = inbox.find((m) => m.to.includes('vanthu.p1@vungtau.gov.vn'))!;
    expect(reminder.to).toEqual(['vanthu.p1@vungtau.gov.vn']);
    expect(reminder.body).toContain('/addin/');
    expect(inbox.some((m) => m.to.includes('vanthu.p2@vungtau.gov.vn'))).toBe(false); // it submitted
    const digest = inbox.find((m) => m.to.includes('binh.pnv@vungtau.gov.vn'))!;
    const text = Buffer.from(
      digest.body.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/=\r\n/g, ''),
      'utf8',
    ).toString();
    expect(decodeQuotedPrintable(text)).toContain(
      '- kh-2023, kỳ 2026-Y: 35 phải báo cáo, 34 chưa nộp, 0 bị trả lại, 0 nộp trễ.',
    );
  });

  it('never sends the same reminder twice, even after a restart', async () => {
    const before = inbox.length;
    expect(await runReminders(s.ctx, mailer)).toBe(0);
    const dataDir = s.dataDir;
    await s.close();
    s = await startServer({ dataDir, now: '2026-12-07T09:00:00Z' });
    expect(await runReminders(s.ctx, mailer)).toBe(0);
    expect(inbox.length).toBe(before);
  });

  it("previews tomorrow's reminders, and reminds a returned report the day after", async () => {
    const preview = await (await s.api('/reminders/preview?on=2026-12-13', { code: s.codes.admin })).json();
    expect(preview.sends).toBe(false); // no SMTP_URL for this service: the page shows what would be sent
    const p1 = preview.reminders.find((r: { agencyId: string }) => r.agencyId === 'phuong-1');
    expect(p1).toMatchObject({
      planId: 'kh-2023',
      periodId: '2026-Y',
      kind: 'before-1',
      to: ['vanthu.p1@vungtau.gov.vn'],
    });
    expect(preview.reminders.some((r: { agencyId: string }) => r.agencyId === 'phuong-2')).toBe(false);
    const [p2] = await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-2');
    await s.api(`/plans/kh-2023/periods/2026-Y/submissions/${p2!.submissionId}/review`, {
      code: s.codes.admin,
      ...jsonBody({ decision: 'return', comment: 'Bổ sung.' }),
    });
    s.setNow('2026-12-08T01:00:00Z');
    inbox.length = 0;
    await runReminders(s.ctx, mailer);
    expect(
      inbox.filter((m) => m.to.includes('vanthu.p2@vungtau.gov.vn')).map((m) => decodeQuotedPrintable(m.subject)),
    ).toHaveLength(1);
  });
});

/** Enough of RFC 2047/2045 to read what nodemailer writes. */
function decodeQuotedPrintable(text: string): string {
  const words = text.replace(/=\?utf-8\?Q\?([^?]*)\?=/gi, (_, q: string) =>
    Buffer.from(
      q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8'),
  );
  return Buffer.from(
    words.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}
