// The master published into a Google Sheet after each build (GOOGLE_PUBLISH_MASTER), through the real googleapis
// clients against the local stand-in: the same values as the .xlsx master, one spreadsheet per period, kept current.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { generateWorkbook } from '../../../server/workbook/generate-workbook.ts';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { fillTasksAsExcelWrites } from '../../helpers/excel-bytes.ts';
import { GoogleStandin, serviceAccountKey } from '../../helpers/google-standin.ts';
import { reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel } from '../../helpers/workbooks.ts';
import type { Grid } from '../../../shared/workbook/grid.ts';

let s: TestServer;
let google: GoogleStandin;

beforeAll(async () => {
  const key = serviceAccountKey(mkdtempSync(join(tmpdir(), 'google-key-')));
  google = await new GoogleStandin(key.publicKey).start();
  s = await startServer({
    config: {
      masterDelayMs: 10,
      google: {
        keyFile: key.path,
        rootUrl: google.url,
        pullIntervalMs: 0,
        readsPerMinute: 6000,
        writesPerMinute: 6000,
        folderId: null,
        publishMaster: true,
      },
    },
  });
  await s.ctx.store.setAccountEmail((await s.ctx.store.accounts())[0]!.id, 'noi-vu@vungtau.gov.vn');
}, 60_000);
afterAll(async () => {
  await s?.close();
  await google?.close();
});

async function submit(agency: string) {
  const res = await s.api('/plans/kh-2023/periods/2026-Y/reports', {
    code: s.codes.agencies[agency]!,
    ...reportBody(filledGrid(seedModel(agency, '2026-Y'))),
  });
  expect(res.status).toBe(201);
  await s.ctx.master.settled();
  await s.ctx.google!.publisher!.settled();
}

/** The master .xlsx as the service built it, as values. */
async function masterGrid(): Promise<Grid> {
  const path = await s.ctx.master.current('kh-2023/2026-Y');
  const read = readXlsx(new Uint8Array(readFileSync(path)), {
    maxBytes: 1e9,
    maxEntries: 1000,
    maxUncompressed: 1e9,
    maxCells: 1e7,
  });
  if (!read.ok) throw new Error(read.error.code);
  return read.grid;
}
const valuesOf = (id: string) => Object.fromEntries(google.books.get(id)!.sheets.map((x) => [x.title, x.values]));

describe('the master in Google Sheets', () => {
  it("is created on the first build, shared with the city's staff, and holds the same values as the .xlsx", async () => {
    await submit('phuong-1');
    const published = (await s.ctx.store.googleMaster('kh-2023', '2026-Y'))!;
    expect(published.publishedSeq).toBe(await s.ctx.store.submissionSeq('kh-2023', '2026-Y'));
    const book = google.books.get(published.spreadsheetId)!;
    expect(book.name).toBe('Tổng hợp báo cáo kh-2023 2026-Y');
    expect(book.permissions).toEqual([{ emailAddress: 'noi-vu@vungtau.gov.vn', role: 'writer' }]);
    const grid = await masterGrid();
    expect(Object.keys(valuesOf(published.spreadsheetId))).toEqual(Object.keys(grid));
    expect(valuesOf(published.spreadsheetId)).toEqual(grid);
    expect(JSON.stringify(grid['Nhiệm vụ'])).toContain('Phường 1');
  });

  it('is rewritten in place after the next submission', async () => {
    const before = (await s.ctx.store.googleMaster('kh-2023', '2026-Y'))!;
    await submit('phuong-2');
    const after = (await s.ctx.store.googleMaster('kh-2023', '2026-Y'))!;
    expect(after.spreadsheetId).toBe(before.spreadsheetId);
    expect(after.publishedSeq).toBeGreaterThan(before.publishedSeq);
    expect(valuesOf(after.spreadsheetId)).toEqual(await masterGrid());
    expect(JSON.stringify(valuesOf(after.spreadsheetId)['Nhiệm vụ'])).toContain('Phường 2');
    expect(google.count('POST', /^\/v4\/spreadsheets$/)).toBe(1);
  });
});

describe("Excel's escapes on the way to the Google master", () => {
  it('are decoded once: a CR Excel wrote is a new line, a literal _x000D_ the agency typed is that text, never _x005F_', async () => {
    const model = seedModel('phuong-3', '2026-Y');
    const rows = model.tasks.map((_, i) => TASKS_SHEET.headerRow + 1 + i);
    const filled = fillTasksAsExcelWrites(
      await generateWorkbook(model),
      Object.fromEntries(
        rows.flatMap((r, i) => [
          [`E${r}`, 'Đang thực hiện'],
          [`G${r}`, i === 0 ? 'Đã triển khai_x000D_\n- bước 2' : i === 1 ? 'Gõ _x005F_x000D_ nguyên văn' : 'Đã làm'],
        ]),
      ),
    );
    const res = await s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
      code: s.codes.agencies['phuong-3']!,
      method: 'POST',
      body: filled,
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(res.status).toBe(201);
    await s.ctx.master.settled();
    await s.ctx.google!.publisher!.settled();
    const values = valuesOf((await s.ctx.store.googleMaster('kh-2023', '2026-Y'))!.spreadsheetId)['Nhiệm vụ']!.flat();
    expect(values).toContain('Đã triển khai\n- bước 2');
    expect(values).toContain('Gõ _x000D_ nguyên văn');
    expect(values.some((v) => typeof v === 'string' && /_x005F_|_x000D_\n|\r/.test(v))).toBe(false);
  });
});
