// Where the time goes: a V8 CPU profile (.cpuprofile, from --cpu-prof) summed by function, self time, the top few
// with their share. Used by bench/run.ts for the rows that fall short of their goal; the figures are the profile's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a function lives: a package in node_modules, a Node module, V8 itself, the service's bundle (dist/server: our
 * code and the small packages bundled into it, which the profile cannot tell apart), or our own code.
 */
function place(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return url;
  if (url === '') return 'V8';
  return url.includes('/dist/server/') ? 'bundle' : 'ours';
}

/** The top `count` functions by self time, as "name (place) N%"; idle time left out of the shares. */
export function summarizeProfile(path: string, count = 10): string {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') return;
    const d = p.timeDeltas[i] ?? 0;
    total += d;
    const key = `${n.callFrame.functionName || '(anonymous)'} (${place(n.callFrame.url)})`;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  return (
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, t]) => `${key} ${((t / total) * 100).toFixed(1)}%`)
      .join(', ') + ` — of ${Math.round(total / 1000)} ms busy`
  );
}

/** The profiles a run wrote into `dir`: the main thread's (thread 0) or the other threads'. */
export function profilesIn(dir: string, thread: 'main' | 'workers'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .filter((f) => (f.split('.')[4] === '0') === (thread === 'main'))
    .map((f) => join(dir, f));
}
