// No import cycles in server/ or shared/, and no import up the server's layers (docs/ARCHITECTURE.md, "The layers").
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, layeringViolations, type Graph } from './import-graph.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const graphOf = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));

describe('the import graph', () => {
  const graph = importGraph(ROOT, ['server', 'shared']);

  it('reads every source file of server/ and shared/, type-only imports included', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('server/service/context.ts')).toContain('server/master/master-service.ts'); // an `import type`
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no import up the server's layers (cli → http → service → store | master | plan | workbook | google …)", () => {
    expect(layeringViolations(graph)).toEqual([]);
  });

  it('would catch a cycle, a file importing itself and an upward import', () => {
    expect(cycles(graphOf({ a: ['b'], b: ['c'], c: ['a'], d: ['d'], e: ['a'] }))).toEqual([['a', 'b', 'c'], ['d']]);
    expect(
      layeringViolations(
        graphOf({
          'server/master/m.ts': ['server/service/s.ts', 'server/store/s.ts'],
          'server/store/s.ts': ['server/http/auth.ts'],
          'server/http/h.ts': ['server/service/s.ts', 'server/cli/main.ts'],
          'server/elsewhere/x.ts': [],
        }),
      ),
    ).toEqual([
      'server/master/m.ts → server/service/s.ts',
      'server/store/s.ts → server/http/auth.ts',
      'server/http/h.ts → server/cli/main.ts',
      'server/elsewhere/x.ts belongs to no layer',
    ]);
  });
});
