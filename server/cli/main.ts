// The `plan-reporting` command: dispatches to one module per command; words in Vietnamese then English.
import { planCommand, PLAN_USAGE } from './plan-command.ts';
import { serveCommand, SERVE_USAGE } from './serve-command.ts';
import { templateCommand, TEMPLATE_USAGE } from './template-command.ts';
import { workbookCommand, WORKBOOK_USAGE } from './workbook-command.ts';
import { masterCommand, MASTER_USAGE } from './master-command.ts';
import { UsageError, type CliIo } from './io.ts';

const USAGE = ['Cách dùng / Usage:', PLAN_USAGE, TEMPLATE_USAGE, WORKBOOK_USAGE, MASTER_USAGE, SERVE_USAGE].join('\n  ');

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  plan: planCommand,
  serve: serveCommand,
  template: templateCommand,
  workbook: workbookCommand,
  master: masterCommand,
};

/** Runs one command; returns the exit code (0 ok, 1 blocking issues, 2 unreadable input or bad arguments). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`Lệnh không hợp lệ "${command}" / Unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    io.stderr.write(`Lỗi không mong đợi / Unexpected error: ${(error as Error).message}\n`);
    return 70;
  }
}
