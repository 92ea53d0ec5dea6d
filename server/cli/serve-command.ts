// `plan-reporting serve`: the sync service on its embedded store (DATA_DIR), with the bundled seed plan by default.
import { SERVE_USAGE } from './usage.ts';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SEED_PLAN } from '../paths.ts';
import { createApp, createHttpServer } from '../http/app.ts';
import { configFromEnv } from '../config.ts';
import { bootstrap, openAllPeriodsOfThisYear } from '../service/bootstrap.ts';
import { runReminders, smtpMailer } from '../service/reminders.ts';
import { allowOnly, parseArgs, UsageError, type CliIo } from './io.ts';

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set());
  allowOnly(args, []);
  if (args.positional.length > 0) throw new UsageError(`Usage: ${SERVE_USAGE}`);
  const configured = configFromEnv(io.env, io.cwd, SEED_PLAN);
  if (!configured.ok) {
    io.stderr.write(`${configured.message}\n`);
    return 2;
  }
  const { port, host, dataDir, planFile, service, tls } = configured.config;
  const booted = await bootstrap({
    dataDir,
    planFile,
    config: service,
    ...(io.now ? { clock: io.now } : {}),
    log: (entry) => io.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`),
  });
  if (!booted.ok) {
    io.stderr.write(`${booted.message}\n`);
    return booted.exitCode;
  }
  const { ctx } = booted;
  const app = createApp(ctx);
  const server = createHttpServer(
    app,
    ctx.config,
    tls ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : null,
  ).listen(port, host);
  await new Promise<void>((done, fail) => {
    server.once('listening', done);
    server.once('error', fail);
  });
  const address = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${address.address}:${address.port}/`;
  io.stdout.write(`Plan Reporting đang chạy tại / is running at ${url}\n`);
  io.stdout.write(`Mã truy cập / Access codes: ${booted.codesPath}${booted.codesWritten ? ' (mới tạo / new)' : ''}\n`);
  if (booted.openedPeriods.length)
    io.stdout.write(`Mở kỳ báo cáo / Opened periods: ${booted.openedPeriods.join(', ')}\n`);

  // Every hour: the new year's periods open by themselves, and the day's reminders go out (each at most once).
  const mailer = await smtpMailer(ctx.config.smtpUrl, ctx.config.mailFrom);
  const hourly = async () => {
    const opened = await openAllPeriodsOfThisYear(ctx);
    if (opened.length) ctx.log({ level: 'info', message: 'opened periods', periods: opened });
    const sent = await runReminders(ctx, mailer).catch((error: Error) => {
      ctx.log({ level: 'error', message: `reminders failed: ${error.message}` });
      return 0;
    });
    if (sent) ctx.log({ level: 'info', message: 'reminders sent', count: sent });
  };
  void hourly();
  const yearly = setInterval(() => void hourly(), 3600_000);
  yearly.unref();
  // Versions another process stored (\`plan-reporting pull\`) reach the master within half a minute.
  const catchUp = setInterval(() => void ctx.store.submissionSeqs().then((seqs) => ctx.master.catchUp(seqs)), 30_000);
  catchUp.unref();
  // Google Sheets: every registered sheet pulled on a schedule, one round at a time.
  let pulls: NodeJS.Timeout | null = null;
  const google = ctx.google;
  if (google && ctx.config.google && ctx.config.google.pullIntervalMs > 0) {
    const { pullAll } = await import('../service/google-pull.ts');
    let running = false;
    const round = async () => {
      if (running) return;
      running = true;
      await pullAll(ctx, google.deps)
        .catch((error: Error) => ctx.log({ level: 'error', message: `google pull failed: ${error.message}` }))
        .finally(() => {
          running = false;
        });
    };
    pulls = setInterval(() => void round(), ctx.config.google.pullIntervalMs);
    pulls.unref();
    void round();
  }

  return new Promise<number>((done) => {
    const stop = () => {
      clearInterval(yearly);
      clearInterval(catchUp);
      if (pulls) clearInterval(pulls);
      ctx.master.stop();
      void ctx.uploads.close();
      void ctx.planReader.close();
      void ctx.master.idle().then(() =>
        server.close(() => {
          void ctx.store.close().then(() => done(0));
        }),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
