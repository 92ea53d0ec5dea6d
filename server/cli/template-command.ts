// `plan-reporting template --plan FILE --agency ID --period 2023-H1 -o FILE.xlsx` (or `--all -o DIR`).
import { TEMPLATE_USAGE } from './usage.ts';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Plan } from '../../shared/domain/plan.ts';
import { indexDirectory, type AgencyIndex } from '../../shared/directory/directory.ts';
import { storePathIn } from '../config.ts';
import { Store } from '../store/store.ts';
import { choosePlan } from './store-plan.ts';
import { join, resolve } from 'node:path';
import { periodFromId } from '../../shared/domain/period.ts';
import { buildTemplateModel, reportingAgencies } from '../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../workbook/generate-workbook.ts';
import { loadPlan } from '../plan/load-plan.ts';
import { SEED_PLAN } from '../paths.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export async function templateCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['plan', 'agency', 'period', 'out', 'password']), { o: 'out' });
  allowOnly(args, ['plan', 'agency', 'period', 'out', 'password', 'all']);
  const periodId = flag(args, 'period');
  const out = flag(args, 'out');
  const all = args.flags.has('all');
  const agencyId = flag(args, 'agency');
  if (!periodId || !out || all === (agencyId !== undefined) || args.positional.length > 0)
    throw new UsageError(`Usage: ${TEMPLATE_USAGE}`);

  const loaded = await choosePlanSource(io, flag(args, 'plan'));
  if (!loaded.ok) {
    io.stderr.write(`${loaded.message}\n`);
    return loaded.exitCode;
  }
  const { plan, index, planId } = loaded;
  const period = periodFromId(periodId, plan.reporting);
  if (!period.ok) {
    io.stderr.write(
      period.reason === 'period-id-malformed'
        ? `Kỳ báo cáo "${periodId}" không hợp lệ (ví dụ 2023-H1, 2023-Y). / Invalid period "${periodId}" (e.g. 2023-H1, 2023-Y).\n`
        : `Kế hoạch không có kỳ báo cáo loại của "${periodId}". / The plan has no period of the kind of "${periodId}".\n`,
    );
    return 2;
  }
  const reporters = reportingAgencies(plan);
  const targets = all ? reporters : reporters.filter((a) => a.id === agencyId);
  if (targets.length === 0) {
    io.stderr.write(
      `Cơ quan "${agencyId}" không được giao nhiệm vụ nào trong kế hoạch. / The agency "${agencyId}" has no assignment in this plan.\n` +
        `Mã hợp lệ / Valid ids: ${reporters.map((a) => a.id).join(', ')}\n`,
    );
    return 2;
  }
  const generatedAt = (io.now ?? (() => new Date()))().toISOString();
  const password = flag(args, 'password');
  if (all) await mkdir(resolve(io.cwd, out), { recursive: true });
  for (const target of targets) {
    const model = buildTemplateModel(plan, index.byId(target.id)!, period.period, generatedAt, undefined, planId);
    const bytes = await generateWorkbook(model, password ? { password } : {});
    const path = all ? join(resolve(io.cwd, out), `${period.period.id}-${target.id}.xlsx`) : resolve(io.cwd, out);
    await writeFile(path, bytes);
    io.stdout.write(`${path}\n`);
  }
  return 0;
}

/** The plan to write templates for: a plan file, a plan id in the store, the store's only published plan, or the seed. */
async function choosePlanSource(
  io: CliIo,
  wanted: string | undefined,
): Promise<
  { ok: true; plan: Plan; index: AgencyIndex; planId?: string } | { ok: false; exitCode: number; message: string }
> {
  if (wanted && existsSync(resolve(io.cwd, wanted))) return loadPlan(resolve(io.cwd, wanted));
  const storePath = storePathIn(resolve(io.cwd, io.env.DATA_DIR ?? 'data'));
  if (!existsSync(storePath)) {
    if (wanted)
      return {
        ok: false,
        exitCode: 2,
        message: `Không có tệp hay kế hoạch ${wanted}. / No plan file or plan ${wanted}.`,
      };
    return loadPlan(SEED_PLAN);
  }
  const store = new Store(storePath);
  try {
    const chosen = await choosePlan(store, wanted);
    if (!chosen.ok) return { ok: false, exitCode: 2, message: chosen.message };
    const stored = (await store.plan(chosen.planId))!;
    const directory = (await store.directories()).find((d) => d.id === stored.directoryId);
    if (!directory)
      return {
        ok: false,
        exitCode: 2,
        message: `Không có danh bạ ${stored.directoryId}. / No directory ${stored.directoryId}.`,
      };
    return { ok: true, plan: stored.plan, index: indexDirectory(directory), planId: stored.id };
  } finally {
    await store.close();
  }
}
