// `plan-reporting directory draft PLAN [-o directory.json]`: a draft directory from the names a plan uses.
import { DIRECTORY_USAGE } from './usage.ts';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { draftDirectory } from '../../shared/directory/draft.ts';
import { overLimitsMessage, parseWithinLimits } from '../plan/load-plan.ts';
import { describePlanFileError, readPlanFile } from '../plan/plan-file.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export async function directoryCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, new Set(['out']), { o: 'out' });
  allowOnly(args, ['out']);
  if (sub !== 'draft' || args.positional.length !== 1) throw new UsageError(`Usage: ${DIRECTORY_USAGE}`);
  const file = await readPlanFile(resolve(io.cwd, args.positional[0]!));
  if (!file.ok) {
    io.stderr.write(`${describePlanFileError(file.error)}\n`);
    return file.error.code === 'text-too-long' ? 1 : 2;
  }
  const parsed = parseWithinLimits(file.blocks);
  if (!parsed.ok) {
    io.stderr.write(`${overLimitsMessage(parsed.issues)}\n`);
    return 1;
  }
  const { plan } = parsed.result;
  const draft = draftDirectory(plan, (io.now ?? (() => new Date()))().toISOString().slice(0, 10));
  if (draft.agencies.length === 0) {
    io.stderr.write(
      'Kế hoạch không nêu tên cơ quan, đơn vị nào, cả cơ quan ban hành; không có gì để lập danh bạ. / ' +
        'The plan names no body, not even its issuer; there is nothing to draft.\n',
    );
    return 1;
  }
  // A plan that names no body but its issuer gets a draft of that one body, with a word.
  if (draft.agencies.length === 1 && draft.groups.length === 0 && draft.agencies[0]!.name === plan.plan.issuer) {
    io.stderr.write(
      'Kế hoạch chỉ nêu cơ quan ban hành; danh bạ nháp chỉ có cơ quan đó, hãy thêm các cơ quan, đơn vị khác. / ' +
        'The plan names no body but its issuer; the draft holds that one, add the others yourself.\n',
    );
  }
  const json = `${JSON.stringify(draft, null, 2)}\n`;
  const out = flag(args, 'out');
  if (out) await writeFile(resolve(io.cwd, out), json);
  else io.stdout.write(json);
  const note =
    `Danh bạ nháp: ${draft.agencies.length} cơ quan, đơn vị và ${draft.groups.length} nhóm (chưa xác nhận). Hãy kiểm tra tên, loại, ` +
    `thêm thành viên cho từng nhóm (trường "groups" của mỗi cơ quan), rồi đọc lại bằng: plan parse … --directory ${out ?? 'directory.json'}` +
    ` / Draft: ${draft.agencies.length} bodies and ${draft.groups.length} groups, unconfirmed; check them, give each group its members, then parse with --directory.\n`;
  (out ? io.stdout : io.stderr).write(note);
  return 0;
}
