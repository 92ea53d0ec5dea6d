// Running the CLI in-process with captured streams, and as a real process through its bin.
import { spawnSync } from 'node:child_process';
import { main } from '../../server/cli/main.ts';

export const BIN = new URL('../../bin/plan-reporting.js', import.meta.url).pathname;

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
  now?: () => Date,
) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env,
    ...(now ? { now } : {}),
  });
  return { code, stdout, stderr };
}

export function spawnCli(argv: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
