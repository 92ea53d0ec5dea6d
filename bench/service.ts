// `plan-reporting serve` as a child process for the benchmarks: on a data folder of its own, its log (a JSON line per
// request, as in production) written to a file rather than into a pipe this process would have to drain.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Starts the service on `dataDir` (any port) with these node options; resolves with it once it listens. */
export async function startService(
  dataDir: string,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const logPath = join(dataDir, 'serve.log');
  const child = spawn(process.execPath, [...nodeArgs, 'bin/plan-reporting.js', 'serve'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', openSync(logPath, 'w'), 'inherit'],
  });
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const url = /is running at (http:\/\/[\d.]+:\d+)\//.exec(readFileSync(logPath, 'utf8'))?.[1];
    if (url) return { child, url };
  }
}
