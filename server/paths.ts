// Where the project's own files are (the seed plan, the add-in sources, the page's assets, the worker entries),
// whether the code runs from source under tsx (server/…) or bundled into dist/ by `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __BUNDLED__: boolean | undefined;
/** True in dist/ (esbuild defines it); false when running from source. */
export const BUNDLED = typeof __BUNDLED__ !== 'undefined' && __BUNDLED__;

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server', 'seed'))) return dir;
    if (dirname(dir) === dir) throw new Error(`plan-reporting: cannot find the project's folder from ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
/** A file of the project by its path from the project's folder: `projectPath('server/seed/…')`. */
export const projectPath = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
/** The bundled seed plan: what an empty store starts with. */
export const SEED_PLAN = projectPath('server/seed/ke-hoach-nq28-vung-tau-2023.txt');
/** A worker thread's entry: its bundle in dist/, or its tsx shim beside the source. */
export const workerEntry = (bundled: string, source: string) =>
  BUNDLED ? projectPath('dist/server', bundled) : projectPath(source);
