// The built Sidebar.html in headless Chromium, its google.script.run answered by the built Code.js under the Apps
// Script stand-in, which calls a running service: sign in, the tasks, check cell by cell, submit, the receipt.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSheetsAddon } from '../../server/pane/sheets-addon.ts';
import { AppsScript } from '../helpers/apps-script.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { filledServerTemplate } from '../helpers/workbooks.ts';

let s: TestServer;
let browser: Browser;
let page: Page;
let script: AppsScript;
let code: string;

beforeAll(async () => {
  s = await startServer({ now: '2026-11-25T03:00:00Z', config: { masterDelayMs: 10 } });
  code = s.codes.agencies['phuong-1']!;
  const addon = await buildSheetsAddon(s.url);
  script = new AppsScript(addon['Code.js'], await filledServerTemplate(s, 'phuong-1'));
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 300, height: 900 } });
  await context.exposeFunction('__gasCall', async (fn: string, args: unknown[]) => {
    try {
      return { ok: true, value: await script.call(fn, ...args) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  });
  // google.script.run as Apps Script gives it to a sidebar: chained handlers, then the server function by name.
  await context.addInitScript(() => {
    type Call = (fn: string, args: unknown[]) => Promise<{ ok: boolean; value?: unknown; message?: string }>;
    const call = (globalThis as unknown as { __gasCall: Call }).__gasCall;
    const runner = (ok?: (v: unknown) => void, fail?: (e: Error) => void): unknown =>
      new Proxy(
        {},
        {
          get: (_t, name: string) => {
            if (name === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, fail);
            if (name === 'withFailureHandler') return (f: (e: Error) => void) => runner(ok, f);
            return (...args: unknown[]) => {
              void call(name, args).then((r) => (r.ok ? ok?.(r.value) : fail?.(new Error(r.message))));
            };
          },
        },
      );
    (globalThis as unknown as { google: unknown }).google = { script: { run: runner() } };
  });
  page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-25T03:00:00Z'));
  // Apps Script serves the sidebar from its own sandbox domain; no request of the page may reach the service itself.
  await context.route(`${s.url}/**`, (route) => route.abort());
  await context.route('https://n-sidebar.script.googleusercontent.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: addon['Sidebar.html'] }),
  );
  await page.goto('https://n-sidebar.script.googleusercontent.test/userCodeAppPanel');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await script?.close();
  await s?.close();
});

const backgrounds = async () => (await script.state()).backgrounds;

describe('the Google Sheets sidebar', () => {
  it("signs in with the agency's code, kept on the add-on's server side only", async () => {
    await page.waitForSelector('#sign-in');
    expect(await page.locator('#service-url').count()).toBe(0);
    await page.fill('#code', 'ma-sai-khong-dung');
    await page.click('#sign-in button[type=submit]');
    await expect.poll(() => page.textContent('#sign-in-error')).toBe('Mã truy cập không đúng hoặc đã bị thu hồi.');
    await page.fill('#code', code);
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#tasks li');
    expect((await script.state()).userProps).toEqual({ 'plan-reporting.code': code });
    expect(
      await page.evaluate(() => {
        const w = globalThis as unknown as { localStorage: object; sessionStorage: object };
        return JSON.stringify({ ...w.localStorage }) + JSON.stringify({ ...w.sessionStorage });
      }),
    ).not.toContain(code);
  });

  it('shows the agency, period, deadline and the tasks, all ready in a filled sheet', async () => {
    expect(await page.textContent('#agency')).toBe('Phường 1');
    expect(await page.textContent('#period')).toBe('Kỳ 2026-Y · hạn nộp trước 15/12/2026');
    expect(await page.textContent('#deadline')).toBe('Còn 20 ngày');
    const states = await page.locator('#tasks li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));
    expect(states).toHaveLength(14);
    expect(new Set(states)).toEqual(new Set(['ready']));
  });

  it('checks cell by cell: the issues listed, their cells coloured in the sheet, a click selects one', async () => {
    await script.setCell('Nhiệm vụ', 'F6', 150);
    await script.setCell('Nhiệm vụ', 'E7', 'Xong rồi');
    await page.click('#check');
    await expect.poll(() => page.locator('#issues li').count()).toBe(2);
    expect(await page.locator('#issues li button').allTextContents()).toEqual([
      expect.stringMatching(/^Nhiệm vụ!F6 — /),
      expect.stringMatching(/^Nhiệm vụ!E7 — /),
    ]);
    expect(await backgrounds()).toEqual({ 'Nhiệm vụ!F6': '#FDE7E9', 'Nhiệm vụ!E7': '#FDE7E9' });
    await page.click('#issues li button[data-cell="Nhiệm vụ!E7"]');
    await expect.poll(async () => (await script.state()).active).toEqual({ sheet: 'Nhiệm vụ', cell: 'E7' });
    await page.click('#submit');
    await expect.poll(() => page.textContent('#status')).toBe('Còn 2 ô cần sửa; hãy sửa rồi nộp.');
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1')).toEqual([]);
  });

  it('says which cell it could not colour (a protected one) beside the count, and colours the others', async () => {
    const tasks = (await script.call<Record<string, unknown[][]>>('readWorkbook'))['Nhiệm vụ']!;
    const own = tasks[7]![4] as string; // E8 as the agency filled it
    await script.setCell('Nhiệm vụ', 'E8', 'Xong rồi');
    await script.protect('Nhiệm vụ', 'E8');
    try {
      await page.click('#check');
      await expect.poll(() => page.locator('#issues li').count()).toBe(3);
      await expect.poll(() => page.textContent('#status')).toBe('3 ô cần sửa. Không tô được ô lỗi: Nhiệm vụ!E8');
      expect(await page.getAttribute('#status', 'class')).toBe('error');
      expect(await backgrounds()).toEqual({ 'Nhiệm vụ!F6': '#FDE7E9', 'Nhiệm vụ!E7': '#FDE7E9' });
    } finally {
      await script.protect('Nhiệm vụ', 'E8', false);
      await script.setCell('Nhiệm vụ', 'E8', own);
    }
  });

  it('submits once fixed: the receipt, the cells their own colour again, the version stored as from Google Sheets', async () => {
    await script.setCell('Nhiệm vụ', 'F6', 60);
    await script.setCell('Nhiệm vụ', 'E7', 'Đang thực hiện');
    await page.click('#check');
    await expect.poll(() => page.textContent('#no-issues')).toBe('Không có lỗi; có thể nộp báo cáo.');
    expect(await backgrounds()).toEqual({});
    await page.click('#submit');
    await expect.poll(() => page.textContent('#submit')).toBe('Xác nhận nộp');
    await page.click('#submit');
    await expect.poll(() => page.getAttribute('#status', 'data-receipt')).not.toBeNull();
    const history = await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1');
    expect(history).toMatchObject([
      {
        submissionId: await page.getAttribute('#status', 'data-receipt'),
        version: 1,
        source: 'sheets-addon',
        onTime: true,
      },
    ]);
    expect(await page.textContent('#last-receipt')).toMatch(/^Đã nộp lần 1 lúc .*\(đúng hạn\)$/);
    const sent = (await script.state()).fetches.filter((f) => f.method === 'post');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.Authorization).toBe(`Bearer ${code}`);
  });

  it('signs out: the code forgotten on the server side, the sign-in form back', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in');
    expect((await script.state()).userProps).toEqual({});
  });
});
