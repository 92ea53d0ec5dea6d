// The built Code.js of the Sheets add-on in node:vm (Apps Script stand-ins, tests/helpers/apps-script.ts): the
// menu, the grid read in one call, highlights, and every call to the sync service made on the server side with
// the code kept in the user's properties — against a running service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport } from '../../shared/workbook/grid-reader.ts';
import { READ_SHEETS } from '../../shared/workbook/spec.ts';
import { buildSheetsAddon, type SheetsAddon } from '../../server/pane/sheets-addon.ts';
import { AppsScript } from '../helpers/apps-script.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { filledServerTemplate } from '../helpers/workbooks.ts';
import type { Grid } from '../../shared/workbook/grid.ts';

let s: TestServer;
let addon: SheetsAddon;
let script: AppsScript;
let code: string;
let grid: Grid;
type Page = { status: number; body: string; contentType: string };
const me = { path: '/api/v1/me', method: 'GET', body: null };

beforeAll(async () => {
  s = await startServer({ now: '2026-11-25T03:00:00Z', config: { masterDelayMs: 10 } });
  code = s.codes.agencies['phuong-1']!;
  addon = await buildSheetsAddon(s.url);
  grid = await filledServerTemplate(s, 'phuong-1');
  script = new AppsScript(addon['Code.js'], grid);
}, 60_000);
afterAll(async () => {
  await script?.close();
  await s?.close();
});

describe('the built add-on (Code.js)', () => {
  it('declares its entry points as top-level functions and names the service as the only address it may call', () => {
    for (const fn of [
      'onOpen',
      'onInstall',
      'showSidebar',
      'readWorkbook',
      'showIssues',
      'selectCell',
      'signInState',
      'saveSignIn',
      'signOut',
      'apiFetch',
    ]) {
      expect(addon['Code.js']).toMatch(new RegExp(`^function ${fn}\\(\\) \\{`, 'm'));
    }
    const manifest = JSON.parse(addon['appsscript.json']);
    expect(manifest.urlFetchWhitelist).toEqual([`${s.url}/`]);
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
    ]);
    expect(addon['Sidebar.html']).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('installs its menu on open, and the menu opens the sidebar', async () => {
    await script.call('onOpen', { authMode: 'FULL' });
    await script.call('showSidebar');
    const state = await script.state();
    expect(state.menus).toEqual([[{ label: 'Mở thanh bên / Open the sidebar', fn: 'showSidebar' }]]);
    expect(state.sidebars).toEqual([{ file: 'Sidebar', title: 'Báo cáo kế hoạch' }]);
  });

  it('reads every sheet of the workbook, the metadata sheet included, in one call, and the shared reader accepts it', async () => {
    const read = await script.call<typeof grid>('readWorkbook');
    expect(Object.keys(read)).toEqual(READ_SHEETS);
    const trimmed = Object.fromEntries(
      Object.entries(grid)
        .filter(([k]) => k in read)
        .map(([k, rows]) => [
          k,
          rows.map((r) => {
            const c = [...r];
            while (c.length && c.at(-1) === null) c.pop();
            return c;
          }),
        ]),
    );
    expect(read).toEqual(trimmed);
    const report = readReport(read, {});
    expect(report.ok).toBe(true);
  });

  it('signs in with the code typed once, then calls the service with the stored code only', async () => {
    expect(await script.call('signInState')).toEqual({ serviceUrl: s.url, signedIn: false });
    const wrong = await script.call<Page>('apiFetch', { ...me, headers: { Authorization: 'Bearer ma-sai' } });
    expect(wrong.status).toBe(401);
    const first = await script.call<Page>('apiFetch', { ...me, headers: { Authorization: `Bearer ${code}` } });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).agency.id).toBe('phuong-1');
    await script.call('saveSignIn', code);
    expect(await script.call('signInState')).toEqual({ serviceUrl: s.url, signedIn: true });
    // The page sends an empty code from now on; the server side puts the stored one in.
    const again = await script.call<Page>('apiFetch', { ...me, headers: { Authorization: 'Bearer ' } });
    expect(again.status).toBe(200);
    const fetches = (await script.state()).fetches;
    expect(fetches.at(-1)).toMatchObject({
      url: `${s.url}/api/v1/me`,
      method: 'get',
      headers: { Authorization: `Bearer ${code}` },
    });
  });

  it('submits the grid to the running service: stored as a Sheets add-on version', async () => {
    s.nextIds('11111111-2222-4333-8444-555555555555');
    const read = await script.call('readWorkbook');
    const res = await script.call<Page>('apiFetch', {
      path: '/api/v1/plans/kh-2023/periods/2026-Y/reports',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1', Authorization: 'Bearer ' },
      body: JSON.stringify({ grid: read, source: 'sheets-addon' }),
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ submissionId: '11111111-2222-4333-8444-555555555555', version: 1 });
    expect(await s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1')).toMatchObject([
      { version: 1, source: 'sheets-addon', onTime: true },
    ]);
  });

  it('refuses what the page may not ask: another address, another path, another method', async () => {
    const before = (await script.state()).fetches.length;
    for (const path of [
      'https://evil.example/api/v1/me',
      '/admin',
      '/api/v1/../admin',
      '/api/v1//me',
      '/api/v1/me?x=1',
    ]) {
      await expect(script.call('apiFetch', { path, method: 'GET', headers: {}, body: null })).rejects.toThrow(/path/);
    }
    await expect(script.call('apiFetch', { ...me, method: 'DELETE', headers: {} })).rejects.toThrow(/method/);
    expect((await script.state()).fetches).toHaveLength(before);
  });

  it('says the service is unreachable as status 0, never a crash', async () => {
    const other = await buildSheetsAddon('http://127.0.0.1:9');
    const offline = new AppsScript(other['Code.js'], grid);
    try {
      const res = await offline.call<Page>('apiFetch', { ...me, headers: { Authorization: `Bearer ${code}` } });
      expect(res.status).toBe(0);
    } finally {
      await offline.close();
    }
  });

  it('colours issue cells, gives them their own background back when fixed, and moves the selection', async () => {
    await script.call('showIssues', [
      { sheet: 'Nhiệm vụ', cell: 'F6' },
      { sheet: 'Nhiệm vụ', cell: 'E7' },
      { sheet: 'Khác', cell: 'A1' },
      { sheet: 'Nhiệm vụ', cell: 'F6; x' },
    ]);
    expect((await script.state()).backgrounds).toEqual({ 'Nhiệm vụ!F6': '#FDE7E9', 'Nhiệm vụ!E7': '#FDE7E9' });
    await script.call('showIssues', [{ sheet: 'Nhiệm vụ', cell: 'E7' }]);
    expect((await script.state()).backgrounds).toEqual({ 'Nhiệm vụ!E7': '#FDE7E9' });
    await script.call('showIssues', []);
    expect((await script.state()).backgrounds).toEqual({});
    await script.call('selectCell', { sheet: 'Chỉ tiêu', cell: 'G8' });
    expect((await script.state()).active).toEqual({ sheet: 'Chỉ tiêu', cell: 'G8' });
  });

  it('signs out by forgetting the code', async () => {
    await script.call('signOut');
    expect((await script.state()).userProps).toEqual({});
    const res = await script.call<Page>('apiFetch', { ...me, headers: {} });
    expect(res.status).toBe(401);
  });
});
