// `plan-reporting master --period 2023-H1 -o FILE.xlsx`: the master workbook written from the store (DATA_DIR).
import { MASTER_USAGE } from './usage.ts';
import { resolve } from 'node:path';
import { writeMasterFromStore } from '../master/master-source.ts';
import { withPlanStore } from './store-plan.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export async function masterCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['period', 'out', 'plan']), { o: 'out' });
  allowOnly(args, ['period', 'out', 'plan']);
  const periodId = flag(args, 'period');
  const out = flag(args, 'out');
  if (!periodId || !out || args.positional.length > 0) throw new UsageError(`Usage: ${MASTER_USAGE}`);
  return withPlanStore(io, flag(args, 'plan'), async (store, planId) => {
    const path = resolve(io.cwd, out);
    const written = await writeMasterFromStore(store, planId, periodId, (io.now ?? (() => new Date()))(), path);
    if (!written.ok) {
      io.stderr.write(
        `Không có kỳ báo cáo ${periodId} của kế hoạch ${planId} trong kho. / No period ${periodId} of the plan ${planId} in the store.\n`,
      );
      return 2;
    }
    io.stdout.write(`${path}\n`);
    return 0;
  });
}
