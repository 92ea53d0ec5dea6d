// Benchmark: GET templates.zip — every agency's workbook, generated and streamed by the running service — for the
// N-agency store that bench/master.ts `setup` wrote. A copy of that store is served by a real `plan-reporting serve`
// child process; the zip is read off the socket and counted, never kept; the service's peak memory is read from /proc.
// The service's old generation is capped below the zip's size (HEAP_CAP_MB): were it holding the workbooks, it could
// not finish.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORE_FILE } from '../server/config.ts';
import { emit, processMib, round } from './stats.ts';
import { startService } from './service.ts';

const [countArg, dir] = process.argv.slice(2);
const count = Number(countArg);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-templates-'));
const source = join(dir!, `master-${count}.sqlite`);
copyFileSync(source, join(dataDir, STORE_FILE));
if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, join(dataDir, `${STORE_FILE}-wal`));

const HEAP_CAP_MB = 128;
const { child, url } = await startService(dataDir, [`--max-old-space-size=${HEAP_CAP_MB}`]);
const { admin } = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8')) as { admin: string };
// The service at rest first: its master worker catches up (a full build of the N agencies, which it has no master
// for yet) and goes idle, so the download is measured alone and the peak before it is known.
const health = async () => (await fetch(`${url}/health`)).ok;
await health();
await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 8000)));
const peakBeforeMb = processMib(child.pid!, 'VmHWM');
const rssBeforeMb = processMib(child.pid!, 'VmRSS');

const started = performance.now();
const res = await fetch(`${url}/api/v1/plans/bench/periods/2026-Y/templates.zip`, {
  headers: { authorization: `Bearer ${admin}` },
});
if (res.status !== 200) throw new Error(`templates.zip: HTTP ${res.status}`);
let bytes = 0;
let tail = Buffer.alloc(0);
for await (const chunk of res.body!) {
  bytes += chunk.length;
  tail = Buffer.concat([tail, chunk]).subarray(-22);
}
const ms = performance.now() - started;
const serverPeakMb = processMib(child.pid!, 'VmHWM');
const rssAfterMb = processMib(child.pid!, 'VmRSS');
child.kill('SIGTERM');
// The zip's end record: how many workbooks it holds.
if (tail.readUInt32LE(0) !== 0x06054b50) throw new Error('templates.zip does not end with a zip end record');
const entries = tail.readUInt16LE(10);
if (entries !== count % 65536) throw new Error(`templates.zip holds ${entries} workbooks, not ${count}`);
emit({
  mode: 'templates',
  agencies: count,
  entries: count,
  medianMs: round(ms, 0),
  perWorkbookMs: round(ms / count, 2),
  zipMb: round(bytes / 2 ** 20, 1),
  serverPeakMb,
  peakBeforeMb,
  rssBeforeMb,
  rssAfterMb,
  heapCapMb: HEAP_CAP_MB,
});
