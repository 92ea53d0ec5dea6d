// The Excel task pane in headless Chromium, loaded from a running service, over an in-page stand-in for Excel
// that holds a generated template's cells and protection: the whole journey of an agency, through to the
// report in the master workbook (read with openpyxl).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../shared/workbook/grid.ts';
import { readXlsx } from '../../server/workbook/xlsx-reader.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { dumpXlsx } from '../helpers/openpyxl.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { filledGrid, seedModel } from '../helpers/workbooks.ts';

const STANDIN = readFileSync(new URL('../helpers/excel-standin.js', import.meta.url), 'utf8');
/** Screenshots for the README: written to addin/screenshots when UPDATE_SCREENSHOTS=1. */
const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? new URL('../../addin/screenshots/', import.meta.url).pathname : null;

let s: TestServer;
let browser: Browser;
let page: Page;
let code: string;

/** The template the service gives phuong-1, as the stand-in's cells, with each sheet's protection. */
async function templateBook(): Promise<{
  sheets: Record<string, { rows: Grid[string]; protected: boolean; allowFormatCells: boolean }>;
}> {
  const res = await s.api('/plans/kh-2023/periods/2026-Y/template.xlsx', { code });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const read = readXlsx(bytes);
  if (!read.ok) throw new Error(read.error.code);
  const files = unzipSync(bytes);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const sheets: Record<string, { rows: Grid[string]; protected: boolean; allowFormatCells: boolean }> = {};
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
    const xml = strFromU8(files[`xl/${target.replace(/^\/xl\//, '')}`]!);
    const protection = /<sheetProtection [^>]*>/.exec(xml)?.[0] ?? '';
    const name = m[1]!;
    sheets[name] = {
      rows: read.grid[name]!,
      protected: protection.includes('sheet="1"'),
      allowFormatCells: protection.includes('formatCells="0"'),
    };
  }
  return { sheets };
}

async function shot(name: string) {
  const path = join(s.dataDir, `${name}.png`);
  await page.screenshot({ path });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, `${name}.png`), readFileSync(path));
  }
}

const setCell = (sheet: string, address: string, value: string | number | null) =>
  page.evaluate(
    ([a, b, c]) =>
      (globalThis as unknown as { __setCell: (s: string, a: string, v: unknown) => void }).__setCell(
        a as string,
        b as string,
        c,
      ),
    [sheet, address, value] as const,
  );
const fill = (key: string) =>
  page.evaluate((k) => (globalThis as unknown as { __fills: Record<string, string> }).__fills[k] ?? null, key);

beforeAll(async () => {
  s = await startServer({ now: '2026-11-25T03:00:00Z', config: { masterDelayMs: 10 } });
  code = s.codes.agencies['phuong-1']!;
  const book = await templateBook();
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 340, height: 900 } });
  // Office.js comes from Microsoft's CDN in production; here the stand-in answers for it.
  await context.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: STANDIN }),
  );
  await context.addInitScript((b) => {
    (globalThis as unknown as { __workbook: unknown }).__workbook = b;
  }, book);
  page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-25T03:00:00Z'));
  await page.goto(`${s.url}/addin/excel/taskpane.html`);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('the Excel task pane', () => {
  it('asks for the access code first, and refuses a wrong one', async () => {
    await page.waitForSelector('#sign-in');
    await shot('1-dang-nhap');
    await page.fill('#code', 'ma-sai-khong-dung');
    await page.click('#sign-in button[type=submit]');
    await expect.poll(() => page.textContent('#sign-in-error')).toBe('Mã truy cập không đúng hoặc đã bị thu hồi.');
  });

  it('shows the agency, plan, period, deadline and every assigned task and measure', async () => {
    await page.fill('#code', code);
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#tasks li');
    expect(await page.textContent('#agency')).toBe('Phường 1');
    expect(await page.textContent('#period')).toBe('Kỳ 2026-Y · hạn nộp trước 15/12/2026');
    expect(await page.textContent('#deadline')).toBe('Còn 20 ngày');
    expect(await page.textContent('#last-receipt')).toBe('Chưa nộp báo cáo kỳ này.');
    const tasks = await page
      .locator('#tasks li')
      .evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-id')}:${li.getAttribute('data-state')}`));
    expect(tasks).toEqual(
      ['NV9', 'NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV8', 'TT1', 'TT2', 'TT3', 'TT4', 'TT5'].map(
        (id) => `${id}:empty`,
      ),
    );
    expect(await page.locator('#measures li').count()).toBe(10);
    await page.click('#tasks li[data-id="NV1"] button');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { __selected: string }).__selected))
      .toBe('Nhiệm vụ!A6');
    await shot('2-nhiem-vu');
  });

  it('checks the workbook: lists each issue, highlights its cell (on a protected sheet) and selects it on click', async () => {
    const filled = filledGrid(seedModel('phuong-1', '2026-Y'));
    for (const sheet of ['Nhiệm vụ', 'Chỉ tiêu', 'Đánh giá chung']) {
      await page.evaluate(
        ([name, rows]) => {
          (globalThis as unknown as { __workbook: { sheets: Record<string, { rows: unknown }> } }).__workbook.sheets[
            name as string
          ]!.rows = rows;
        },
        [sheet, filled[sheet]] as const,
      );
    }
    await setCell('Nhiệm vụ', 'F6', 150); // progress over 100
    await setCell('Nhiệm vụ', 'E7', 'Xong rồi'); // not a status of the list
    await page.click('#check');
    await expect.poll(() => page.locator('#issues li').count()).toBe(2);
    const issues = await page.locator('#issues li button').allTextContents();
    expect(issues[0]).toMatch(/^Nhiệm vụ!F6 — /);
    expect(issues[1]).toMatch(/^Nhiệm vụ!E7 — /);
    expect(await fill('Nhiệm vụ!F6')).toBe('#FDE7E9');
    expect(await fill('Nhiệm vụ!E7')).toBe('#FDE7E9');
    expect(await page.getAttribute('#tasks li[data-id="NV1"]', 'data-state')).toBe('incomplete');
    expect(await page.getAttribute('#tasks li[data-id="NV9"]', 'data-state')).toBe('ready');
    await page.click('#issues li button[data-cell="Nhiệm vụ!E7"]');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { __selected: string }).__selected))
      .toBe('Nhiệm vụ!E7');
    await shot('3-loi');
  });

  it('refuses to submit while errors remain; a fixed cell gets its look back', async () => {
    await page.click('#submit');
    await expect.poll(() => page.textContent('#status')).toBe('Còn 2 ô cần sửa; hãy sửa rồi nộp.');
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1')).toEqual([]);
    await setCell('Nhiệm vụ', 'F6', 60);
    await setCell('Nhiệm vụ', 'E7', 'Đang thực hiện');
    await page.click('#check');
    await expect.poll(() => page.textContent('#no-issues')).toBe('Không có lỗi; có thể nộp báo cáo.');
    expect(await fill('Nhiệm vụ!F6')).toBeNull();
    expect(await fill('Nhiệm vụ!E7')).toBeNull();
  });

  it('submits after a confirmation, shows the receipt and the history', async () => {
    await page.click('#submit');
    await expect.poll(() => page.textContent('#submit')).toBe('Xác nhận nộp');
    await page.click('#submit');
    await expect.poll(() => page.getAttribute('#status', 'data-receipt')).not.toBeNull();
    const receipt = await page.getAttribute('#status', 'data-receipt');
    const history = await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ submissionId: receipt, version: 1, source: 'excel-addin', onTime: true });
    expect(await page.textContent('#status')).toContain('Đã nộp. Đã nộp lần 1 lúc');
    expect(await page.textContent('#last-receipt')).toMatch(/^Đã nộp lần 1 lúc .*\(đúng hạn\)$/);
    expect(await page.textContent('#history summary')).toBe('Các lần đã nộp (1)');
    await shot('4-bien-nhan');
  });

  it('says so when the answer is lost on the way, and the retry is the same submission (nothing lost, nothing doubled)', async () => {
    await setCell('Nhiệm vụ', 'G6', 'Bổ sung kết quả sau khi rà soát');
    // The service stores the report, but its answer never reaches the pane.
    await page.route(
      '**/api/v1/plans/*/periods/*/reports',
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await page.click('#submit');
    await expect.poll(() => page.textContent('#submit')).toBe('Xác nhận nộp');
    await page.click('#submit');
    await expect
      .poll(() => page.textContent('#status'))
      .toBe('Chưa gửi được (mất kết nối). Bảng tính vẫn nguyên; bấm Nộp báo cáo để gửi lại.');
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1')).toHaveLength(2);
    await page.click('#submit');
    await expect.poll(() => page.textContent('#submit')).toBe('Xác nhận nộp');
    await page.click('#submit');
    await expect.poll(() => page.textContent('#status')).toContain('Đã nộp. Đã nộp lần 2');
    const history = await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1');
    expect(history).toHaveLength(2);
    expect(await page.getAttribute('#status', 'data-receipt')).toBe(history[1]!.submissionId);
  });

  it('puts the report in the master workbook', async () => {
    await s.ctx.master.settled();
    const res = await s.api('/plans/kh-2023/periods/2026-Y/master.xlsx', { code: s.codes.admin });
    const path = join(s.dataDir, 'master-from-pane.xlsx');
    writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
    const rows = dumpXlsx(path)['Nhiệm vụ']!.rows.map((r) => r.map(([v]) => v));
    expect(rows.find((r) => r[2] === 'Phường 1' && r[0] === 'NV1')!.slice(3, 7)).toEqual([
      'Phối hợp',
      'Đang thực hiện',
      60,
      'Bổ sung kết quả sau khi rà soát',
    ]);
  });

  it("shows a returned report's comments at their rows and cells, the cell highlighted like an issue", async () => {
    const latest = (await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1')).at(-1)!;
    const res = await s.api(`/plans/kh-2023/periods/2026-Y/submissions/${latest.submissionId}/review`, {
      code: s.codes.admin,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        decision: 'return',
        comment: 'Cần bổ sung số liệu cụ thể.',
        comments: [
          { taskId: 'NV1', text: 'Nêu số buổi tuyên truyền.' },
          { cell: 'Nhiệm vụ!G7', text: 'Ghi rõ tên văn bản.' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    await page.reload();
    await page.waitForSelector('#review.returned');
    expect(await page.textContent('#review h3')).toBe('Báo cáo bị trả lại; hãy sửa và nộp lại trước 30/11/2026:');
    expect(await page.textContent('#review-comment')).toBe('Cần bổ sung số liệu cụ thể.');
    expect(await page.locator('#review li').allTextContents()).toEqual([
      'NV1: Nêu số buổi tuyên truyền.',
      'Nhiệm vụ!G7: Ghi rõ tên văn bản.',
    ]);
    await page.click('#review li button[data-cell="Nhiệm vụ!G7"]');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { __selected: string }).__selected))
      .toBe('Nhiệm vụ!G7');
    // The reload brought back the blank template: fill it again, then check.
    const filled = filledGrid(seedModel('phuong-1', '2026-Y'));
    for (const sheet of ['Nhiệm vụ', 'Chỉ tiêu', 'Đánh giá chung']) {
      await page.evaluate(
        ([name, rows]) => {
          (globalThis as unknown as { __workbook: { sheets: Record<string, { rows: unknown }> } }).__workbook.sheets[
            name as string
          ]!.rows = rows;
        },
        [sheet, filled[sheet]] as const,
      );
    }
    await page.click('#check');
    await expect.poll(() => fill('Nhiệm vụ!G7')).toBe('#FDE7E9');
    // A comment does not block: the report can be submitted again.
    expect(await page.textContent('#no-issues')).toBe('Không có lỗi; có thể nộp báo cáo.');
  });

  it('switches to English', async () => {
    await page.click('#lang');
    expect(await page.textContent('#check')).toBe('Check');
    await page.click('#lang');
    expect(await page.textContent('#check')).toBe('Kiểm tra');
  });

  it('names a workbook of another agency as such, with what to do', async () => {
    await page.evaluate(() => {
      const meta = (globalThis as unknown as { __workbook: { sheets: Record<string, { rows: unknown[][] }> } })
        .__workbook.sheets._meta!.rows;
      for (const row of meta) {
        if (row[0] === 'agencyId') row[1] = 'phuong-2';
        if (row[0] === 'agencyName') row[1] = 'Phường 2';
      }
    });
    await page.click('#check');
    await expect.poll(() => page.locator('#issues li').count()).toBe(1);
    expect(await page.textContent('#issues li')).toBe(
      '_meta!B7 — Tệp này là báo cáo của Phường 2, không phải phuong-1.',
    );
  });

  it('colours the cells it may, and names after the count those of a sheet protected without "format cells"', async () => {
    await page.reload(); // the blank template again, of phuong-1
    await page.waitForSelector('#tasks li');
    const filled = filledGrid(seedModel('phuong-1', '2026-Y'));
    for (const sheet of ['Nhiệm vụ', 'Chỉ tiêu', 'Đánh giá chung']) {
      await page.evaluate(
        ([name, rows]) => {
          (globalThis as unknown as { __workbook: { sheets: Record<string, { rows: unknown }> } }).__workbook.sheets[
            name as string
          ]!.rows = rows;
        },
        [sheet, filled[sheet]] as const,
      );
    }
    await page.evaluate(() => {
      (
        globalThis as unknown as { __workbook: { sheets: Record<string, { allowFormatCells: boolean }> } }
      ).__workbook.sheets['Nhiệm vụ']!.allowFormatCells = false;
    });
    await setCell('Nhiệm vụ', 'F6', 150);
    await setCell('Chỉ tiêu', 'E7', 'nhiều'); // the numerator of MT2.2, not a number
    await page.click('#check');
    await expect.poll(() => page.locator('#issues li').count()).toBe(2);
    const cells = await page
      .locator('#issues li button')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-cell')));
    expect(cells).toEqual(['Nhiệm vụ!F6', 'Chỉ tiêu!E7']);
    // G7 holds the returned report's comment, highlighted like an issue: on the same sheet, so named too.
    await expect
      .poll(() => page.textContent('#status'))
      .toBe('2 ô cần sửa. Không tô được ô lỗi: Nhiệm vụ!F6, Nhiệm vụ!G7');
    expect(await page.getAttribute('#status', 'class')).toBe('error');
    expect(await fill('Nhiệm vụ!F6')).toBeNull();
    expect(await fill('Chỉ tiêu!E7')).toBe('#FDE7E9');
  });
});
