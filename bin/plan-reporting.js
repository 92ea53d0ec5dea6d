#!/usr/bin/env node
// Entry point of the `plan-reporting` command: runs the compiled bundle (dist/server, built by `npm ci` through
// `prepare`, or `npm run build`); when the TypeScript sources are newer than it (someone is editing them) or it is
// missing, it registers tsx and runs the sources themselves.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/server/cli.js`;

/** Whether any .ts file under these folders changed after the bundle was built (a few ms for the whole tree). */
function newerThan(time, dirs) {
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() ? newerThan(time, [path]) : entry.name.endsWith('.ts') && statSync(path).mtimeMs > time)
        return true;
    }
  }
  return false;
}
const compiled =
  existsSync(bundle) &&
  process.env.PLAN_REPORTING_SOURCE !== '1' &&
  !newerThan(statSync(bundle).mtimeMs, [`${root}server`, `${root}shared`]);

// A reader that stops early (`… | head`) is not an error: stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    else throw error;
  });
}
let main;
if (compiled) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
