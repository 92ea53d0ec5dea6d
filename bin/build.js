#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` does it): the CLI and the service as plain JavaScript in dist/, one
// bundle per entry (the command line, the master worker, the upload reader), split so that each command loads only
// its own code; packages stay in node_modules. The TypeScript sources run under tsx only in development and tests.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/server`;
rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'server/cli/main.ts', 'master-worker': 'server/master/master-build-job.ts', 'read-worker': 'server/workbook/read-job.ts' },
  bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
  // Small pure-JavaScript packages (Express and its dependencies, zod, saxes, fflate, busboy) are bundled: loading
  // them from node_modules meant a file read, a CommonJS wrapper and Node's export scan for each of ~70 modules at
  // every start. Native, large or lazily loaded ones stay in node_modules.
  external: ['better-sqlite3', 'exceljs', 'docx', 'esbuild', 'tsx', 'nodemailer', '@googleapis/*', 'google-auth-library', '@microsoft/office-js'],
  // CommonJS code bundled into ES modules still calls require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  outdir, sourcemap: 'linked', legalComments: 'none', logLevel: 'warning',
  define: { __BUNDLED__: 'true' },
});
if (process.argv.includes('--verbose')) process.stdout.write(`dist/server built in ${Math.round(performance.now() - started)} ms\n`);
