// The `plan-reporting` command: dispatches to one module per command; words in Vietnamese then English.
import { UsageError, type CliIo } from './io.ts';
import {
  DIRECTORY_USAGE,
  GAS_USAGE,
  GOOGLE_USAGE,
  MANIFEST_USAGE,
  MASTER_USAGE,
  PLAN_USAGE,
  PLANS_USAGE,
  PULL_USAGE,
  REPORT_USAGE,
  SERVE_USAGE,
  TEMPLATE_USAGE,
  WORKBOOK_USAGE,
} from './usage.ts';

const HELP = new Set(['--help', '-h']);
// Each command's usage line, in the order the full usage lists them.
const COMMAND_USAGE: Record<string, string> = {
  plan: PLAN_USAGE,
  directory: DIRECTORY_USAGE,
  plans: PLANS_USAGE,
  template: TEMPLATE_USAGE,
  workbook: WORKBOOK_USAGE,
  master: MASTER_USAGE,
  report: REPORT_USAGE,
  manifest: MANIFEST_USAGE,
  gas: GAS_USAGE,
  google: GOOGLE_USAGE,
  pull: PULL_USAGE,
  serve: SERVE_USAGE,
};
const USAGE = ['Cách dùng / Usage:', ...Object.values(COMMAND_USAGE)].join('\n  ');

type Command = (argv: string[], io: CliIo) => Promise<number>;
// Each command's module (and so its dependencies: Express, SQLite, ExcelJS…) is loaded only when that command runs.
const COMMANDS: Record<string, () => Promise<Command>> = {
  plan: async () => (await import('./plan-command.ts')).planCommand,
  plans: async () => (await import('./plan-command.ts')).plansCommand,
  serve: async () => (await import('./serve-command.ts')).serveCommand,
  template: async () => (await import('./template-command.ts')).templateCommand,
  workbook: async () => (await import('./workbook-command.ts')).workbookCommand,
  master: async () => (await import('./master-command.ts')).masterCommand,
  manifest: async () => (await import('./manifest-command.ts')).manifestCommand,
  report: async () => (await import('./report-command.ts')).reportCommand,
  gas: async () => (await import('./gas-command.ts')).gasCommand,
  directory: async () => (await import('./directory-command.ts')).directoryCommand,
  google: async () => (await import('./google-command.ts')).googleCommand,
  pull: async () => (await import('./google-command.ts')).pullCommand,
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
  const load = COMMANDS[command];
  if (!load) {
    io.stderr.write(`Lệnh không hợp lệ "${command}" / Unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  try {
    const run = await load();
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
