#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` does it): the CLI and the service as plain JavaScript in dist/, one
// bundle per entry (the command line, the master worker, the upload reader, the plan reader), split so that each command loads only
// its own code. The TypeScript sources run under tsx only in development and tests.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/server`;
rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
// Native, large or lazily loaded packages stay in node_modules. Small pure-JavaScript ones (Express and its
// dependencies, zod, saxes, fflate, busboy) are bundled into the command line: loading them from node_modules meant a
// file read, a CommonJS wrapper and Node's export scan for each of ~70 modules at every start.
const EXTERNAL = [
  'better-sqlite3',
  'exceljs',
  'docx',
  'esbuild',
  'tsx',
  'nodemailer',
  '@googleapis/*',
  'google-auth-library',
  '@microsoft/office-js',
];
const common = {
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS code bundled into ES modules still calls require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  outdir,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  define: { __BUNDLED__: 'true' },
};
await Promise.all([
  build({ ...common, entryPoints: { cli: 'server/cli/main.ts' }, external: EXTERNAL }),
  // The worker threads start once per service and are not on the start-up path; zod stays in node_modules for them:
  // bundled, it raised a 10,000-agency master build's peak memory by about 30 MB (measured both ways, on this build).
  build({
    ...common,
    entryPoints: {
      'master-worker': 'server/master/master-build-job.ts',
      'read-worker': 'server/workbook/read-job.ts',
      'plan-read-worker': 'server/plan/plan-read-job.ts',
    },
    external: [...EXTERNAL, 'zod'],
  }),
]);
if (process.argv.includes('--verbose'))
  process.stdout.write(`dist/server built in ${Math.round(performance.now() - started)} ms\n`);
