// How the service serves the panes: same origin as the API, framable by Office only, Office.js from the CDN
// or from the @microsoft/office-js copy for networks without internet, and the bundle within its size budget.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';

let cdn: TestServer;
let local: TestServer;
beforeAll(async () => {
  [cdn, local] = await Promise.all([startServer(), startServer({ config: { officeJs: 'local' } })]);
});
afterAll(async () => {
  await Promise.all([cdn.close(), local.close()]);
});

describe('the panes as served', () => {
  it("load Office.js from Microsoft's CDN by default, and let only Office frame the task pane", async () => {
    const res = await fetch(`${cdn.url}/addin/excel/taskpane.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>',
    );
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'self' https://*.officeapps.live.com");
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect((await fetch(`${cdn.url}/addin/office-js/office.js`)).status).toBe(404);
  });

  it('serve the @microsoft/office-js copy when OFFICE_JS=local', async () => {
    const page = await (await fetch(`${local.url}/addin/excel/taskpane.html`)).text();
    expect(page).toContain('<script src="/addin/office-js/office.js"></script>');
    const office = await fetch(`${local.url}/addin/office-js/office.js`);
    expect(office.status).toBe(200);
    expect((await office.text()).length).toBeGreaterThan(10_000);
    expect((await fetch(`${local.url}/addin/office-js/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it("keep each pane's own code and styles under 120 KB gzipped", async () => {
    for (const [entry, css] of [
      ['/addin/excel/excel.js', '/addin/pane.css'],
      ['/addin/file.js', '/addin/pane.css'],
    ] as const) {
      const js = Buffer.from(await (await fetch(`${cdn.url}${entry}`)).arrayBuffer());
      const style = Buffer.from(await (await fetch(`${cdn.url}${css}`)).arrayBuffer());
      expect(gzipSync(js).length + gzipSync(style).length).toBeLessThan(120 * 1024);
    }
  });

  it("redirect /addin to /addin/ (the page's relative URLs need it)", async () => {
    const res = await fetch(`${cdn.url}/addin`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/addin/');
  });
});
