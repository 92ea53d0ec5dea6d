// `plan-reporting gas [-o dist/gas] [--service-url URL]`: the Google Sheets add-on's files for clasp.
import { GAS_USAGE } from './usage.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildSheetsAddon } from '../pane/sheets-addon.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export async function gasCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['service-url', 'out']), { o: 'out' });
  allowOnly(args, ['service-url', 'out']);
  if (args.positional.length > 0) throw new UsageError(`Usage: ${GAS_USAGE}`);
  let url = flag(args, 'service-url') ?? io.env.PUBLIC_URL;
  if (!url) {
    url = `http://localhost:${io.env.PORT || 3000}`;
    io.stderr.write(
      `Chưa có PUBLIC_URL: tiện ích gọi ${url} (chỉ để thử) / No PUBLIC_URL: the add-on calls ${url} (for trying out only)\n`,
    );
  }
  let files;
  try {
    files = await buildSheetsAddon(url);
  } catch (error) {
    io.stderr.write(`Địa chỉ không hợp lệ / Invalid URL: ${(error as Error).message}\n`);
    return 2;
  }
  const out = resolve(io.cwd, flag(args, 'out') ?? 'dist/gas');
  await mkdir(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(out, name), text);
    io.stdout.write(`${join(out, name)}\n`);
  }
  return 0;
}
