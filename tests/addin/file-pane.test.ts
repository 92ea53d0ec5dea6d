// The same pane in a plain browser tab (/addin/), for agencies without the add-in: duties with blank workbooks,
// then a workbook filled by openpyxl, and one saved by LibreOffice, read in the browser, checked and uploaded.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/workbook/grid.ts';
import { a1, ASSESSMENT_SHEET, TARGETS_SHEET, TASKS_SHEET } from '../../shared/workbook/spec.ts';
import { readXlsx } from '../../server/workbook/xlsx-reader.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { resaveWithLibreOffice } from '../helpers/libreoffice.ts';
import { fillXlsx, type Fill } from '../helpers/openpyxl.ts';
import { reportBody, startServer, type TestServer } from '../helpers/server.ts';
import { filledGrid, seedModel } from '../helpers/workbooks.ts';

let s: TestServer;
let browser: Browser;
let made = 0;

/** The agency's template from the service, filled by openpyxl as filledGrid fills it (plus any extra cells). */
async function filledByOpenpyxl(agency: string, extra: Fill[] = []): Promise<string> {
  const res = await s.api('/plans/kh-2023/periods/2026-Y/template.xlsx', { code: s.codes.agencies[agency] });
  const blank = join(s.dataDir, `${agency}-blank.xlsx`);
  writeFileSync(blank, new Uint8Array(await res.arrayBuffer()));
  const filled = filledGrid(seedModel(agency, '2026-Y'));
  const fills: Fill[] = [];
  for (const sheet of [TASKS_SHEET, TARGETS_SHEET, ASSESSMENT_SHEET]) {
    const inputs = new Set(sheet.columns.flatMap((c, i) => (c.input ? [i] : [])));
    filled[sheet.name]!.forEach((row, r) =>
      row.forEach((v: CellValue, c) => {
        if (r >= sheet.headerRow && inputs.has(c) && v !== null && typeof v !== 'boolean')
          fills.push([sheet.name, a1(c, r + 1), v]);
      }),
    );
  }
  const out = join(s.dataDir, `${agency}-filled-${++made}.xlsx`);
  fillXlsx(blank, out, [...fills, ...extra]);
  return out;
}

async function signedIn(agency: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await page.clock.setFixedTime(new Date('2026-11-25T03:00:00Z'));
  await page.goto(`${s.url}/addin/`);
  await page.fill('#code', s.codes.agencies[agency]!);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#duties li');
  return page;
}

async function submitFile(page: Page, path: string) {
  await page.setInputFiles('#file', path);
  await page.waitForSelector('#tasks li');
  await page.click('#check');
  await expect.poll(() => page.textContent('#no-issues')).toBe('Không có lỗi; có thể nộp báo cáo.');
  await page.click('#submit');
  await expect.poll(() => page.textContent('#submit')).toBe('Xác nhận nộp');
  await page.click('#submit');
  await expect.poll(() => page.getAttribute('#status', 'data-receipt'), { timeout: 10_000 }).not.toBeNull();
  return page.getAttribute('#status', 'data-receipt');
}

beforeAll(async () => {
  s = await startServer({ now: '2026-11-25T03:00:00Z' });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('the file pane at /addin/', () => {
  it('lists what the agency owes across plans, each with its blank workbook', async () => {
    const page = await signedIn('phuong-2');
    const duties = await page.locator('#duties li').allTextContents();
    expect(duties).toHaveLength(1);
    expect(duties[0]).toContain('kỳ 2026-Y · còn 20 ngày · chưa nộp');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#duties li button')]);
    expect(download.suggestedFilename()).toBe('kh-2023-2026-Y.xlsx');
    const read = readXlsx(new Uint8Array(readFileSync((await download.path())!)));
    expect(read.ok && read.grid._meta!.find((r) => r[0] === 'agencyId')?.[1]).toBe('phuong-2');
    await page.close();
  });

  it('reads a workbook filled by openpyxl in the browser, names a bad cell, and uploads a good one', async () => {
    const page = await signedIn('phuong-2');
    await page.setInputFiles('#file', await filledByOpenpyxl('phuong-2', [['Nhiệm vụ', 'F5', 250]]));
    await page.waitForSelector('#tasks li');
    await page.click('#check');
    await expect.poll(() => page.locator('#issues li').count()).toBe(1);
    expect(await page.textContent('#issues li')).toMatch(/^Nhiệm vụ!F5 — /);
    const receipt = await submitFile(page, await filledByOpenpyxl('phuong-2'));
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-2')).toEqual([
      expect.objectContaining({ submissionId: receipt, source: 'upload', version: 1 }),
    ]);
    await page.close();
  });

  it('takes a workbook saved by LibreOffice as well', async () => {
    const page = await signedIn('phuong-3');
    const receipt = await submitFile(page, resaveWithLibreOffice(await filledByOpenpyxl('phuong-3')));
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-3')).toEqual([
      expect.objectContaining({ submissionId: receipt, source: 'upload' }),
    ]);
    await page.close();
  }, 120_000);

  it("shows a returned report's comments, each naming its cell", async () => {
    // Its own report, sent through the API, then returned by the city.
    const sent = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: s.codes.agencies['phuong-4'],
      ...reportBody(filledGrid(seedModel('phuong-4', '2026-Y'))),
    });
    const { submissionId } = await sent.json();
    const res = await s.api(`/plans/kh-2023/periods/2026-Y/submissions/${submissionId}/review`, {
      code: s.codes.admin,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        decision: 'return',
        comment: 'Bổ sung số liệu.',
        comments: [{ cell: 'Nhiệm vụ!G6', text: 'Ghi rõ số văn bản.' }],
      }),
    });
    expect(res.status).toBe(200);
    const page = await signedIn('phuong-4');
    expect(await page.textContent('#duties li')).toContain('đã nộp lần 1');
    await page.setInputFiles('#file', await filledByOpenpyxl('phuong-4'));
    await page.waitForSelector('#review.returned');
    expect(await page.textContent('#review-comment')).toBe('Bổ sung số liệu.');
    expect(await page.locator('#review li').allTextContents()).toEqual(['Nhiệm vụ!G6: Ghi rõ số văn bản.']);
    await page.close();
  });
});

describe('the file pane reads text as Excel means it', () => {
  it("decodes Excel's escapes in the browser: a cell of escaped control characters is empty, a CR from Word a new line", async () => {
    const page = await signedIn('phuong-5');
    await page.setInputFiles('#file', await filledByOpenpyxl('phuong-5', [['Nhiệm vụ', 'G5', '_x0001__x0002_']]));
    await page.waitForSelector('#tasks li');
    await page.click('#check');
    await expect.poll(() => page.locator('#issues li').count()).toBe(1);
    expect(await page.textContent('#issues li')).toMatch(/^Nhiệm vụ!G5 — /);
    const receipt = await submitFile(
      page,
      await filledByOpenpyxl('phuong-5', [['Nhiệm vụ', 'G5', 'Đã triển khai_x000D_\n- bước 2']]),
    );
    expect((await s.ctx.store.report(receipt!))!.tasks.map((t) => t.results)).toContain('Đã triển khai\n- bước 2');
    await page.close();
  });

  it('refuses a workbook with a part that is not UTF-8, naming the part', async () => {
    const page = await signedIn('phuong-7');
    const files = unzipSync(readFileSync(await filledByOpenpyxl('phuong-7')));
    const sheet = files['xl/worksheets/sheet2.xml']!;
    files['xl/worksheets/sheet2.xml'] = new Uint8Array([...sheet.subarray(0, 200), 0xc3, 0x20, ...sheet.subarray(200)]);
    const damaged = join(s.dataDir, 'phuong-7-damaged.xlsx');
    writeFileSync(damaged, zipSync(files));
    await page.setInputFiles('#file', damaged);
    await expect
      .poll(() => page.textContent('#pane-message'))
      .toContain('phần xl/worksheets/sheet2.xml không phải văn bản UTF-8');
    await page.close();
  });
});
