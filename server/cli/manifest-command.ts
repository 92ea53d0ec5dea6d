// `plan-reporting manifest --base-url https://baocao.example.gov.vn [-o FILE]`: the Office add-in manifest of a deployment.
import { MANIFEST_USAGE } from './usage.ts';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { manifestXml } from '../pane/manifest.ts';
import { allowOnly, flag, parseArgs, UsageError, type CliIo } from './io.ts';

export async function manifestCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, new Set(['base-url', 'out']), { o: 'out' });
  allowOnly(args, ['base-url', 'out']);
  const base = flag(args, 'base-url');
  if (!base || args.positional.length > 0) throw new UsageError(`Usage: ${MANIFEST_USAGE}`);
  let xml: string;
  try {
    xml = manifestXml(base);
  } catch (error) {
    io.stderr.write(`Địa chỉ không hợp lệ (cần https) / Invalid URL (https needed): ${(error as Error).message}\n`);
    return 2;
  }
  const out = flag(args, 'out');
  if (out) {
    await writeFile(resolve(io.cwd, out), xml);
    io.stdout.write(`${resolve(io.cwd, out)}\n`);
  } else io.stdout.write(xml);
  return 0;
}
