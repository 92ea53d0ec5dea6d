import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the one-way dependency rule', () => {
  it('stops shared/ from importing the server, the add-ins or Node modules', async () => {
    expect(
      await messages('shared/x.ts', "import { main } from '../server/cli/main.ts';\nexport const x = main;\n"),
    ).toEqual([expect.stringContaining('shared/ is the pure domain core')]);
    expect(
      await messages('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"),
    ).toEqual([expect.stringContaining('no I/O or Node modules here')]);
  });

  it('keeps the Excel and Sheets hosts apart, and the server off the add-ins', async () => {
    expect(
      await messages('addin/excel/host.ts', "import { host } from '../sheets/host.ts';\nexport const x = host;\n"),
    ).toEqual([expect.stringContaining('never the server or the Sheets host')]);
    expect(
      await messages('addin/sheets/host.ts', "import { host } from '../excel/host.ts';\nexport const x = host;\n"),
    ).toEqual([expect.stringContaining('never the server or the Excel host')]);
    expect(
      await messages('server/x.ts', "import { ui } from '../addin/sidebar/ui.ts';\nexport const x = ui;\n"),
    ).toEqual([expect.stringContaining('The server must not import the add-ins')]);
  });

  it('lets the server and the add-ins import shared/', async () => {
    expect(
      await messages('server/x.ts', "import { nfc } from '../shared/text/vietnamese.ts';\nexport const x = nfc;\n"),
    ).toEqual([]);
    expect(
      await messages(
        'addin/sidebar/x.ts',
        "import { nfc } from '../../shared/text/vietnamese.ts';\nexport const x = nfc;\n",
      ),
    ).toEqual([]);
  });
});
