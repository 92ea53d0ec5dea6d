// The city page drives import → review → fix → publish of a plan, in Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../helpers/browser.ts';
import { bigPlan } from '../../helpers/big-plan.ts';
import { SECOND_PLAN_ID, secondPlanDocx } from '../../helpers/second-plan.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

const UNKNOWN = 'Trung tâm Dịch vụ số thành phố';
let s: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  s = await startServer({ now: '2026-11-25T03:00:00Z' });
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await page.clock.setFixedTime(new Date('2026-11-25T03:00:00Z'));
  page.on('dialog', (dialog) => {
    void dialog.accept();
  });
  await page.goto(s.url);
  await page.fill('#token', s.codes.admin);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#plans tbody tr');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('the plans section of the city page', () => {
  it('lists the published seed plan', async () => {
    expect(await page.textContent('#plans tr[data-plan="kh-2023"]')).toContain('Đang thực hiện');
  });

  it('imports a .docx and shows what was read, each doubt beside its task, in an error summary', async () => {
    await page.setInputFiles('#plan-file', {
      name: 'ke-hoach-45.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(secondPlanDocx()),
    });
    await page.click('#import-form button[type=submit]');
    await page.waitForSelector('#review:not([hidden])');
    expect(await page.textContent('#review-heading')).toBe('Chuyển đổi số trong cơ quan hành chính năm 2025');
    expect(await page.locator('#review-summary li').count()).toBe(2);
    expect(await page.getAttribute('#task-NV3', 'class')).toBe('has-issue');
    expect(await page.textContent('#task-NV3')).toContain('không có cơ quan chủ trì');
    // Each task beside the source line it was read from; each issue with its own line.
    expect(await page.textContent('#task-NV1')).toContain('line 12');
    expect(await page.textContent('#review-summary')).toContain('line 14');
    expect(await page.isVisible(`#review-unknown li[data-name="${UNKNOWN}"]`)).toBe(true);
    expect(await page.textContent('#plans tr[data-plan="kh-45-2025"]')).toContain('Bản nháp');
  });

  it('adds the unknown unit to the directory, and gives the item a lead through the task form', async () => {
    await page.click(`#review-unknown li[data-name="${UNKNOWN}"] .add-agency`);
    await expect.poll(() => page.isVisible('#review-unknown')).toBe(false);
    expect(await page.locator('#review-summary li').count()).toBe(1);

    await page.click('#task-NV3 button');
    await page.waitForSelector('#task-dialog[open]');
    await page.selectOption('#task-lead', ['phong-noi-vu']);
    await page.fill('#task-timeframe', 'Quý IV/2025');
    await page.click('#task-save');
    await expect.poll(() => page.isVisible('#task-dialog[open]')).toBe(false);
    await expect.poll(() => page.isVisible('#review-summary')).toBe(false);
    expect(await page.textContent('#task-NV3')).toContain('Phòng Nội vụ');
    const directory = await (await s.api('/directories/vung-tau-2023', { code: s.codes.admin })).json();
    expect(directory.agencies.map((a: { name: string }) => a.name)).toContain(UNKNOWN);
  });

  it('publishes, and the plan can be followed at once: its periods and status table', async () => {
    await page.click('#publish');
    await expect.poll(() => page.textContent('#review-status')).toContain(`Đã ban hành ${SECOND_PLAN_ID}`);
    await expect.poll(() => page.inputValue('#plan')).toBe(SECOND_PLAN_ID);
    await expect.poll(() => page.inputValue('#period')).toBe('2026-Y');
    // The status table follows the new plan: its own units, the one added from the document among them.
    await expect
      .poll(async () => (await page.locator('#status tbody tr').allTextContents()).some((r) => r.includes(UNKNOWN)))
      .toBe(true);
    const rows = await page.locator('#status tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('Phòng Y tế'))).toBe(true);
    expect(await page.textContent('#audit')).toContain('Ban hành');
    expect(await page.textContent('#plans tr[data-plan="kh-45-2025"]')).toContain('Đang thực hiện');
  });

  it('shows every task of a large plan, fetched a section page at a time, with its doubts in the summary', async () => {
    // 1,200 tasks, the last 150 without a lead: more errors than the summary lists, more tasks than one page holds.
    const text = bigPlan(1200).replace(
      /(\n(\d+)\. Nhiệm vụ \d+\.)\n- Đơn vị chủ trì: Phòng Nội vụ\./g,
      (all, head: string, n: string) => (Number(n) > 1050 ? head : all),
    );
    const res = await s.api('/plans', {
      code: s.codes.admin,
      method: 'POST',
      body: text,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
    expect(res.status).toBe(201);
    const { planId, counts } = await res.json();
    expect(counts).toMatchObject({ tasks: 1200, errors: 150 });
    await page.reload();
    await page.waitForSelector(`#plans tr[data-plan="${planId}"] button`);
    await page.click(`#plans tr[data-plan="${planId}"] button`);
    await expect.poll(() => page.locator('#review-tasks tbody tr').count(), { timeout: 20_000 }).toBe(1200);
    expect(await page.textContent('#task-NV1200')).toContain('không có cơ quan chủ trì');
    expect(await page.locator('#review-summary li').count()).toBe(101);
    expect(await page.textContent('#review-summary')).toContain('và 50 mục khác / and 50 more');
  }, 60_000);
});
