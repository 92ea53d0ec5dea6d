import { mkdtempSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../helpers/cli.ts';
import { buildDocx } from '../../helpers/docx.ts';
import { fixturePath, SEED_PATH } from '../../helpers/plans.ts';
import { VUNG_TAU_2023 } from '../../../shared/directory/vung-tau-2023.ts';

const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('plan-reporting plan parse (a real process)', () => {
  it('prints the seed as JSON in the documented shape and exits 0', () => {
    const { code, stdout, stderr } = spawnCli(['plan', 'parse', SEED_PATH, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'plan',
        'targets',
        'focusTasks',
        'tasks',
        'reporting',
        'recipients',
        'assignments',
        'issues',
      ]),
    );
    expect(json.plan).toMatchObject({ number: '/KH-UBND', date: '2023', issuer: 'Ủy ban nhân dân thành phố Vũng Tàu' });
    expect(json.targets[1].measures).toEqual([
      expect.objectContaining({ label: expect.any(String), comparator: '=', value: 100 }),
      expect.objectContaining({ label: 'tỷ lệ cán bộ nữ', comparator: '>=', value: 25 }),
      expect.objectContaining({ label: 'cán bộ trẻ', comparator: '>=', value: 15 }),
    ]);
    expect(json.tasks[1].timeframe).toEqual({ kind: 'within-year', year: 2023, text: 'Hoàn thành trong năm 2023' });
    expect(json.assignments[0]).toEqual({
      taskId: 'NV1',
      agencyId: 'phong-noi-vu',
      agencyName: 'Phòng Nội vụ',
      role: 'lead',
    });
    expect(json.issues).toEqual([]);
  });
});

describe('plan-reporting plan parse', () => {
  it('prints a Vietnamese-first summary', async () => {
    const { code, stdout } = await runCli(['plan', 'parse', SEED_PATH]);
    expect(code).toBe(0);
    expect(stdout).toContain('Mục tiêu cụ thể / Targets: 8 (10 chỉ tiêu / measures)');
    expect(stdout).toContain('Nhiệm vụ cụ thể / Tasks: 9');
    expect(stdout).toContain('Báo cáo / Reporting: 6 tháng trước 15/6, năm trước 15/12, qua Phòng Nội vụ');
    expect(stdout).toContain('Vấn đề / Issues: không có / none');
  });

  it('reads a .docx', async () => {
    const path = file(
      'plan.docx',
      buildDocx([
        'KẾ HOẠCH',
        'Thử nghiệm',
        'I. NHIỆM VỤ CỤ THỂ',
        '1. Việc một.',
        '- Cơ quan chủ trì: Phòng Y tế.',
        '- Thời gian thực hiện: Năm 2024.',
      ]),
    );
    const { code, stdout } = await runCli(['plan', 'parse', path, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).tasks[0]).toMatchObject({ id: 'NV1', lead: ['Phòng Y tế'] });
  });

  it('exits 1 with the issues when the plan has no tasks', async () => {
    const { code, stdout, stderr } = await runCli(['plan', 'parse', fixturePath('no-tasks.txt'), '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).issues.map((i: { code: string }) => i.code)).toContain('section-without-tasks');
    expect(stderr).toBe('Kế hoạch có 1 lỗi cần sửa. / The plan has blocking issues.\n');
  });

  it('exits 1 and names the unknown agency with its line', async () => {
    const { code, stdout } = await runCli(['plan', 'parse', fixturePath('unknown-agency.txt')]);
    expect(code).toBe(1);
    expect(stdout).toContain('[LỖI] line 6: agency-unknown — Không có cơ quan "Sở Khoa học và Công nghệ"');
  });

  it('reads the plan against a directory given with --directory', async () => {
    const custom = {
      ...VUNG_TAU_2023,
      id: 'custom',
      agencies: [
        ...VUNG_TAU_2023.agencies,
        { id: 'so-khcn', name: 'Sở Khoa học và Công nghệ', kind: 'department', groups: [] },
      ],
    };
    const path = file('directory.json', JSON.stringify(custom));
    const { code, stdout } = await runCli([
      'plan',
      'parse',
      fixturePath('unknown-agency.txt'),
      '--json',
      '--directory',
      path,
    ]);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.directoryId).toBe('custom');
    expect(json.issues.map((i: { code: string }) => i.code)).not.toContain('agency-unknown');
  });
});

describe('plan-reporting plan parse on unreadable input', () => {
  const cases: Array<[string, string | Uint8Array, string]> = [
    ['empty.txt', '', 'Tệp trống. / The file is empty.'],
    ['blank.txt', ' \n\n \t\n', 'Tệp trống. / The file is empty.'],
    [
      'image.txt',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
      'Tệp không phải văn bản (.txt) hay .docx: có vẻ là a PNG image. / Not a text or .docx plan: it looks like a PNG image.',
    ],
    [
      'nul.txt',
      new Uint8Array([0x4b, 0x48, 0x00, 0x01, 0x02]),
      'Tệp không phải văn bản (.txt) hay .docx: có vẻ là a binary file. / Not a text or .docx plan: it looks like a binary file.',
    ],
    [
      'old.doc',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      'Tệp không phải văn bản (.txt) hay .docx: có vẻ là a legacy Office file (.doc, .xls). / Not a text or .docx plan: it looks like a legacy Office file (.doc, .xls).',
    ],
    [
      'latin1.txt',
      Buffer.from('KẾ HOẠCH\nCafé crème brûlée à la carte\n', 'latin1'),
      'Tệp không phải UTF-8 (byte lỗi ở vị trí 1); hãy lưu lại dưới dạng UTF-8. / The file is not UTF-8 (invalid byte at offset 1); save it as UTF-8.',
    ],
    [
      'tcvn3.txt',
      Buffer.from('Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÕ ho¹ch thùc hiÖn\n', 'latin1'),
      "Văn bản dùng bảng mã cũ TCVN3; hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi thử lại. / The text is in the legacy Vietnamese encoding TCVN3; convert it to Unicode (e.g. with Unikey's converter) and try again.",
    ],
    [
      'vni.txt',
      Buffer.from(
        'Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nKeá hoaïch thöïc hieän\n',
        'latin1',
      ),
      "Văn bản dùng bảng mã cũ VNI; hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi thử lại. / The text is in the legacy Vietnamese encoding VNI; convert it to Unicode (e.g. with Unikey's converter) and try again.",
    ],
    [
      'tcvn3-as-utf8.txt',
      'Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÕ ho¹ch thùc hiÖn\n',
      "Văn bản dùng bảng mã cũ TCVN3; hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi thử lại. / The text is in the legacy Vietnamese encoding TCVN3; convert it to Unicode (e.g. with Unikey's converter) and try again.",
    ],
    [
      'broken.docx',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
      'Không đọc được tệp .docx (corrupt archive (no end of central directory)). / Cannot read the .docx file (corrupt archive (no end of central directory)).',
    ],
  ];
  it.each(cases)('refuses %s with exit 2 and one clear sentence', async (name, content, message) => {
    const { code, stdout, stderr } = await runCli(['plan', 'parse', file(name, content)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
  });

  it('refuses a 50 MB file without reading it', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, '');
    truncateSync(path, 50 * 1024 * 1024);
    const { code, stderr } = await runCli(['plan', 'parse', path]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'Tệp quá lớn (50.0 MB, tối đa 20.0 MB). / The file is too large (50.0 MB; the limit is 20.0 MB).\n',
    );
  });

  it('refuses a missing file, unknown options and missing arguments with exit 2', async () => {
    expect(await runCli(['plan', 'parse', join(dir, 'nope.txt')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('File not found'),
    });
    expect(await runCli(['plan', 'parse', SEED_PATH, '--jsn'])).toMatchObject({
      code: 2,
      stderr: 'Tùy chọn không hợp lệ --jsn / Unknown option --jsn\n',
    });
    expect(await runCli(['plan', 'parse'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: plan-reporting plan parse FILE'),
    });
    expect(await runCli(['plan', 'parse', SEED_PATH, '--directory'])).toMatchObject({
      code: 2,
      stderr: '--directory cần một giá trị / --directory needs a value\n',
    });
    expect(await runCli(['nonsense'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command "nonsense"'),
    });
  });

  it('names the field of an invalid directory', async () => {
    const path = file('bad-directory.json', JSON.stringify({ ...VUNG_TAU_2023, validFrom: '1/1/2023' }));
    const { code, stderr } = await runCli(['plan', 'parse', SEED_PATH, '--directory', path]);
    expect(code).toBe(2);
    expect(stderr).toContain('ở trường "validFrom"');
  });
});

describe('plan-reporting plan parse: coverage', () => {
  it('prints the coverage, and exits 1 with a coverage-low issue listing the lines when most of a task section went unread', async () => {
    const path = file(
      'unread.txt',
      [
        'KẾ HOẠCH',
        'Khắc phục sau lụt bão',
        'IV. NỘI DUNG HOẠT ĐỘNG',
        '1. Sở Y tế chủ trì, phối hợp với Sở Tài chính tổ chức tổng vệ sinh.',
        '2. Công tác vệ sinh môi trường',
        'a) Thu gom rác',
        '- Thu gom, xử lý rác thải sau lũ.',
        '- Tiêu hủy xác động vật.',
        '- Rắc vôi bột khử trùng.',
        'b) Khơi thông cống rãnh',
        '- Khơi thông kênh mương.',
        '- Xử lý điểm nước tù đọng.',
      ].join('\n'),
    );
    const { code, stdout } = await runCli(['plan', 'parse', path]);
    expect(code).toBe(1);
    expect(stdout).toContain('Độ phủ / Coverage: 44% (4/9 dòng của mục nhiệm vụ và mục tiêu');
    expect(stdout).toContain(
      '[LỖI] line 7: coverage-low — Chỉ 44% số dòng của các mục nhiệm vụ và mục tiêu được đọc thành nhiệm vụ, chỉ tiêu hoặc ' +
        'cảnh báo (cần từ 90%); 5 dòng chưa được đọc: dòng 7–9, 11–12',
    );
    const json = JSON.parse((await runCli(['plan', 'parse', path, '--json'])).stdout);
    expect(json.coverage).toMatchObject({ lines: 9, accounted: 4 });
    expect(json.coverage.missing.map((m: { line: number }) => m.line)).toEqual([7, 8, 9, 11, 12]);
  });

  it('reads the seed with every line of its task and target sections accounted for', async () => {
    const json = JSON.parse((await runCli(['plan', 'parse', SEED_PATH, '--json'])).stdout);
    expect(json.coverage).toMatchObject({ share: 1, missing: [] });
  });
});
