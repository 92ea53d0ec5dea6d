// `plan-reporting workbook check FILE [--json] [--agency ID] [--period P]`
import { WORKBOOK_USAGE } from './usage.ts';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readReport } from '../../shared/workbook/grid-reader.ts';
import { issueWording, type WorkbookIssue } from '../../shared/workbook/issue.ts';
import { describeXlsxError, readXlsx, WORKBOOK_LIMITS } from '../workbook/xlsx-reader.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

const line = (i: WorkbookIssue) => {
  const { vi, en } = issueWording(i);
  return `  [${i.severity === 'error' ? 'LỖI' : 'lưu ý'}] ${i.at.sheet}!${i.at.cell} ${i.code} — ${vi} / ${en}`;
};

export async function workbookCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check') throw new UsageError(`Usage: ${WORKBOOK_USAGE}`);
  const args = parseArgs(rest, new Set(['agency', 'period']));
  allowOnly(args, ['json', 'agency', 'period']);
  if (args.positional.length !== 1) throw new UsageError(`Usage: ${WORKBOOK_USAGE}`);
  const path = resolve(io.cwd, args.positional[0]!);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    io.stderr.write(`Không tìm thấy tệp ${path}. / File not found: ${path}.\n`);
    return 2;
  }
  if (size > WORKBOOK_LIMITS.maxBytes) {
    io.stderr.write(
      `${describeXlsxError({ code: 'workbook-too-large', bytes: size, limit: WORKBOOK_LIMITS.maxBytes })}\n`,
    );
    return 2;
  }
  const read = readXlsx(new Uint8Array(await readFile(path)));
  if (!read.ok) {
    io.stderr.write(`${describeXlsxError(read.error)}\n`);
    return 2;
  }
  const agencyId = flag(args, 'agency');
  const periodId = flag(args, 'period');
  const result = readReport(read.grid, {
    expected: { ...(agencyId ? { agencyId } : {}), ...(periodId ? { periodId } : {}) },
  });
  const json = args.flags.has('json');
  if (result.ok) {
    if (json) io.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
    else {
      const r = result.value;
      io.stdout.write(
        `Hợp lệ / Valid: ${r.agencyId}, ${r.periodId} — ${r.tasks.length} nhiệm vụ / tasks, ${r.measures.length} chỉ tiêu / measures\n`,
      );
      for (const w of result.warnings) io.stdout.write(`${line(w)}\n`);
    }
    return 0;
  }
  if (json)
    io.stdout.write(
      `${JSON.stringify({ issues: result.issues.map((i) => ({ ...i, message: issueWording(i) })) }, null, 2)}\n`,
    );
  else {
    io.stdout.write(`Có ${result.issues.length} vấn đề / ${result.issues.length} issues:\n`);
    for (const i of result.issues) io.stdout.write(`${line(i)}\n`);
  }
  return 1;
}
