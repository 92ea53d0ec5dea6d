// `plan-reporting report [--plan ID] --period P -o bao-cao.docx`: the consolidated report drafted from the store.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { storePathIn } from '../config.ts';
import { planContext } from '../service/plan-context.ts';
import { consolidatedFromStore } from '../report/report-source.ts';
import { consolidatedDocx } from '../report/write-docx.ts';
import { Store } from '../store/store.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';
import { choosePlan } from './store-plan.ts';

export const REPORT_USAGE = 'plan-reporting report [--plan ID] --period 2026-Y -o bao-cao.docx   (env: DATA_DIR=data)';

export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['plan', 'period', 'out']), { o: 'out' });
  allowOnly(args, ['plan', 'period', 'out']);
  const periodId = flag(args, 'period');
  const out = flag(args, 'out');
  if (!periodId || !out || args.positional.length > 0) throw new UsageError(`Usage: ${REPORT_USAGE}`);
  const file = storePathIn(resolve(io.cwd, io.env.DATA_DIR ?? 'data'));
  if (!existsSync(file)) {
    io.stderr.write(`Chưa có kho dữ liệu ${file}; hãy chạy "plan-reporting serve" trước. / No store at ${file}; run "plan-reporting serve" first.\n`);
    return 2;
  }
  const store = new Store(file);
  try {
    const chosen = choosePlan(store, flag(args, 'plan'));
    if (!chosen.ok) { io.stderr.write(`${chosen.message}\n`); return 2; }
    const stored = store.plan(chosen.planId)!;
    const period = store.period(chosen.planId, periodId);
    const directory = store.directories().find((d) => d.id === stored.directoryId) ?? BUNDLED_DIRECTORIES.find((d) => d.id === stored.directoryId);
    if (!period || !directory) {
      io.stderr.write(`Không có kỳ báo cáo ${periodId} của kế hoạch ${chosen.planId}. / No period ${periodId} of the plan ${chosen.planId}.\n`);
      return 2;
    }
    const plan = planContext(chosen.planId, stored.state, stored.plan, stored.planKey, directory);
    const path = resolve(io.cwd, out);
    await writeFile(path, await consolidatedDocx(consolidatedFromStore(store, plan, period)));
    io.stdout.write(`${path}\n`);
    return 0;
  } finally {
    store.close();
  }
}
