// A real service for tests: a fresh SQLite file in a temp folder, the app on an ephemeral port, a settable clock.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createHttpServer } from '../../server/http/app.ts';
import { bootstrap } from '../../server/service/bootstrap.ts';
import type { AppContext, LogEntry, ServiceConfig } from '../../server/service/context.ts';
import { SEED_PATH } from './plans.ts';

/** Response whose JSON the tests inspect freely (API bodies are dynamic JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface TestServer {
  url: string;
  dataDir: string;
  ctx: AppContext;
  codes: { admin: string; agencies: Record<string, string> };
  logs: LogEntry[];
  setNow(iso: string): void;
  /** The id the next submission gets (then random ids again), so a receipt can be asserted exactly. */
  nextIds(...ids: string[]): void;
  close(): Promise<void>;
  api(path: string, init?: RequestInit & { code?: string }): Promise<JsonResponse>;
}

export async function startServer(
  options: { now?: string; config?: Partial<ServiceConfig>; dataDir?: string } = {},
): Promise<TestServer> {
  let now = new Date(options.now ?? '2026-11-25T03:00:00Z');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'plan-reporting-'));
  const logs: LogEntry[] = [];
  const queued: string[] = [];
  const booted = await bootstrap({
    dataDir,
    planFile: SEED_PATH,
    clock: () => now,
    log: (e) => logs.push(e),
    newId: () => queued.shift() ?? randomUUID(),
    ...(options.config ? { config: options.config } : {}),
  });
  if (!booted.ok) throw new Error(booted.message);
  const server: Server = createHttpServer(createApp(booted.ctx), booted.ctx.config).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A store brought from elsewhere (a migration test) has no codes file here.
  const codes = existsSync(booted.codesPath)
    ? JSON.parse(readFileSync(booted.codesPath, 'utf8'))
    : { admin: '', agencies: {} };
  return {
    url,
    dataDir,
    ctx: booted.ctx,
    codes,
    logs,
    setNow: (iso) => {
      now = new Date(iso);
    },
    nextIds: (...ids) => {
      queued.push(...ids);
    },
    close: async () => {
      booted.ctx.master.stop();
      await booted.ctx.uploads.close();
      await booted.ctx.planReader.close();
      await booted.ctx.master.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await booted.ctx.store.close();
    },
    api: (path, init = {}) => {
      const { code, headers, ...rest } = init;
      return fetch(`${url}/api/v1${path}`, {
        ...rest,
        headers: { ...(code ? { Authorization: `Bearer ${code}` } : {}), ...headers },
      });
    },
  };
}

export const jsonBody = (body: unknown, extra: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...extra },
});

/** A report as the Excel pane posts it: the grid it read and its source. */
export const reportBody = (grid: unknown, extra: Record<string, string> = {}) =>
  jsonBody({ grid, source: 'excel-addin' }, extra);
