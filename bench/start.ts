// Benchmark: how fast commands start. `plan parse` on the seed beside `node -e 0`; `npm start` to a healthy service
// (first start, empty store) beside the bare Express + SQLite server started the same way; the service's idle memory
// beside the bare server's. Medians of several runs, each a fresh process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, median, processMib, round } from './stats.ts';

const RUNS = 7;

if (process.argv[2] === 'profile') {
  // A profiled first start (bench/run.ts reads where its time goes); the profile is written when the service stops.
  await startToHealthy(process.execPath, [
    '--cpu-prof',
    `--cpu-prof-dir=${process.argv[3]}`,
    'bin/plan-reporting.js',
    'serve',
  ]);
  process.exit(0);
}
const SEED = 'server/seed/ke-hoach-nq28-vung-tau-2023.txt';
const wall = (args: string[]) => {
  const t = performance.now();
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return performance.now() - t;
};

const parseMs = median(
  Array.from({ length: RUNS }, () => wall([process.execPath, 'bin/plan-reporting.js', 'plan', 'parse', SEED])),
);
const nodeMs = median(Array.from({ length: RUNS }, () => wall([process.execPath, '-e', '0'])));

/** Spawns a server (in its own process group), waits for /api/v1/health, returns the time and its idle RSS. */
async function startToHealthy(command: string, args: string[]): Promise<{ ms: number; idleMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: 'ignore',
    detached: true,
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1000));
  // The node process serving the port: the child itself, or npm's child.
  const pids = spawnSync('pgrep', ['-g', String(child.pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  const idleMb = Math.max(...pids.map((pid) => processMib(pid, 'VmRSS')));
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, idleMb };
}

type Start = { ms: number; idleMb: number };
const runs: Record<'npmServe' | 'npmBare' | 'serve' | 'bare', Start[]> = {
  npmServe: [],
  npmBare: [],
  serve: [],
  bare: [],
};
for (let i = 0; i < 5; i++) {
  runs.npmServe.push(await startToHealthy('npm', ['start', '--silent']));
  runs.npmBare.push(await startToHealthy('npm', ['exec', '--silent', '--', 'node', 'bench/bare-server.mjs']));
  runs.serve.push(await startToHealthy(process.execPath, ['bin/plan-reporting.js', 'serve']));
  runs.bare.push(await startToHealthy(process.execPath, ['bench/bare-server.mjs']));
}
const ms = (k: keyof typeof runs) => round(median(runs[k].map((x) => x.ms)), 0);
emit({
  mode: 'start',
  medianMs: round(parseMs, 0),
  parseMs: round(parseMs, 0),
  nodeMs: round(nodeMs, 0),
  npmStartMs: ms('npmServe'),
  npmBareMs: ms('npmBare'),
  startMs: ms('serve'),
  bareStartMs: ms('bare'),
  idleMb: median(runs.serve.map((x) => x.idleMb)),
  bareIdleMb: median(runs.bare.map((x) => x.idleMb)),
});
