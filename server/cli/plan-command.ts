// `plan-reporting plan parse FILE [--json] [--directory FILE]`
import { PLAN_USAGE, PLANS_USAGE } from './usage.ts';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { AppContext } from '../service/context.ts';
import { SEED_PLAN } from '../paths.ts';
import { Directory, type DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { planIssueMessage, planIssueWordingOf } from '../../shared/plan/plan-messages.ts';
import { readPlanFile, describePlanFileError } from '../plan/plan-file.ts';
import { overLimitsMessage, parseWithinLimits } from '../plan/load-plan.ts';
import { formatPlanSummary } from './plan-summary.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export async function loadDirectory(
  path: string,
): Promise<{ ok: true; directory: DirectoryInput } | { ok: false; message: string }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return {
      ok: false,
      message: `Không đọc được danh bạ ${path}: ${(error as Error).message} / Cannot read the directory ${path}.`,
    };
  }
  const parsed = Directory.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return {
      ok: false,
      message:
        `Danh bạ ${path} không hợp lệ ở trường "${first.path.join('.')}": ${first.message} / ` +
        `Invalid directory ${path} at field "${first.path.join('.')}": ${first.message}`,
    };
  }
  return { ok: true, directory: parsed.data };
}

export async function planCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return importCommand(rest, io);
  if (sub !== 'parse') throw new UsageError(`Usage: ${PLAN_USAGE}`);
  const args = parseArgs(rest, new Set(['directory']));
  allowOnly(args, ['json', 'directory']);
  if (args.positional.length !== 1) throw new UsageError(`Usage: ${PLAN_USAGE}`);
  let directories = BUNDLED_DIRECTORIES;
  const directoryPath = flag(args, 'directory');
  if (directoryPath) {
    const loaded = await loadDirectory(resolve(io.cwd, directoryPath));
    if (!loaded.ok) {
      io.stderr.write(`${loaded.message}\n`);
      return 2;
    }
    directories = [loaded.directory];
  }
  const file = await readPlanFile(resolve(io.cwd, args.positional[0]!));
  // Over the plan's limits is a plan that cannot be used (1), not a file that cannot be read (2).
  if (!file.ok) {
    io.stderr.write(`${describePlanFileError(file.error)}\n`);
    return file.error.code === 'text-too-long' ? 1 : 2;
  }
  const parsed = parseWithinLimits(file.blocks, { directories });
  if (!parsed.ok) {
    io.stderr.write(`${overLimitsMessage(parsed.issues)}\n`);
    return 1;
  }
  const { result } = parsed;
  if (args.flags.has('json')) {
    io.stdout.write(
      `${JSON.stringify(
        {
          ...result.plan,
          coverage: result.coverage,
          issues: result.issues.map((i) => ({ ...i, message: planIssueWordingOf(i) })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout.write(formatPlanSummary(result));
  }
  if (!result.usable) {
    io.stderr.write(
      `Kế hoạch có ${result.issues.filter((i) => i.severity === 'error').length} lỗi cần sửa. / ` +
        `The plan has blocking issues.\n`,
    );
    return 1;
  }
  return 0;
}

/** `plan import FILE`: the document becomes a draft plan in the store, to be reviewed and published on the city page. */
async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set());
  allowOnly(args, []);
  if (args.positional.length !== 1) throw new UsageError(`Usage: ${PLAN_USAGE}`);
  const path = resolve(io.cwd, args.positional[0]!);
  const file = await readPlanFile(path);
  if (!file.ok) {
    io.stderr.write(`${describePlanFileError(file.error)}\n`);
    return file.error.code === 'text-too-long' ? 1 : 2;
  }
  const booted = await openService(io);
  if (!booted.ok) {
    io.stderr.write(`${booted.message}\n`);
    return booted.exitCode;
  }
  try {
    const { importPlan } = await import('../service/plan-review.ts');
    const act = await importPlan(
      booted.ctx,
      { bytes: new Uint8Array(await readFile(path)), name: basename(path), actor: 'Dòng lệnh / command line' },
      true,
    );
    if (!act.ok && act.error.code === 'plan-over-limits') {
      io.stderr.write(`${overLimitsMessage(act.error.issues)}\n`);
      return 1;
    }
    if (!act.ok && act.error.code === 'plan-too-long') {
      io.stderr.write(`${act.error.message}\n`);
      return 1;
    }
    if (!act.ok) {
      io.stderr.write(`${'message' in act.error ? act.error.message : act.error.code}\n`);
      return 2;
    }
    io.stdout.write(`Đã nhập bản nháp / Imported as draft: ${act.planId} — ${act.reading.head.plan.title}\n`);
    for (const issue of act.reading.issues)
      io.stdout.write(
        `  [${issue.severity === 'error' ? 'LỖI' : 'lưu ý'}] ${issue.at.where}: ${planIssueMessage(issue.code, issue.params)}\n`,
      );
    io.stdout.write(
      act.reading.usable
        ? 'Có thể ban hành trên trang thành phố. / Ready to publish on the city page.\n'
        : 'Còn lỗi cần sửa trên trang thành phố trước khi ban hành. / Fix the blocking issues on the city page before publishing.\n',
    );
    return act.reading.usable ? 0 : 1;
  } finally {
    await closeService(booted.ctx);
  }
}

/** `plans`: every plan in the store with its state and periods. */
export async function plansCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set());
  allowOnly(args, ['json']);
  if (args.positional.length > 0) throw new UsageError(`Usage: ${PLANS_USAGE}`);
  const booted = await openService(io);
  if (!booted.ok) {
    io.stderr.write(`${booted.message}\n`);
    return booted.exitCode;
  }
  try {
    const { store } = booted.ctx;
    const heads = await store.planHeads();
    const rows = await Promise.all(
      (await store.plans()).map(async (p) => ({
        id: p.id,
        state: p.state,
        title: heads.get(p.id)?.title ?? '',
        periods: (await store.periods(p.id)).map((x) => `${x.id} (${x.state})`),
      })),
    );
    if (args.flags.has('json')) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else
      for (const r of rows)
        io.stdout.write(`${r.id}\t${r.state}\t${r.periods.join(', ') || '—'}\t${r.title.slice(0, 100)}\n`);
    return 0;
  } finally {
    await closeService(booted.ctx);
  }
}

// The service's stack (SQLite, the master) is loaded only by the commands that use the store, never by `plan parse`.
async function openService(io: CliIo) {
  const { bootstrap } = await import('../service/bootstrap.ts');
  return bootstrap({
    dataDir: resolve(io.cwd, io.env.DATA_DIR ?? 'data'),
    planFile: SEED_PLAN,
    ...(io.now ? { clock: io.now } : {}),
    log: () => undefined,
  });
}

async function closeService(ctx: AppContext) {
  ctx.master.stop();
  await ctx.uploads.close();
  await ctx.planReader.close();
  await ctx.master.idle();
  await ctx.store.close();
}
