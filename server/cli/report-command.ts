// `plan-reporting report [--plan ID] --period P -o bao-cao.docx`: the consolidated report drafted from the store.
import { REPORT_USAGE } from './usage.ts';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { consolidatedFromStore } from '../report/report-source.ts';
import { consolidatedDocx } from '../report/write-docx.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';
import { withPlanPeriod } from './store-plan.ts';

export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['plan', 'period', 'out']), { o: 'out' });
  allowOnly(args, ['plan', 'period', 'out']);
  const periodId = flag(args, 'period');
  const out = flag(args, 'out');
  if (!periodId || !out || args.positional.length > 0) throw new UsageError(`Usage: ${REPORT_USAGE}`);
  return withPlanPeriod(io, flag(args, 'plan'), periodId, async (store, plan, period) => {
    const path = resolve(io.cwd, out);
    await writeFile(path, await consolidatedDocx(await consolidatedFromStore(store, plan, period)));
    io.stdout.write(`${path}\n`);
    return 0;
  });
}
