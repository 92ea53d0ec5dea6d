// `plan-reporting directory draft`: a directory for a plan from another province, from the names it uses, that
// `plan parse --directory` reads back; once the coordinator gives the groups their members, every task is assigned.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../../shared/directory/agency.ts';
import { runCli } from '../../helpers/cli.ts';
import { fixturePath } from '../../helpers/plans.ts';

const dir = mkdtempSync(join(tmpdir(), 'directory-draft-'));
const draftPath = join(dir, 'directory.json');
const PLAN = fixturePath('province-lettered.txt');

describe('plan-reporting directory draft', () => {
  it('writes every name the plan uses, groups as groups, each unconfirmed', async () => {
    const { code, stdout } = await runCli(
      ['directory', 'draft', PLAN, '-o', draftPath],
      {},
      dir,
      () => new Date('2026-11-26T00:00:00Z'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Danh bạ nháp: 4 cơ quan, đơn vị và 2 nhóm \(chưa xác nhận\)/);
    const draft = Directory.parse(JSON.parse(readFileSync(draftPath, 'utf8')));
    expect(draft.validFrom).toBe('2025-06-20');
    expect(draft.agencies.map((a) => [a.name, a.kind, a.confirmed])).toEqual([
      ['Sở Khoa học và Công nghệ', 'department', false],
      ['Sở Tư pháp', 'department', false],
      ['Sở Nội vụ', 'department', false],
      ['Báo và Phát thanh, Truyền hình Đồng Tháp', 'public-service-unit', false],
    ]);
    expect(draft.groups.map((g) => g.name)).toEqual(['các sở, ban, ngành tỉnh', 'UBND các xã, phường']);
  });

  it('is read back by plan parse --directory: no unknown name, and each empty group said', async () => {
    const { code, stdout } = await runCli(['plan', 'parse', PLAN, '--directory', draftPath, '--json'], {}, dir);
    expect(code).toBe(0);
    const issues = JSON.parse(stdout).issues.map(
      (i: { code: string; params: { name?: string } }) => `${i.code}${i.params.name ? `:${i.params.name}` : ''}`,
    );
    expect(issues).toEqual([
      'group-empty:các sở, ban, ngành tỉnh',
      'group-empty:UBND các xã, phường',
      'group-empty:UBND các xã, phường',
      'label-unknown',
    ]);
  });

  it('once the groups have members, assigns every task', async () => {
    const draft = JSON.parse(readFileSync(draftPath, 'utf8')) as {
      agencies: { id: string; groups: string[] }[];
      groups: { id: string }[];
    };
    const sectors = draft.groups[0]!.id;
    for (const a of draft.agencies.slice(0, 3)) a.groups.push(sectors);
    draft.agencies.push({
      id: 'xa-my-tho',
      name: 'UBND xã Mỹ Thọ',
      kind: 'commune',
      groups: [draft.groups[1]!.id],
    } as never);
    writeFileSync(draftPath, JSON.stringify(draft));
    const { code, stdout } = await runCli(['plan', 'parse', PLAN, '--directory', draftPath, '--json'], {}, dir);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.issues.map((i: { code: string }) => i.code)).toEqual(['label-unknown']);
    expect(
      parsed.assignments
        .filter((a: { taskId: string }) => a.taskId === 'NV1.2')
        .map((a: { agencyId: string }) => a.agencyId),
    ).toEqual(['so-tu-phap', 'so-noi-vu', 'xa-my-tho']);
  });

  it('refuses a missing plan and wrong arguments plainly', async () => {
    expect((await runCli(['directory', 'draft', join(dir, 'none.txt')], {}, dir)).code).toBe(2);
    expect((await runCli(['directory', 'make', PLAN], {}, dir)).code).toBe(2);
  });
});

describe('plan-reporting directory draft on plans as they are really written', () => {
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n'));
    return path;
  };

  it("drafts the bodies of a plan that lists tasks under each agency's heading, and never a fragment or a run of words", async () => {
    const path = write('per-agency.txt', [
      'ỦY BAN NHÂN DÂN',
      'TỈNH ĐỒNG NAI',
      'Số: 12/KH-UBND',
      'Đồng Nai, ngày 20 tháng 11 năm 2025',
      'KẾ HOẠCH',
      'Phòng, chống ma túy',
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Sở Nội vụ:',
      '- Chủ trì, phối hợp với các sở, ngành có liên quan tham mưu kiện toàn Ban Chỉ đạo.',
      '2. Bộ Chỉ huy Quân sự tỉnh',
      '- Chủ động phối hợp với Công an, lực lượng Hải quan triển khai tuần tra.',
      '- Chủ trì, phối hợp với doanh nghiệp phát triển hạ tầng số, tập trung vào một số hạ tầng cần nguồn đầu tư lớn.',
      '3. Ủy ban nhân dân xã, phường, đặc khu',
      '- Chủ trì, phối hợp với phường, đặc khu rà soát người nghiện.',
    ]);
    const out = join(dir, 'per-agency.json');
    const { code } = await runCli(
      ['directory', 'draft', path, '-o', out],
      {},
      dir,
      () => new Date('2026-11-26T00:00:00Z'),
    );
    expect(code).toBe(0);
    const draft = Directory.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(draft.agencies.map((a) => a.name)).toEqual(['Sở Nội vụ', 'Bộ Chỉ huy Quân sự tỉnh']);
    expect(draft.groups.map((g) => g.name)).toEqual(['các sở, ngành', 'Ủy ban nhân dân xã, phường, đặc khu']);
  });

  it('does not fail on a plan that names no body but its issuer: the draft holds the issuer, and says so', async () => {
    const path = write('no-bodies.txt', [
      'ỦY BAN NHÂN DÂN',
      'TỈNH ĐỒNG NAI',
      'KẾ HOẠCH',
      'Thử nghiệm',
      'I. MỤC ĐÍCH',
      'Nâng cao nhận thức.',
    ]);
    const { code, stdout, stderr } = await runCli(
      ['directory', 'draft', path],
      {},
      dir,
      () => new Date('2026-11-26T00:00:00Z'),
    );
    expect(code).toBe(0);
    expect(Directory.parse(JSON.parse(stdout)).agencies.map((a) => a.name)).toEqual(['ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI']);
    expect(stderr).toContain('The plan names no body but its issuer');
  });
});
