// `plan-reporting template --plan FILE --agency ID --period 2023-H1 -o FILE.xlsx` (or `--all -o DIR`).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { periodFromId } from '../../shared/domain/period.ts';
import { buildTemplateModel, reportingAgencies } from '../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../workbook/generate-workbook.ts';
import { loadPlan } from '../plan/load-plan.ts';
import { SEED_PLAN } from './serve-command.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export const TEMPLATE_USAGE = 'plan-reporting template [--plan FILE] --period 2023-H1 (--agency ID -o FILE.xlsx | --all -o DIR) [--password P]';

export async function templateCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['plan', 'agency', 'period', 'out', 'password']), { o: 'out' });
  allowOnly(args, ['plan', 'agency', 'period', 'out', 'password', 'all']);
  const periodId = flag(args, 'period');
  const out = flag(args, 'out');
  const all = args.flags.has('all');
  const agencyId = flag(args, 'agency');
  if (!periodId || !out || all === (agencyId !== undefined) || args.positional.length > 0) throw new UsageError(`Usage: ${TEMPLATE_USAGE}`);

  const loaded = await loadPlan(resolve(io.cwd, flag(args, 'plan') ?? SEED_PLAN));
  if (!loaded.ok) { io.stderr.write(`${loaded.message}\n`); return loaded.exitCode; }
  const { plan, index } = loaded;
  const period = periodFromId(periodId, plan.reporting);
  if (!period.ok) {
    io.stderr.write(period.reason === 'period-id-malformed'
      ? `Kỳ báo cáo "${periodId}" không hợp lệ (ví dụ 2023-H1, 2023-Y). / Invalid period "${periodId}" (e.g. 2023-H1, 2023-Y).\n`
      : `Kế hoạch không có kỳ báo cáo loại của "${periodId}". / The plan has no period of the kind of "${periodId}".\n`);
    return 2;
  }
  const reporters = reportingAgencies(plan);
  const targets = all ? reporters : reporters.filter((a) => a.id === agencyId);
  if (targets.length === 0) {
    io.stderr.write(`Cơ quan "${agencyId}" không được giao nhiệm vụ nào trong kế hoạch. / The agency "${agencyId}" has no assignment in this plan.\n` +
      `Mã hợp lệ / Valid ids: ${reporters.map((a) => a.id).join(', ')}\n`);
    return 2;
  }
  const generatedAt = (io.now ?? (() => new Date()))().toISOString();
  const password = flag(args, 'password');
  if (all) await mkdir(resolve(io.cwd, out), { recursive: true });
  for (const target of targets) {
    const model = buildTemplateModel(plan, index.byId(target.id)!, period.period, generatedAt);
    const bytes = await generateWorkbook(model, password ? { password } : {});
    const path = all ? join(resolve(io.cwd, out), `${period.period.id}-${target.id}.xlsx`) : resolve(io.cwd, out);
    await writeFile(path, bytes);
    io.stdout.write(`${path}\n`);
  }
  return 0;
}
