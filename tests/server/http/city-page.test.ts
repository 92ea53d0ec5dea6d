import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel } from '../../helpers/workbooks.ts';
import { REVIEW_LABELS } from '../../../shared/master/master-rows.ts';
import { STATUS_LABELS } from '../../../shared/workbook/spec.ts';

let s: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  s = await startServer({ now: '2026-12-10T03:00:00Z', config: { masterDelayMs: 50 } });
  const submit = (agency: string) =>
    s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: s.codes.agencies[agency],
      ...reportBody(filledGrid(seedModel(agency, '2026-Y'))),
    });
  await submit('phong-noi-vu');
  s.setNow('2026-12-15T02:00:00Z');
  await submit('phuong-1');
  // phuong-2 works in Google Sheets: its sheet's last pull found an issue.
  await s.ctx.store.registerGoogleSheet({
    planId: 'kh-2023',
    periodId: '2026-Y',
    agencyId: 'phuong-2',
    spreadsheetId: 'sheet-phuong-2',
    origin: 'created',
    at: '2026-12-01T01:00:00Z',
  });
  await s.ctx.store.recordPull({
    planId: 'kh-2023',
    periodId: '2026-Y',
    agencyId: 'phuong-2',
    at: '2026-12-10T02:00:00Z',
    status: 'invalid',
    modifiedTime: '2026-12-10T01:00:00Z',
    issues: [
      {
        code: 'progress-out-of-range',
        severity: 'error',
        at: { sheet: 'Nhiệm vụ', cell: 'F6' },
        params: { value: 150 },
      },
    ],
  });
  s.setNow('2026-12-10T03:00:00Z');
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, locale: 'vi-VN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
  page = await context.newPage();
  // The browser's clock is the server's (test) clock, not the machine's date.
  await page.clock.setFixedTime(new Date('2026-12-10T03:00:00Z'));
  await page.goto(s.url);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function signIn(token: string) {
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
}

describe('the city page in Chromium', () => {
  it('is served with a strict CSP and Vietnamese first', async () => {
    const res = await fetch(s.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.textContent('h1')).toContain('Theo dõi báo cáo kế hoạch');
  });

  it('shows task statuses and review states in the words of shared/, served as a module', async () => {
    const res = await fetch(`${s.url}/assets/labels.js`);
    expect(res.headers.get('content-type')).toContain('javascript');
    const labels = await import(`data:text/javascript;base64,${Buffer.from(await res.text()).toString('base64')}`);
    expect(labels.STATUS_LABELS).toEqual(STATUS_LABELS);
    expect(labels.REVIEW_LABELS).toEqual(REVIEW_LABELS);
  });

  it('refuses a wrong token', async () => {
    await signIn('sai-ma-quan-tri');
    await expect.poll(() => page.textContent('#sign-in-error')).toBe('Mã quản trị không đúng. / Wrong admin token.');
    expect(await page.isVisible('#app')).toBe(false);
  });

  it('signs in and shows the status table: who is missing, who is late, the countdown', async () => {
    await signIn(s.codes.admin);
    await page.waitForSelector('#status tbody tr');
    // The sign-in card and its stale error are gone once signed in.
    expect(await page.isVisible('#sign-in')).toBe(false);
    expect(await page.isVisible('#sign-in-error')).toBe(false);
    expect(await page.inputValue('#period')).toBe('2026-Y');
    expect(await page.textContent('#deadline')).toBe('Còn 5 ngày đến hạn nộp (trước 15/12/2026)');
    expect(await page.locator('#status tbody tr').count()).toBe(35);
    expect(await page.getAttribute('tr[data-agency="phong-noi-vu"]', 'class')).toBe('on-time');
    expect(await page.getAttribute('tr[data-agency="phuong-1"]', 'class')).toBe('late');
    expect(await page.getAttribute('tr[data-agency="phuong-2"]', 'class')).toBe('missing');
    expect(await page.textContent('tr[data-agency="phuong-2"] td:nth-child(2)')).toBe('UBND các phường, xã');
    // The Google Sheets column: the last pull, and its issues in words.
    expect(await page.textContent('tr[data-agency="phuong-2"] td:nth-child(9) summary')).toBe('1 lỗi');
    expect(await page.textContent('tr[data-agency="phuong-2"] td:nth-child(9) li')).toBe(
      'Nhiệm vụ!F6: Tiến độ ở ô F6 phải từ 0 đến 100 (đang là "150").',
    );
    expect(await page.textContent('tr[data-agency="phuong-2"] td:nth-child(9)')).toMatch(/^Có lỗi \(/);
    expect(await page.textContent('tr[data-agency="phuong-1"] td:nth-child(9)')).toBe('');
    expect(await page.textContent('#counts')).toBe('35Phải báo cáo1Đúng hạn1Trễ hạn33Chưa nộp');
    await page.click('[data-filter=missing]');
    expect(await page.locator('#status tbody tr').count()).toBe(33);
    await page.click('[data-filter=late]');
    expect(await page.locator('#status tbody tr').count()).toBe(1);
    await page.click('[data-filter=all]');
    await page.click('#sort-name');
    const names = await page.locator('#status tbody tr td:first-child').allTextContents();
    expect(names.slice(0, 3)).toEqual([
      'Ban Quản lý các công trình công cộng',
      'Ban Quản lý dự án đầu tư xây dựng thành phố',
      'Ban Tổ chức Thành ủy',
    ]);
    expect(names.indexOf('Phường 2')).toBeLessThan(names.indexOf('Phường 10'));
    expect(names.indexOf('Phòng Y tế')).toBeLessThan(names.indexOf('Phường 1'));
    expect(names.slice(-3)).toEqual(['Ủy ban MTTQVN thành phố', 'Văn phòng HĐND và UBND', 'Xã Long Sơn']);
    await page.click('#sort-name');
    expect(await page.locator('#status tbody tr td:first-child').first().textContent()).toBe('Văn phòng HĐND và UBND');
  });

  it('downloads the master workbook', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-master')]);
    expect(download.suggestedFilename()).toBe('tong-hop-kh-2023-2026-Y.xlsx');
    const read = readXlsx(readFileSync((await download.path())!));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.sheets.map((x) => x.name)).toEqual([
      'Tổng quan',
      'Tình hình nộp',
      'Nhiệm vụ',
      'Chỉ tiêu',
      'Đánh giá chung',
      'Đề xuất, kiến nghị',
    ]);
  });

  it("downloads every agency's template in one zip", async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-templates')]);
    expect(download.suggestedFilename()).toBe('mau-bao-cao-kh-2023-2026-Y.zip');
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(Object.keys(files)).toHaveLength(35);
    const read = readXlsx(files['kh-2023-2026-Y-xa-long-son.xlsx']!);
    expect(read.ok && read.grid['_meta']!.some((r) => r[0] === 'agencyId' && r[1] === 'xa-long-son')).toBe(true);
  });

  it('issues an agency a new access code and copies it', async () => {
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('tr[data-agency="phuong-2"] button');
    await page.waitForSelector('#code-dialog[open]');
    const code = await page.inputValue('#code-value');
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await expect.poll(() => page.textContent('#code-copied')).toBe('Đã sao chép / Copied');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(code);
    expect((await s.api('/me', { code })).status).toBe(200);
    expect((await s.api('/me', { code: s.codes.agencies['phuong-2'] })).status).toBe(401);
  });

  it('fits a phone screen: the table scrolls inside its card', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
    expect(overflow).toBe(true);
    await page.screenshot({ path: `${s.dataDir}/phone.png` });
  });

  it("takes the current period from the server's Vietnam date, not the browser's UTC date", async () => {
    // 14/06 18:00 UTC is 15/06 01:00 in Vietnam: the 6-month report's due day has begun, so the year's is current.
    s.setNow('2026-06-14T18:00:00Z');
    try {
      const other = await browser.newPage();
      await other.clock.setFixedTime(new Date('2026-06-14T18:00:00Z'));
      await other.goto(s.url);
      await other.fill('#token', s.codes.admin);
      await other.click('#sign-in button[type=submit]');
      await other.waitForSelector('#status tbody tr');
      expect(await other.inputValue('#period')).toBe('2026-Y');
      await other.close();
    } finally {
      s.setNow('2026-12-10T03:00:00Z');
    }
  });

  it('previews the consolidated report and downloads it as .docx', async () => {
    await page.setViewportSize({ width: 1200, height: 900 });
    if (await page.isVisible('#code-dialog[open]')) await page.click('#code-dialog button[value=close]');
    await page.click('#preview-report');
    await page.waitForSelector('#report-preview:not([hidden])');
    const headings = await page.locator('#report-preview h4').allTextContents();
    expect(headings).toEqual([
      'I. KẾT QUẢ THỰC HIỆN',
      'II. HẠN CHẾ, NGUYÊN NHÂN',
      'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
    ]);
    expect(await page.textContent('#report-preview')).toContain('Nộp trễ hạn: Phường 1.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
    expect(download.suggestedFilename()).toBe('bao-cao-kh-2023-2026-Y.docx');
  });

  it('reviews a report: reads it as the workbook does, returns it with a comment on a task row, the agency sees it', async () => {
    await page.click('[data-filter=awaiting]');
    expect(await page.locator('#status tbody tr').count()).toBe(2);
    await page.click('tr[data-agency="phuong-1"] .view-report');
    await page.waitForSelector('#report-view:not([hidden])');
    expect(await page.textContent('#report-view-heading')).toMatch(/^Phường 1 — lần 1 \(/);
    expect(await page.textContent('#report-view-state')).toBe('Chờ xem xét');
    expect(await page.locator('#report-view-tasks tbody tr').count()).toBe(14);
    await page.click('#review-return');
    await expect.poll(() => page.textContent('#review-error')).toContain('returning a report needs a comment');
    await page.fill('#review-comment', 'Bổ sung số liệu cụ thể.');
    await page.fill('#report-view-tasks tr[data-task="NV1"] input', 'Nêu số buổi tuyên truyền.');
    await page.click('#review-return');
    await expect.poll(() => page.textContent('#report-view-state')).toBe('Trả lại: Bổ sung số liệu cụ thể.');
    await page.click('[data-filter=all]');
    await expect.poll(() => page.textContent('tr[data-agency="phuong-1"] td:nth-child(8)')).toContain('Trả lại');
    const duty = await (await s.api('/plans/kh-2023/periods/2026-Y/me', { code: s.codes.agencies['phuong-1'] })).json();
    expect(duty.latestReceipt.review).toMatchObject({
      state: 'returned',
      comments: [{ taskId: 'NV1', text: 'Nêu số buổi tuyên truyền.' }],
    });
  });

  it("adds a staff account (its token shown once), records a unit's contact and previews the reminders", async () => {
    await page.fill('#account-name', 'Lê Thị Hoa');
    await page.selectOption('#account-role', 'viewer');
    await page.click('#account-form button[type=submit]');
    await expect
      .poll(() => page.textContent('#account-token'))
      .toMatch(/^Mã của Lê Thị Hoa \(chỉ hiện một lần\): [A-Za-z0-9_-]{32}$/);
    await expect
      .poll(() => page.locator('#accounts-list li').allTextContents())
      .toEqual(['Quản trị (mã đầu tiên) — điều phối Thu hồi', 'Lê Thị Hoa — chỉ xem Thu hồi']);
    await page.selectOption('#contact-agency', 'phuong-3');
    await page.fill('#contact-name', 'Văn thư Phường 3');
    await page.fill('#contact-email', 'vanthu.p3@vungtau.gov.vn');
    await page.click('#contact-form button[type=submit]');
    await expect.poll(() => page.textContent('#contacts-status')).toBe('Đã lưu liên hệ của Phường 3.');
    await page.fill('#reminders-on', '2026-12-13');
    await page.click('#reminders-preview');
    await expect.poll(() => page.textContent('#reminders-sends')).toContain('Chưa cấu hình máy chủ thư');
    const items = await page.locator('#reminders-list li').allTextContents();
    expect(items).toContain('Phường 3 — kh-2023, kỳ 2026-Y: còn 1 ngày → vanthu.p3@vungtau.gov.vn');
  });
});
