// The `plan-reporting` command: dispatches to one module per command; words in Vietnamese then English.
import { planCommand, plansCommand, PLAN_USAGE, PLANS_USAGE } from './plan-command.ts';
import { serveCommand, SERVE_USAGE } from './serve-command.ts';
import { templateCommand, TEMPLATE_USAGE } from './template-command.ts';
import { workbookCommand, WORKBOOK_USAGE } from './workbook-command.ts';
import { masterCommand, MASTER_USAGE } from './master-command.ts';
import { manifestCommand, MANIFEST_USAGE } from './manifest-command.ts';
import { reportCommand, REPORT_USAGE } from './report-command.ts';
import { gasCommand, GAS_USAGE } from './gas-command.ts';
import { directoryCommand, DIRECTORY_USAGE } from './directory-command.ts';
import { googleCommand, pullCommand, GOOGLE_USAGE, PULL_USAGE } from './google-command.ts';
import { UsageError, type CliIo } from './io.ts';

const USAGE = ['Cách dùng / Usage:', PLAN_USAGE, DIRECTORY_USAGE, PLANS_USAGE, TEMPLATE_USAGE, WORKBOOK_USAGE, MASTER_USAGE, REPORT_USAGE, MANIFEST_USAGE, GAS_USAGE, GOOGLE_USAGE, PULL_USAGE, SERVE_USAGE].join('\n  ');

const HELP = new Set(['--help', '-h']);
const COMMAND_USAGE: Record<string, string> = { plan: PLAN_USAGE, plans: PLANS_USAGE, serve: SERVE_USAGE, template: TEMPLATE_USAGE, workbook: WORKBOOK_USAGE, master: MASTER_USAGE, report: REPORT_USAGE, manifest: MANIFEST_USAGE, gas: GAS_USAGE, directory: DIRECTORY_USAGE, google: GOOGLE_USAGE, pull: PULL_USAGE };

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  plan: planCommand,
  plans: plansCommand,
  serve: serveCommand,
  template: templateCommand,
  workbook: workbookCommand,
  master: masterCommand,
  manifest: manifestCommand,
  report: reportCommand,
  gas: gasCommand,
  directory: directoryCommand,
  google: googleCommand,
  pull: pullCommand,
};

/** Runs one command; returns the exit code (0 ok, 1 blocking issues, 2 unreadable input or bad arguments). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Asking for help is not a mistake: the usage on stdout, exit 0.
  if (command === 'help' || HELP.has(command) || rest.some((a) => HELP.has(a))) {
    const usage = COMMAND_USAGE[command];
    io.stdout.write(`${usage ? `Cách dùng / Usage:\n  ${usage}` : USAGE}\n`);
    return 0;
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
