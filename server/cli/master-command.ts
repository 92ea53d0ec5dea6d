// `plan-reporting master --period 2023-H1 -o FILE.xlsx`: the master workbook written from the store (DATA_DIR).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { storePathIn } from '../config.ts';
import { writeMasterFromStore } from '../master/master-source.ts';
import { Store } from '../store/store.ts';
import { choosePlan } from './store-plan.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export const MASTER_USAGE = 'plan-reporting master [--plan ID] --period 2023-H1 -o FILE.xlsx   (env: DATA_DIR=data)';

export async function masterCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['period', 'out', 'plan']), { o: 'out' });
  allowOnly(args, ['period', 'out', 'plan']);
  const periodId = flag(args, 'period');
  const out = flag(args, 'out');
  if (!periodId || !out || args.positional.length > 0) throw new UsageError(`Usage: ${MASTER_USAGE}`);
  const file = storePathIn(resolve(io.cwd, io.env.DATA_DIR ?? 'data'));
  if (!existsSync(file)) {
    io.stderr.write(`Chưa có kho dữ liệu ${file}; hãy chạy "plan-reporting serve" trước. / No store at ${file}; run "plan-reporting serve" first.\n`);
    return 2;
  }
  const store = new Store(file);
  try {
    const chosen = choosePlan(store, flag(args, 'plan'));
    if (!chosen.ok) { io.stderr.write(`${chosen.message}\n`); return 2; }
    const path = resolve(io.cwd, out);
    const written = await writeMasterFromStore(store, chosen.planId, periodId, (io.now ?? (() => new Date()))(), path);
    if (!written.ok) {
      io.stderr.write(`Không có kỳ báo cáo ${periodId} của kế hoạch ${chosen.planId} trong kho. / No period ${periodId} of the plan ${chosen.planId} in the store.\n`);
      return 2;
    }
    io.stdout.write(`${path}\n`);
    return 0;
  } finally {
    store.close();
  }
}
