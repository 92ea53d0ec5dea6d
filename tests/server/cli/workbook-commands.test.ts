import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../helpers/cli.ts';
import { fillXlsx } from '../../helpers/openpyxl.ts';
import { fixturePath } from '../../helpers/plans.ts';

const dir = mkdtempSync(join(tmpdir(), 'wb-cli-'));
const now = () => new Date('2023-05-02T01:00:00Z');
const cli = (argv: string[]) => runCli(argv, {}, dir);
const cliAt = (argv: string[]) => runCli(argv, {}, dir, now);

describe('plan-reporting template', () => {
  it("writes one agency's workbook from the bundled seed plan", async () => {
    const { code, stdout } = await cliAt(['template', '--agency', 'phuong-1', '--period', '2023-H1', '-o', 'p1.xlsx']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${join(dir, 'p1.xlsx')}\n`);
    const check = await cli(['workbook', 'check', 'p1.xlsx', '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).issues[0]).toMatchObject({
      code: 'status-required',
      at: { sheet: 'Nhiệm vụ', cell: 'E5' },
      message: { vi: 'Chưa chọn tình trạng ở ô E5.', en: 'No status chosen in E5.' },
    });
  });

  it("writes every assigned agency's workbook with --all", async () => {
    const { code } = await cliAt(['template', '--all', '--period', '2023-Y', '-o', 'all']);
    expect(code).toBe(0);
    const files = readdirSync(join(dir, 'all'));
    expect(files).toHaveLength(35);
    expect(files).toContain('2023-Y-xa-long-son.xlsx');
  });

  it('refuses an agency without assignments, a bad period, a plan with blocking issues and bad arguments', async () => {
    expect(await cliAt(['template', '--agency', 'so-xay-dung', '--period', '2023-H1', '-o', 'x.xlsx'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('The agency "so-xay-dung" has no assignment in this plan.'),
    });
    expect(await cliAt(['template', '--agency', 'phuong-1', '--period', '2023-H3', '-o', 'x.xlsx'])).toMatchObject({
      code: 2,
      stderr:
        'Kỳ báo cáo "2023-H3" không hợp lệ (ví dụ 2023-H1, 2023-Y). / Invalid period "2023-H3" (e.g. 2023-H1, 2023-Y).\n',
    });
    expect(await cliAt(['template', '--agency', 'phuong-1', '--period', '2023-Q1', '-o', 'x.xlsx'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('The plan has no period of the kind of "2023-Q1"'),
    });
    expect(
      await cliAt([
        'template',
        '--plan',
        fixturePath('no-tasks.txt'),
        '--agency',
        'phuong-1',
        '--period',
        '2023-H1',
        '-o',
        'x.xlsx',
      ]),
    ).toMatchObject({ code: 1, stderr: expect.stringContaining('The plan has blocking issues') });
    expect(await cliAt(['template', '--agency', 'phuong-1', '--all', '--period', '2023-H1', '-o', 'x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: plan-reporting template'),
    });
  });
});

describe('plan-reporting workbook check', () => {
  // Each test reads this file; none writes it.
  beforeAll(async () => {
    await cliAt(['template', '--agency', 'phong-tu-phap', '--period', '2023-H1', '-o', 'tp.xlsx']);
    const rows = Array.from({ length: 14 }, (_, i) => i + 5);
    fillXlsx(join(dir, 'tp.xlsx'), join(dir, 'tp-filled.xlsx'), [
      ...rows.map((r): [string, string, string] => ['Nhiệm vụ', `E${r}`, 'Đang thực hiện']),
      ...rows.map((r): [string, string, string] => ['Nhiệm vụ', `G${r}`, 'Đã triển khai']),
    ]);
  });

  it('prints the report of a filled workbook and exits 0', async () => {
    const human = await cli([
      'workbook',
      'check',
      'tp-filled.xlsx',
      '--agency',
      'phong-tu-phap',
      '--period',
      '2023-H1',
    ]);
    expect(human).toMatchObject({
      code: 0,
      stdout: 'Hợp lệ / Valid: phong-tu-phap, 2023-H1 — 14 nhiệm vụ / tasks, 9 chỉ tiêu / measures\n',
    });
    const json = await cli(['workbook', 'check', 'tp-filled.xlsx', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      agencyId: 'phong-tu-phap',
      tasks: expect.any(Array),
      measures: expect.any(Array),
    });
  });

  it("says when the workbook is another agency's", async () => {
    const { code, stdout } = await cli(['workbook', 'check', 'tp-filled.xlsx', '--agency', 'phong-y-te']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '[LỖI] _meta!B7 agency-mismatch — Tệp này là báo cáo của Phòng Tư pháp, không phải phong-y-te.',
    );
  });

  it('stops quietly when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [BIN, 'workbook', 'check', join(dir, 'tp-filled.xlsx'), '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  it('exits 2 on what is not a workbook', async () => {
    writeFileSync(join(dir, 'notes.xlsx'), 'không phải bảng tính');
    expect(await cli(['workbook', 'check', 'notes.xlsx'])).toMatchObject({
      code: 2,
      stderr: 'Tệp không phải là bảng tính .xlsx. / The file is not an .xlsx workbook.\n',
    });
    expect(await cli(['workbook', 'check', 'missing.xlsx'])).toMatchObject({ code: 2 });
  });
});

describe('the command line, for people and pipes', () => {
  it.each([
    ['--help'],
    ['-h'],
    ['help'],
    ['plan', '--help'],
    ['workbook', 'check', '--help'],
    ['template', '-h'],
    ['serve', '--help'],
    ['master', '--help'],
  ])('%s prints the usage and exits 0', async (...argv) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage:');
    expect(stderr).toBe('');
  });

  it('a workbook with a character reference outside Unicode is unreadable: exit 2, not 70', async () => {
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#x110000;</t></is></c></row></sheetData></worksheet>',
      ),
    });
    writeFileSync(join(dir, 'bad-ref.xlsx'), bytes);
    const { code, stderr } = await cli(['workbook', 'check', 'bad-ref.xlsx']);
    expect(code).toBe(2);
    expect(stderr).toContain('xl/worksheets/sheet1.xml');
  });
});
