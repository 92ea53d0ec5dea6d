// `plan-reporting plan parse FILE [--json] [--directory FILE]`
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Directory, type DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { parsePlan } from '../../shared/plan/plan-parser.ts';
import { readPlanFile, describePlanFileError } from '../plan/plan-file.ts';
import { formatPlanSummary } from './plan-summary.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export const PLAN_USAGE = 'plan-reporting plan parse FILE [--json] [--directory FILE]';

export async function loadDirectory(path: string): Promise<{ ok: true; directory: DirectoryInput } | { ok: false; message: string }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: `Không đọc được danh bạ ${path}: ${(error as Error).message} / Cannot read the directory ${path}.` };
  }
  const parsed = Directory.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { ok: false, message: `Danh bạ ${path} không hợp lệ ở trường "${first.path.join('.')}": ${first.message} / ` +
      `Invalid directory ${path} at field "${first.path.join('.')}": ${first.message}` };
  }
  return { ok: true, directory: parsed.data };
}

export async function planCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'parse') throw new UsageError(`Usage: ${PLAN_USAGE}`);
  const args = parseArgs(rest, new Set(['directory']));
  allowOnly(args, ['json', 'directory']);
  if (args.positional.length !== 1) throw new UsageError(`Usage: ${PLAN_USAGE}`);
  let directories = BUNDLED_DIRECTORIES;
  const directoryPath = flag(args, 'directory');
  if (directoryPath) {
    const loaded = await loadDirectory(resolve(io.cwd, directoryPath));
    if (!loaded.ok) { io.stderr.write(`${loaded.message}\n`); return 2; }
    directories = [loaded.directory];
  }
  const file = await readPlanFile(resolve(io.cwd, args.positional[0]!));
  if (!file.ok) { io.stderr.write(`${describePlanFileError(file.error)}\n`); return 2; }
  const result = parsePlan(file.blocks, { directories });
  if (args.flags.has('json')) {
    io.stdout.write(`${JSON.stringify({ ...result.plan, issues: result.issues }, null, 2)}\n`);
  } else {
    io.stdout.write(formatPlanSummary(result));
  }
  if (!result.usable) {
    io.stderr.write(`Kế hoạch có ${result.issues.filter((i) => i.severity === 'error').length} lỗi cần sửa. / ` +
      `The plan has blocking issues.\n`);
    return 1;
  }
  return 0;
}

