// Before any test: the compiled bundle (dist/server) built from the sources as they are, so the tests that start
// `plan-reporting` as a process run what `npm ci` ships, never a stale build.
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, [new URL('../bin/build.js', import.meta.url).pathname], { stdio: 'inherit' });
}
