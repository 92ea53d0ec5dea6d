// The plan's limits wherever a plan enters by the command line (issue 20, items 1 and 7): `plan parse`, `plan import`,
// `directory draft` and a template from a plan file refuse a plan over them with exit 1 and the finding; a long title is a warning.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { bigPlan, taskLine } from '../../helpers/big-plan.ts';

const dir = mkdtempSync(join(tmpdir(), 'plan-limits-cli-'));
const env = { DATA_DIR: join(dir, 'data') };
const now = () => new Date('2026-11-25T03:00:00Z');
const cli = (argv: string[]) => runCli(argv, env, dir, now);
const title = (n: number, long: string) => (n === 2 ? long : `Nhiệm vụ ${n}.`);

beforeAll(() => {
  writeFileSync(join(dir, 'nhieu-nhiem-vu.txt'), bigPlan(2001));
  writeFileSync(join(dir, 'tieu-de-dai.txt'), bigPlan(3, { title: (n) => title(n, 'Dài'.repeat(33_333) + 'D') }));
  writeFileSync(
    join(dir, 'tieu-de-600.txt'),
    bigPlan(3, { title: (n) => title(n, `Nhiệm vụ hai ${'x'.repeat(600)}`) }),
  );
  writeFileSync(join(dir, 'qua-dai.txt'), `KẾ HOẠCH\n${'1. Nhiệm vụ.\n'.repeat(80_000)}`);
});

describe('the plan limits on the command line', () => {
  it('plan parse: 2,001 tasks exit 1, naming the 2,001st task and its line', async () => {
    const { code, stderr } = await cli(['plan', 'parse', 'nhieu-nhiem-vu.txt']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `line ${taskLine(2001)}: Kế hoạch có 2001 nhiệm vụ, vượt quá giới hạn 2000 (từ NV2001 trở đi).`,
    );
  });

  it('plan parse: a 100,000-character title exits 1 naming the field; more than 1,000,000 characters exits 1', async () => {
    const long = await cli(['plan', 'parse', 'tieu-de-dai.txt']);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain(
      `line ${taskLine(2)}: Nội dung "tasks.NV2.title" dài 100000 ký tự, vượt quá giới hạn 2000 ký tự.`,
    );
    const text = await cli(['plan', 'parse', 'qua-dai.txt']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('tối đa 1,000,000');
  });

  it('plan parse: a 600-character title is a warning, and the plan is usable', async () => {
    const { code, stdout } = await cli(['plan', 'parse', 'tieu-de-600.txt', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).issues).toEqual([
      expect.objectContaining({
        code: 'title-long',
        severity: 'warning',
        params: expect.objectContaining({ field: 'tasks.NV2.title', chars: 613 }),
      }),
    ]);
  });

  it('plan import: over the limits exits 1 with the finding, and nothing is stored', async () => {
    const before = (await cli(['plans', '--json'])).stdout;
    const tasks = await cli(['plan', 'import', 'nhieu-nhiem-vu.txt']);
    expect(tasks.code).toBe(1);
    expect(tasks.stderr).toContain('NV2001');
    const long = await cli(['plan', 'import', 'tieu-de-dai.txt']);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('tasks.NV2.title');
    expect((await cli(['plans', '--json'])).stdout).toBe(before);
  });

  it('directory draft: a plan over the limits exits 1', async () => {
    const { code, stderr } = await cli(['directory', 'draft', 'nhieu-nhiem-vu.txt']);
    expect(code).toBe(1);
    expect(stderr).toContain('NV2001');
  });

  it('template --plan FILE: a plan over the limits exits 1', async () => {
    const { code, stderr } = await cli([
      'template',
      '--plan',
      'tieu-de-dai.txt',
      '--agency',
      'phong-noi-vu',
      '--period',
      '2026-Y',
      '-o',
      'x.xlsx',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('tasks.NV2.title');
  });
});
