// `plan-reporting serve`: until the sync service lands, prints the bundled seed plan it will serve.
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../../shared/plan/plan-parser.ts';
import { readPlanFile, describePlanFileError } from '../plan/plan-file.ts';
import { formatPlanSummary } from './plan-summary.ts';
import type { CliIo } from './io.ts';

export const SERVE_USAGE = 'plan-reporting serve';
export const SEED_PLAN = fileURLToPath(new URL('../seed/ke-hoach-nq28-vung-tau-2023.txt', import.meta.url));

export async function serveCommand(_argv: string[], io: CliIo): Promise<number> {
  const path = io.env.PLAN_FILE ?? SEED_PLAN;
  const file = await readPlanFile(path);
  if (!file.ok) { io.stderr.write(`${describePlanFileError(file.error)}\n`); return 2; }
  io.stdout.write(formatPlanSummary(parsePlan(file.blocks)));
  return 0;
}
