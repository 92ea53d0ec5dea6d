// The abuse suite's harness: raw requests against a real `plan-reporting serve` process, /health watched while
// they run, and the store's counts and integrity read straight from its SQLite file.
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface Answer {
  status: number;
  type: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}
export interface Raw {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: Uint8Array | string;
  stallMs?: number;
}

/** One request on its own connection, bytes as given; a dropped connection rejects. */
export function send(base: string, { method = 'POST', path, headers = {}, body, stallMs }: Raw): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method, headers: { Connection: 'close', ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (stallMs !== undefined) {
      req.write(body ?? '');
      return;
    } // a slow sender: part of the body, then nothing
    req.end(body);
  });
}

/** Polls /health until stopped; resolves with the slowest answer (ms). A failed or refused /health counts as never answered. */
export function watchHealth(base: string) {
  let running = true;
  const slowest = (async () => {
    let max = 0;
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${base}/api/v1/health`).then(
        async (res) => {
          await res.arrayBuffer();
          return res.status === 200;
        },
        () => false,
      );
      max = Math.max(max, ok ? performance.now() - started : Infinity);
      await new Promise((r) => setTimeout(r, 10));
    }
    return max;
  })();
  return {
    stop: async () => {
      running = false;
      return slowest;
    },
  };
}

/** Row counts of the tables that matter and SQLite's integrity check, read from the store's file. */
export function storeState(dataDir: string) {
  const db = new Database(join(dataDir, 'plan-reporting.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const counts = db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM submissions) AS submissions, (SELECT COUNT(*) FROM periods) AS periods, (SELECT COUNT(*) FROM access_codes) AS codes, (SELECT COUNT(*) FROM plans) AS plans',
      )
      .get();
    return { counts, integrity: db.pragma('integrity_check', { simple: true }) };
  } finally {
    db.close();
  }
}

export const bearer = (code: string) => ({ Authorization: `Bearer ${code}` });

/** Runs `work` while /health is watched; its value and the slowest /health meanwhile (ms). */
export async function watched<T>(base: string, work: () => Promise<T>): Promise<{ value: T; health: number }> {
  const health = watchHealth(base);
  const value = await work().finally(() => health.stop());
  return { value, health: await health.stop() };
}
