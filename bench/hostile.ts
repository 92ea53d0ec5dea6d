// Benchmark: what one stranger's requests cost everyone else. Each attack of the hardening issue runs against a fresh
// `plan-reporting serve`; for each, the attack's own answers and the slowest /health answered meanwhile (polled every
// 10 ms), beside the baseline of the same service's /health at rest, measured in the same run.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { filledXlsx } from '../tests/helpers/workbooks.ts';
import { emit, median, round } from './stats.ts';
import { startService } from './service.ts';

const PERIOD = `${new Date().getUTCFullYear()}-Y`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Service {
  url: string;
  admin: string;
  agencies: Record<string, string>;
  stop: () => void;
}

async function service(): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
  const { child, url } = await startService(dataDir);
  const codes = JSON.parse(readFileSync(join(dataDir, 'access-codes.json'), 'utf8')) as {
    admin: string;
    agencies: Record<string, string>;
  };
  return { url, admin: codes.admin, agencies: codes.agencies, stop: () => child.kill('SIGKILL') };
}

/** Polls /health every 10 ms until stopped; the slowest answer (ms), Infinity for one that failed. */
function watchHealth(url: string) {
  let running = true;
  const samples: number[] = [];
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${url}/api/v1/health`).then(
        async (r) => {
          await r.arrayBuffer();
          return r.ok;
        },
        () => false,
      );
      samples.push(ok ? performance.now() - started : Infinity);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  // A /health that failed or never answered is written as -1 (JSON has no Infinity).
  return async () => {
    running = false;
    await done;
    const max = Math.max(0, ...samples);
    return { max: Number.isFinite(max) ? round(max, 1) : -1, median: round(median(samples), 1) };
  };
}

async function timed(make: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await make().catch(() => null);
  if (res) await res.arrayBuffer().catch(() => undefined);
  return { ms: round(performance.now() - started, 1), status: res?.status ?? 0 };
}

const bearer = (code: string, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${code}`, ...extra });
const planText = (tasks: number) =>
  `ỦY BAN NHÂN DÂN\nTHÀNH PHỐ VŨNG TÀU\nKẾ HOẠCH\nThực hiện thử nghiệm\nII. NHIỆM VỤ, GIẢI PHÁP\n${Array.from(
    { length: tasks },
    (_, i) => `${i + 1}. NV ${i + 1}.\n- Đơn vị chủ trì: Phòng Nội vụ.\n`,
  ).join('')}`;

/** A workbook of an agency's own template with 3 million empty shared strings added (small zipped, huge unzipped). */
function siFlood(template: Uint8Array): Uint8Array {
  const parts = unzipSync(template);
  const sst = parts['xl/sharedStrings.xml']
    ? new TextDecoder().decode(parts['xl/sharedStrings.xml'])
    : '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>';
  parts['xl/sharedStrings.xml'] = strToU8(sst.replace('</sst>', `${'<si></si>'.repeat(3_000_000)}</sst>`));
  return zipSync(parts, { level: 9 });
}

const results: Record<string, unknown> = {};
/** One attack on a fresh service: `prepare` builds its payloads first (this process's own work is not the service's
 * slowness), then /health is watched at rest (the baseline) and while the attack runs. */
const measure = async <P>(
  name: string,
  prepare: (s: Service) => Promise<P>,
  attack: (s: Service, payload: P) => Promise<Record<string, unknown>>,
) => {
  const s = await service();
  try {
    const payload = await prepare(s);
    const rest = watchHealth(s.url);
    await new Promise((r) => setTimeout(r, 300));
    const baseline = await rest();
    const health = watchHealth(s.url);
    const out = await attack(s, payload);
    const during = await health();
    results[name] = { ...out, healthMaxMs: during.max, baselineHealthMaxMs: baseline.max };
  } finally {
    s.stop();
  }
};
const none = async () => undefined;

const plansPath = '/api/v1/plans';
const upload = (s: Service, agency: string, body: Uint8Array) => () =>
  fetch(`${s.url}/api/v1/plans/kh-2023/periods/${PERIOD}/workbooks`, {
    method: 'POST',
    headers: bearer(s.agencies[agency]!, { 'Content-Type': XLSX }),
    body,
  });

await measure(
  'plan20k',
  async () => planText(20_643),
  async (s, body) => {
    const r = await timed(() =>
      fetch(`${s.url}${plansPath}`, {
        method: 'POST',
        headers: bearer(s.admin, { 'Content-Type': 'text/plain' }),
        body,
      }),
    );
    return { ...r, bytes: Buffer.byteLength(body) };
  },
);
await measure(
  'plan5k',
  async () => planText(5000),
  async (s, body) =>
    timed(() =>
      fetch(`${s.url}${plansPath}`, {
        method: 'POST',
        headers: bearer(s.admin, { 'Content-Type': 'text/plain' }),
        body,
      }),
    ),
);

const good = await filledXlsx('phuong-2', PERIOD);
for (const copies of [10, 30]) {
  const flooding = async (s: Service) =>
    siFlood(
      new Uint8Array(
        await (
          await fetch(`${s.url}/api/v1/plans/kh-2023/periods/${PERIOD}/template.xlsx`, {
            headers: bearer(s.agencies['phuong-1']!),
          })
        ).arrayBuffer(),
      ),
    );
  await measure(`flood${copies}`, flooding, async (s, hostile) => {
    const flood = Array.from({ length: copies }, () => timed(upload(s, 'phuong-1', hostile)));
    await new Promise((r) => setTimeout(r, 50));
    const other = await timed(upload(s, 'phuong-2', good));
    const mine = await Promise.all(flood);
    return {
      hostileKb: round(hostile.length / 1024, 1),
      otherMs: other.ms,
      otherStatus: other.status,
      floodStatuses: [...new Set(mine.map((m) => m.status))].join(','),
      floodMaxMs: Math.max(...mine.map((m) => m.ms)),
    };
  });
}

const reportsPath = `/api/v1/plans/kh-2023/periods/${PERIOD}/reports`;
const keys150k = `{"grid":{${Array.from({ length: 150_000 }, (_, i) => `"k${i}":[]`).join(',')}},"source":"excel-addin"}`;
await measure('keys150k', none, async (s) => {
  const post = () =>
    timed(() =>
      fetch(`${s.url}${reportsPath}`, {
        method: 'POST',
        headers: bearer(s.agencies['phuong-1']!, { 'Content-Type': 'application/json' }),
        body: keys150k,
      }),
    );
  const one = await post();
  const four = await Promise.all([post(), post(), post(), post()]);
  return { ms: one.ms, status: one.status, fourMaxMs: Math.max(...four.map((f) => f.ms)), bytes: keys150k.length };
});
const cells1m = `{"grid":{"Nhiệm vụ":[[${Array(1_000_000).fill('1').join(',')}]]},"source":"excel-addin"}`;
await measure('cells1m', none, async (s) =>
  timed(() =>
    fetch(`${s.url}${reportsPath}`, {
      method: 'POST',
      headers: bearer(s.agencies['phuong-1']!, { 'Content-Type': 'application/json' }),
      body: cells1m,
    }),
  ),
);

await measure('templatesZip', none, async (s) =>
  timed(() => fetch(`${s.url}/api/v1/plans/kh-2023/periods/${PERIOD}/templates.zip`, { headers: bearer(s.admin) })),
);
await measure('template50', none, async (s) => {
  const all = await Promise.all(
    Array.from({ length: 50 }, () =>
      timed(() =>
        fetch(`${s.url}/api/v1/plans/kh-2023/periods/${PERIOD}/template.xlsx`, {
          headers: bearer(s.agencies['phuong-1']!),
        }),
      ),
    ),
  );
  return { ms: Math.max(...all.map((a) => a.ms)), statuses: [...new Set(all.map((a) => a.status))].join(',') };
});
await measure('guesses', none, async (s) => {
  const guess = () =>
    fetch(`${s.url}/api/v1/me`, { headers: bearer('wrong-code-guess') }).then(
      (r) => r.status,
      () => 0,
    );
  for (let i = 0; i < 12; i++) await guess(); // past the throttle's limit
  const started = performance.now();
  let count = 0;
  const statuses = new Set<number>();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (performance.now() - started < 3000) {
        statuses.add(await guess());
        count++;
      }
    }),
  );
  return { perSecond: round(count / ((performance.now() - started) / 1000), 1), statuses: [...statuses].join(',') };
});

const all = Object.values(results) as { healthMaxMs: number; baselineHealthMaxMs: number }[];
emit({
  medianMs: Math.max(...all.map((r) => r.healthMaxMs)),
  baselineMs: Math.max(...all.map((r) => r.baselineHealthMaxMs)),
  ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, JSON.stringify(v)])),
});
