// `plan-reporting serve`: the sync service on its embedded store (DATA_DIR), with the bundled seed plan by default.
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../http/app.ts';
import { bootstrap, openPeriodsOfThisYear } from '../service/bootstrap.ts';
import { allowOnly, parseArgs, UsageError, type CliIo } from './io.ts';

export const SERVE_USAGE = 'plan-reporting serve   (env: PORT=8080, HOST=127.0.0.1, DATA_DIR=data, PLAN_FILE=<seed plan>)';
export const SEED_PLAN = fileURLToPath(new URL('../seed/ke-hoach-nq28-vung-tau-2023.txt', import.meta.url));

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set());
  allowOnly(args, []);
  if (args.positional.length > 0) throw new UsageError(`Usage: ${SERVE_USAGE}`);
  const port = Number(io.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`PORT không hợp lệ / Invalid PORT: ${io.env.PORT}`);
  const booted = await bootstrap({
    dataDir: resolve(io.cwd, io.env.DATA_DIR ?? 'data'),
    planFile: resolve(io.cwd, io.env.PLAN_FILE ?? SEED_PLAN),
    ...(io.now ? { clock: io.now } : {}),
    log: (entry) => io.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`),
  });
  if (!booted.ok) { io.stderr.write(`${booted.message}\n`); return booted.exitCode; }
  const { ctx } = booted;
  const app = createApp(ctx);
  const server = app.listen(port, io.env.HOST ?? '127.0.0.1');
  await new Promise<void>((done, fail) => { server.once('listening', done); server.once('error', fail); });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}/`;
  io.stdout.write(`Plan Reporting đang chạy tại / is running at ${url}\n`);
  io.stdout.write(`Mã truy cập / Access codes: ${booted.codesPath}${booted.codesWritten ? ' (mới tạo / new)' : ''}\n`);
  if (booted.openedPeriods.length) io.stdout.write(`Mở kỳ báo cáo / Opened periods: ${booted.openedPeriods.join(', ')}\n`);

  // A service that runs across New Year opens the new year's periods by itself.
  const yearly = setInterval(() => {
    const opened = openPeriodsOfThisYear(ctx.store, ctx.plan, ctx.clock);
    if (opened.length) ctx.log({ level: 'info', message: 'opened periods', periods: opened });
  }, 3600_000);
  yearly.unref();

  return new Promise<number>((done) => {
    const stop = () => { clearInterval(yearly); ctx.master.stop(); void ctx.master.idle().then(() => server.close(() => { ctx.store.close(); done(0); })); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
