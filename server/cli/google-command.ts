// `plan-reporting google create|link` and `plan-reporting pull`: the Google Sheets side from the command line, on
// the same store as the running service (DATA_DIR; SQLite in WAL mode takes both). Versions a pull stores are
// seen by the running service within its next catch-up (every 30 s), which rebuilds the master.
import { GOOGLE_USAGE, PULL_USAGE } from './usage.ts';
import { randomUUID } from 'node:crypto';
import { SEED_PLAN } from '../paths.ts';
import { configFromEnv, type GoogleConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import type { GoogleDeps } from '../google/google-sheets.ts';
import { withPlanPeriod } from './store-plan.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

async function googleDeps(io: CliIo): Promise<GoogleDeps | string> {
  const configured = configFromEnv(io.env, io.cwd, SEED_PLAN);
  if (!configured.ok) return configured.message;
  const g: GoogleConfig | null = configured.config.service.google;
  if (!g)
    return 'Chưa cấu hình Google: đặt GOOGLE_APPLICATION_CREDENTIALS (tệp khóa tài khoản dịch vụ). / Google is not configured: set GOOGLE_APPLICATION_CREDENTIALS (a service-account key file).';
  const { GoogleApi } = await import('../google/api.ts');
  try {
    return {
      api: new GoogleApi({
        keyFile: g.keyFile,
        rootUrl: g.rootUrl,
        readsPerMinute: g.readsPerMinute,
        writesPerMinute: g.writesPerMinute,
      }),
      folderId: g.folderId,
      contact: configured.config.service.contact,
    };
  } catch (error) {
    return (error as Error).message;
  }
}

const submitContext = (store: Store, io: CliIo) => ({
  store,
  clock: io.now ?? (() => new Date()),
  newId: randomUUID,
  master: { schedule: () => {} },
});

export async function googleCommand(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  const args = parseArgs(rest, new Set(['plan', 'period', 'agency', 'spreadsheet']));
  allowOnly(args, action === 'link' ? ['plan', 'period', 'agency', 'spreadsheet'] : ['plan', 'period']);
  const periodId = flag(args, 'period');
  if ((action !== 'create' && action !== 'link') || !periodId || args.positional.length > 0)
    throw new UsageError(`Usage: ${GOOGLE_USAGE}`);
  const agencyId = flag(args, 'agency');
  const spreadsheetId = flag(args, 'spreadsheet');
  if (action === 'link' && (!agencyId || !spreadsheetId)) throw new UsageError(`Usage: ${GOOGLE_USAGE}`);
  if (spreadsheetId && !/^[A-Za-z0-9_-]{10,200}$/.test(spreadsheetId))
    throw new UsageError(`--spreadsheet: "${spreadsheetId.slice(0, 60)}" is not a spreadsheet id`);
  const deps = await googleDeps(io);
  if (typeof deps === 'string') {
    io.stderr.write(`${deps}\n`);
    return 2;
  }
  const { createAgencySheets, linkAgencySheet } = await import('../google/google-sheets.ts');
  return withPlanPeriod(io, flag(args, 'plan'), periodId, async (store, plan) => {
    const planId = plan.id;
    if (action === 'link') {
      const linked = await linkAgencySheet(submitContext(store, io), deps, plan, periodId, agencyId!, spreadsheetId!);
      if (!linked.ok) {
        io.stderr.write(`Không liên kết được / Not linked: ${linked.reason}\n`);
        return 1;
      }
      io.stdout.write(`Đã liên kết / Linked: ${planId} ${periodId} ${agencyId} → ${spreadsheetId}\n`);
      return 0;
    }
    const result = await createAgencySheets(submitContext(store, io), deps, plan, periodId, (line) =>
      io.stdout.write(`${line}\n`),
    );
    io.stdout.write(
      `Tạo mới / created ${result.created.length}, đã có / already there ${result.skipped.length}, lỗi / failed ${result.failed.length}\n`,
    );
    return result.failed.length ? 1 : 0;
  });
}

export async function pullCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['plan', 'period']));
  allowOnly(args, ['plan', 'period']);
  const periodId = flag(args, 'period');
  if (!periodId || args.positional.length > 0) throw new UsageError(`Usage: ${PULL_USAGE}`);
  const deps = await googleDeps(io);
  if (typeof deps === 'string') {
    io.stderr.write(`${deps}\n`);
    return 2;
  }
  const { pullPeriod } = await import('../service/google-pull.ts');
  return withPlanPeriod(io, flag(args, 'plan'), periodId, async (store, plan) => {
    const result = await pullPeriod(submitContext(store, io), deps, plan, periodId);
    const c = result.counts;
    io.stdout.write(
      `Lưu phiên bản mới / stored ${c.stored}, không đổi / unchanged ${c.unchanged + c['same-content']}, có lỗi / with issues ${c.invalid}, bị từ chối / refused ${c.refused}, không đọc được / failed ${c.failed}\n`,
    );
    for (const i of result.invalid)
      io.stdout.write(
        `  ${i.agencyId}: ${i.issues.length} lỗi / issues (${i.issues
          .slice(0, 3)
          .map((x) => `${x.at.sheet}!${x.at.cell}`)
          .join(', ')})\n`,
      );
    for (const f of result.failed) io.stderr.write(`  ${f.agencyId} (${f.spreadsheetId}): ${f.reason}\n`);
    const retries = [...deps.api.retries].map(([k, n]) => `${k}×${n}`).join(', ');
    if (retries) io.stdout.write(`Thử lại / retried: ${retries}\n`);
    return result.failed.length ? 1 : 0;
  });
}
