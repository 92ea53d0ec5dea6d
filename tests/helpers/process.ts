// Running the real `plan-reporting serve` as a child process and waiting for its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.ts';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export function spawnServe(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /is running at (https?:\/\/[\d.]+:\d+)\//.exec(output);
      if (m && /Access codes: .*\n/.test(output)) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  }).then((p) => {
    child.removeAllListeners('exit');
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    return p as ServeProcess;
  });
}

export function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
