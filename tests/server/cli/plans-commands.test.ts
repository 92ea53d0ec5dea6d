// The CLI over the store's plans: plan import, plans, and --plan on template and master.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { runCli } from '../../helpers/cli.ts';
import { SECOND_PLAN_ID, secondPlanDocx } from '../../helpers/second-plan.ts';

const dir = mkdtempSync(join(tmpdir(), 'plans-cli-'));
const env = { DATA_DIR: join(dir, 'data') };
const now = () => new Date('2026-11-25T03:00:00Z');
const cli = (argv: string[]) => runCli(argv, env, dir, now);

beforeAll(async () => {
  writeFileSync(join(dir, 'ke-hoach-45.docx'), secondPlanDocx());
  // A fresh DATA_DIR: the first command sets the store up with the seed published.
  expect((await cli(['plans'])).code).toBe(0);
});

describe('plan-reporting plan import and plans', () => {
  it("lists the seed plan published with this year's periods", async () => {
    const { code, stdout } = await cli(['plans']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kh-2023\tpublished\t2026-H1 \(open\), 2026-Y \(open\)\tThực hiện Kế hoạch số 256-KH\/TU/);
  });

  it('imports a document as a draft and lists what blocks it (exit 1)', async () => {
    const { code, stdout } = await cli(['plan', 'import', 'ke-hoach-45.docx']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `Đã nhập bản nháp / Imported as draft: ${SECOND_PLAN_ID} — Chuyển đổi số trong cơ quan hành chính năm 2025`,
    );
    expect(stdout).toContain('[LỖI] line 14: Không có cơ quan "Trung tâm Dịch vụ số thành phố"');
    const list = JSON.parse((await cli(['plans', '--json'])).stdout) as { id: string; state: string }[];
    expect(list.map((p) => `${p.id}:${p.state}`)).toContain(`${SECOND_PLAN_ID}:draft`);
  });

  it('refuses a file that is not a plan document with exit 2', async () => {
    writeFileSync(join(dir, 'rong.txt'), '');
    expect(await cli(['plan', 'import', 'rong.txt'])).toMatchObject({
      code: 2,
      stderr: 'Tệp trống. / The file is empty.\n',
    });
  });
});

describe('--plan on template and master', () => {
  it('writes a template of a stored plan, carrying its id', async () => {
    const { code } = await cli([
      'template',
      '--plan',
      'kh-2023',
      '--agency',
      'phuong-1',
      '--period',
      '2026-Y',
      '-o',
      'p1.xlsx',
    ]);
    expect(code).toBe(0);
    const read = readXlsx(new Uint8Array(readFileSync(join(dir, 'p1.xlsx'))));
    expect(read.ok && read.grid._meta!.find((r) => r[0] === 'planId')?.[1]).toBe('kh-2023');
    expect(
      await cli(['template', '--plan', 'khong-co', '--agency', 'phuong-1', '--period', '2026-Y', '-o', 'x.xlsx']),
    ).toMatchObject({ code: 2 });
  });

  it('writes the master of the only published plan, and names the plan when the period is not its', async () => {
    expect(await cli(['master', '--period', '2026-Y', '-o', 'm.xlsx'])).toMatchObject({
      code: 0,
      stdout: `${join(dir, 'm.xlsx')}\n`,
    });
    expect(await cli(['master', '--plan', SECOND_PLAN_ID, '--period', '2026-Y', '-o', 'm2.xlsx'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`No period 2026-Y of the plan ${SECOND_PLAN_ID}`),
    });
  });
});
