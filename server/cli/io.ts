// What a CLI command may touch: its streams, working directory and environment (injected for tests).
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  /** The clock; the real one unless a test injects another. */
  now?: () => Date;
}

export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Splits `a b --json --out x -o y` into positionals and flags; `valued` names flags that take a value. */
export function parseArgs(
  argv: string[],
  valued: ReadonlySet<string>,
  aliases: Record<string, string> = {},
): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    const name = aliases[rawName] ?? rawName;
    if (valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`--${name} cần một giá trị / --${name} needs a value`);
      flags.set(name, value);
    } else {
      if (inline !== undefined) throw new UsageError(`--${name} không nhận giá trị / --${name} takes no value`);
      flags.set(name, true);
    }
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** Rejects flags the command does not know, so a typo is not silently ignored. */
export function allowOnly(args: ParsedArgs, known: string[]): void {
  for (const name of args.flags.keys()) {
    if (!known.includes(name)) throw new UsageError(`Tùy chọn không hợp lệ --${name} / Unknown option --${name}`);
  }
}
