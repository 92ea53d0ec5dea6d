// Issue 20, items 13 and 14: the edges of the Sheets add-on's server side, in the built Code.js under the Apps Script
// stand-in (node:vm) against a running service. Each failed before its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSheetsAddon } from '../../server/pane/sheets-addon.ts';
import { AppsScript } from '../helpers/apps-script.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { filledServerTemplate } from '../helpers/workbooks.ts';

let s: TestServer;
let script: AppsScript;
let code: string;
type Page = { status: number; body: string; contentType: string };

beforeAll(async () => {
  s = await startServer({ now: '2026-11-25T03:00:00Z' });
  code = s.codes.agencies['phuong-1']!;
  const addon = await buildSheetsAddon(s.url);
  script = new AppsScript(addon['Code.js'], await filledServerTemplate(s, 'phuong-1'));
  await script.call('saveSignIn', code);
}, 60_000);
afterAll(async () => {
  await script?.close();
  await s?.close();
});

const fetches = async () => (await script.state()).fetches;
const call = (path: string, headers: Record<string, string> = {}, method = 'GET', body: string | null = null) =>
  script.call<Page>('apiFetch', { path, method, headers, body });

describe('13. the path and headers the page may send', () => {
  it('refuses escapes that would leave /api/v1 once the URL is normalised, and sends nothing', async () => {
    const before = (await fetches()).length;
    for (const path of [
      '/api/v1/%2e%2e/%2e%2e/manifest.xml',
      '/api/v1/.%2e/x',
      '/api/v1/%2E%2E/admin',
      '/api/v1/me/%2e%2e/%2e%2e/%2e%2e/addin/',
      '/api/v1/%2fme',
      '/api/v1/%5c..%5cmanifest.xml',
      '/api/v1/%252e%252e/manifest.xml',
      '/api/v1/%zz',
      '/api/v1/./me',
      '/api/v1/me/.',
    ]) {
      await expect(call(path), path).rejects.toThrow(/path/);
    }
    expect(await fetches()).toHaveLength(before);
  });

  it('refuses CR, LF and other non-token characters in Idempotency-Key and Content-Type, and sends nothing', async () => {
    const before = (await fetches()).length;
    const post = (headers: Record<string, string>) =>
      call('/api/v1/plans/kh-2023/periods/2026-Y/reports', headers, 'POST', '{}');
    for (const headers of [
      { 'Idempotency-Key': 'k-1\r\nX-Injected: 1' } as Record<string, string>,
      { 'Idempotency-Key': 'k 1' },
      { 'Idempotency-Key': 'k\n' },
      { 'Content-Type': 'application/json\r\nX-Injected: 1' },
      { 'Content-Type': 'application/json\n' },
      { 'Content-Type': 'text/plain; x="a\rb"' },
    ]) {
      await expect(post(headers), JSON.stringify(headers)).rejects.toThrow(/header/);
    }
    expect(await fetches()).toHaveLength(before);
  });

  it('still sends what the pane sends: plain paths, a UUID key, JSON with or without a charset', async () => {
    expect((await call('/api/v1/me')).status).toBe(200);
    const duty = await call('/api/v1/plans/kh-2023/periods/2026-Y/me');
    expect(duty.status).toBe(200);
    const post = await call(
      '/api/v1/plans/kh-2023/periods/2026-Y/reports',
      { 'Content-Type': 'application/json; charset=utf-8', 'Idempotency-Key': '0b6c7a0e-2f7e-4d8a-9a51-0f3c2d1e4b5a' },
      'POST',
      '{"grid":{}}',
    );
    expect(post.status).toBe(400); // an empty grid, refused by the service: the request reached it as sent
    expect((await fetches()).at(-1)).toMatchObject({
      url: `${s.url}/api/v1/plans/kh-2023/periods/2026-Y/reports`,
      method: 'post',
      headers: { 'Idempotency-Key': '0b6c7a0e-2f7e-4d8a-9a51-0f3c2d1e4b5a', Authorization: `Bearer ${code}` },
      contentType: 'application/json; charset=utf-8',
    });
  });
});

describe('14. showIssues with a cell the add-on may not format', () => {
  const F6 = { sheet: 'Nhiệm vụ', cell: 'F6' };
  const E7 = { sheet: 'Nhiệm vụ', cell: 'E7' };
  const G8 = { sheet: 'Chỉ tiêu', cell: 'G8' };
  const backgrounds = async () => (await script.state()).backgrounds;

  it('colours the others, names the one it skipped, and gives every coloured cell its own colour back later', async () => {
    await script.paint('Chỉ tiêu', 'G8', '#FFF2CC'); // the user's own yellow
    await script.protect('Nhiệm vụ', 'E7');
    try {
      const shown = await script.call<{ skipped: { sheet: string; cell: string }[] }>('showIssues', [F6, E7, G8]);
      expect(shown.skipped).toEqual([E7]);
      expect(await backgrounds()).toEqual({ 'Nhiệm vụ!F6': '#FDE7E9', 'Chỉ tiêu!G8': '#FDE7E9' });
      await script.call('showIssues', []);
      expect(await backgrounds()).toEqual({ 'Chỉ tiêu!G8': '#FFF2CC' });
    } finally {
      await script.protect('Nhiệm vụ', 'E7', false);
    }
  });

  it('restores every cell it can even when one it coloured has since been protected, and names that one', async () => {
    await script.call('showIssues', [F6, E7]);
    expect(await backgrounds()).toMatchObject({ 'Nhiệm vụ!F6': '#FDE7E9', 'Nhiệm vụ!E7': '#FDE7E9' });
    await script.protect('Nhiệm vụ', 'F6');
    try {
      const shown = await script.call<{ skipped: { sheet: string; cell: string }[] }>('showIssues', []);
      expect(shown.skipped).toEqual([F6]);
      expect(await backgrounds()).not.toHaveProperty(['Nhiệm vụ!E7']);
    } finally {
      await script.protect('Nhiệm vụ', 'F6', false);
    }
    // Once it may, the cell left coloured gets its own colour back too.
    await script.call('showIssues', []);
    expect(await backgrounds()).not.toHaveProperty(['Nhiệm vụ!F6']);
  });
});
