// The import graph of server/ and shared/, read with TypeScript's own pre-processor (type-only imports count:
// a cycle through types is still a cycle for the reader), with the cycles and the imports against the layering.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export type Graph = Map<string, string[]>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every file under the roots → the files under the roots it imports (relative specifiers only). */
export function importGraph(root: string, dirs: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of dirs.flatMap((d) => sources(join(root, d)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((f) => f.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => relative(root, resolve(dirname(file), s)));
    graph.set(relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

/**
 * The server's layers, top first: a file may import its own layer's siblings and anything below, never above.
 * `cli` on top, then `http`, then `service`, then the parts the service drives, then the base: configuration, paths and
 * the generic worker runner (`worker/`).
 */
export const SERVER_LAYERS: string[][] = [
  ['cli'],
  ['http'],
  ['service'],
  ['store', 'master', 'plan', 'workbook', 'google', 'report', 'pane', 'seed'],
  ['config.ts', 'paths.ts', 'worker'],
];

function layerOf(file: string): number | undefined {
  const [top, part] = file.split('/');
  if (top !== 'server' || part === undefined) return undefined;
  const layer = SERVER_LAYERS.findIndex((names) => names.includes(part));
  return layer < 0 ? undefined : layer;
}

/** Imports that go up a layer, as "from → to", plus files in server/ that belong to no layer. */
export function layeringViolations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const mine = layerOf(from);
    if (from.startsWith('server/') && mine === undefined) out.push(`${from} belongs to no layer`);
    for (const to of targets) {
      const theirs = layerOf(to);
      if (mine !== undefined && theirs !== undefined && theirs < mine) out.push(`${from} → ${to}`);
    }
  }
  return out;
}
