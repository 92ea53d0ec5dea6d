// Benchmark: the pane's bundle size (gzipped) and how soon it is interactive in headless Chromium (the sign-in
// field ready), beside a baseline measured in the same run: loading the service's /health as a page.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createApp, createHttpServer } from '../server/http/app.ts';
import { buildPane } from '../server/pane/pane-assets.ts';
import { bootstrap } from '../server/service/bootstrap.ts';
import { SEED_PLAN } from '../server/paths.ts';
import { emit, median, round } from './stats.ts';

const builds: number[] = [];
let assets = await buildPane('cdn');
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  assets = await buildPane('cdn');
  builds.push(performance.now() - t);
}
const gz = (name: string) => gzipSync(assets.files.get(name)!.body).length;
const css = gz('pane.css');

const booted = await bootstrap({
  dataDir: mkdtempSync(join(tmpdir(), 'bench-pane-')),
  planFile: SEED_PLAN,
  log: () => undefined,
});
if (!booted.ok) throw new Error(booted.message);
const server = createHttpServer(createApp(booted.ctx), booted.ctx.config).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const context = await browser.newContext();
const timed = async (path: string, ready: string | null) => {
  const page = await context.newPage();
  const t = performance.now();
  await page.goto(`${url}${path}`, { waitUntil: ready ? 'commit' : 'load' });
  if (ready) await page.waitForSelector(ready, { state: 'visible' });
  const ms = performance.now() - t;
  await page.close();
  return ms;
};
await timed('/addin/', '#code'); // warm-up: the first request builds the pane
const pane: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < 15; i++) {
  baseline.push(await timed('/api/v1/health', null));
  pane.push(await timed('/addin/', '#code'));
}
await browser.close();
await new Promise((resolve) => server.close(resolve));
booted.ctx.master.stop();
await booted.ctx.uploads.close();
await booted.ctx.store.close();
emit({
  mode: 'pane',
  medianMs: round(median(pane)),
  baselineMs: round(median(baseline)),
  buildMs: round(median(builds)),
  excelKb: round((gz('excel/excel.js') + css) / 1024, 1),
  fileKb: round((gz('file.js') + css) / 1024, 1),
});
