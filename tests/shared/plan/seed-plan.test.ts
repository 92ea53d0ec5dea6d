import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';

const SEED = readFileSync(new URL('../../../server/seed/ke-hoach-nq28-vung-tau-2023.txt', import.meta.url), 'utf8');
const { plan, issues, usable } = parsePlan(textToBlocks(SEED));

describe('parsePlan on the seed plan', () => {
  it('reads it with no issues and marks it usable', () => {
    expect(issues).toEqual([]);
    expect(usable).toBe(true);
  });

  it('reads the identity despite the blank number and date', () => {
    expect(plan.plan.number).toBe('/KH-UBND');
    expect(plan.plan.date).toBe('2023');
    expect(plan.plan.place).toBe('Vũng Tàu');
    expect(plan.plan.issuer).toBe('Ủy ban nhân dân thành phố Vũng Tàu');
    expect(plan.plan.title).toMatch(/^Thực hiện Kế hoạch số 256-KH\/TU .* trong giai đoạn mới$/);
  });

  it('reads 8 targets holding 10 measures, with their comparators', () => {
    expect(plan.targets.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const measures = plan.targets.flatMap((t) => t.measures.map((m) => [m.id, m.comparator, m.value]));
    expect(measures).toEqual([
      ['MT1', '=', 100],
      ['MT2.1', '=', 100],
      ['MT2.2', '>=', 25],
      ['MT2.3', '>=', 15],
      ['MT3', '>', 50],
      ['MT4', '=', 100],
      ['MT5', '=', 100],
      ['MT6', '=', 100],
      ['MT7', '=', 100],
      ['MT8', '=', 100],
    ]);
  });

  it('labels the measures of target 2 and keeps "trung cấp trở lên" in target 4 as words', () => {
    const [, t2, , t4] = plan.targets;
    expect(t2!.measures.map((m) => m.label)).toEqual([
      expect.stringMatching(/^cơ quan, đơn vị triển khai và hoàn thành công tác quy hoạch cán bộ/),
      'tỷ lệ cán bộ nữ',
      'cán bộ trẻ',
    ]);
    expect(t4!.measures).toHaveLength(1);
    expect(t4!.measures[0]!.label).toBe('cấp ủy viên cơ sở có trình độ lý luận chính trị trung cấp trở lên');
  });

  it('tells yes/no measures of units from counted ratios, and target 3 as one for wards', () => {
    const kinds = Object.fromEntries(
      plan.targets.flatMap((t) => t.measures.map((m) => [m.id, `${m.kind}/${m.reporters ?? 'all'}`])),
    );
    expect(kinds).toMatchObject({
      MT1: 'yes-no/all',
      'MT2.1': 'yes-no/all',
      'MT2.2': 'ratio/all',
      MT3: 'yes-no/wards-communes',
      MT5: 'ratio/all',
    });
  });

  it('reads the 5 focus tasks, all ongoing', () => {
    expect(plan.focusTasks.map((f) => `${f.id}:${f.timeframe.kind}`)).toEqual([
      'TT1:ongoing',
      'TT2:ongoing',
      'TT3:ongoing',
      'TT4:ongoing',
      'TT5:ongoing',
    ]);
    expect(plan.focusTasks[0]!.title).toBe(
      'Đổi mới, nâng cao chất lượng ban hành văn bản và tổ chức thực hiện đạt hiệu quả cao chủ trương, đường lối của Đảng.',
    );
  });

  it('reads the 9 tasks with leads, coordinators and timeframes; task 2 within 2023, task 9 by "Cơ quan thực hiện"', () => {
    expect(plan.tasks.map((t) => t.id)).toEqual(['NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV8', 'NV9']);
    expect(plan.tasks.map((t) => t.timeframe.kind)).toEqual(['ongoing', 'within-year', ...Array(7).fill('ongoing')]);
    expect(plan.tasks[1]!.timeframe).toMatchObject({ kind: 'within-year', year: 2023 });
    expect(plan.tasks[1]!.detail).toEqual([expect.stringMatching(/^Sơ kết 05 năm thực hiện Nghị quyết số 19-NQ\/TW/)]);
    expect(plan.tasks[6]!.lead).toEqual(['Phòng Nội vụ', 'Văn phòng HĐND và UBND', 'Phòng Văn hóa và Thông tin']);
    expect(plan.tasks[7]!.lead).toEqual(['Phòng Tư pháp', 'Văn phòng HĐND và UBND']);
    expect(plan.tasks[8]!.lead).toEqual(['Các cơ quan chuyên môn, đơn vị sự nghiệp', 'UBND các phường, xã']);
    expect(plan.tasks[8]!.coordinating).toEqual([]);
    expect(plan.tasks[2]!.coordinating).toContain('Ủy ban MTTQVN thành phố');
  });

  it('reads the reporting rule: semiannual before 15/6, annual before 15/12, through Phòng Nội vụ', () => {
    expect(plan.reporting).toEqual({
      consolidator: 'Phòng Nội vụ',
      consolidatorId: 'phong-noi-vu',
      deadlines: [
        { kind: 'semiannual', dueBefore: '06-15' },
        { kind: 'annual', dueBefore: '12-15' },
      ],
    });
  });

  it('reads the recipients after "Nơi nhận"', () => {
    expect(plan.recipients).toEqual([
      'TTr. Thành ủy Vũng Tàu',
      'TTr. HĐND TPVT',
      'TTr. UBND TPVT',
      'Ban Tổ chức Thành ủy',
      'Các cơ quan chuyên môn, đơn vị sự nghiệp công lập trực thuộc',
      'Phòng Nội vụ',
      'UBND 17 phường, xã',
      'Trang TTĐT TPVT',
      'Lưu: VT-TH',
    ]);
  });

  it('expands task 1 to Phòng Nội vụ as lead and every department, unit, ward and Ban Tổ chức Thành ủy as coordinators', () => {
    const task1 = plan.assignments.filter((a) => a.taskId === 'NV1');
    expect(task1.filter((a) => a.role === 'lead').map((a) => a.agencyId)).toEqual(['phong-noi-vu']);
    const coordinating = task1.filter((a) => a.role === 'coordinating').map((a) => a.agencyId);
    expect(coordinating).toHaveLength(1 + 11 + 4 + 17);
    expect(coordinating).toContain('ban-to-chuc-thanh-uy');
    expect(coordinating).toContain('xa-long-son');
    expect(coordinating).toContain('trung-tam-phat-trien-quy-dat');
    expect(coordinating).not.toContain('phong-noi-vu');
  });

  it('names a directory agency in every assignment, each agency once per task', () => {
    expect(plan.directoryId).toBe('vung-tau-2023');
    const pairs = plan.assignments.map((a) => `${a.taskId}/${a.agencyId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(plan.assignments).toHaveLength(300);
    const task9 = plan.assignments.filter((a) => a.taskId === 'NV9');
    expect(task9.every((a) => a.role === 'lead')).toBe(true);
    expect(task9).toHaveLength(12 + 4 + 17);
  });
});
