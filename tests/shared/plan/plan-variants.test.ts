import { planIssueWordingOf } from '../../../shared/plan/plan-messages.ts';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';
import { readDocx } from '../../../server/plan/docx-reader.ts';
import { buildDocx } from '../../helpers/docx.ts';
import { parseFixture } from '../../helpers/plans.ts';

const byId = <T extends { id: string }>(list: T[]) => Object.fromEntries(list.map((x) => [x.id, x]));

describe('parsePlan on label variants', () => {
  const { plan, issues, usable } = parseFixture('label-variants.txt');
  const tasks = byId(plan.tasks);

  it('reads the identity from an upper-case header', () => {
    expect(plan.plan).toEqual({
      number: '145/KH-UBND',
      date: '2024-03-12',
      place: 'Vũng Tàu',
      issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU',
      title: 'Triển khai công tác cải cách hành chính năm 2024',
    });
    expect(issues).toEqual([]);
    expect(usable).toBe(true);
  });

  it('reads "Đơn vị chủ trì", "Cơ quan/Đơn vị thực hiện", "Cơ quan, đơn vị thực hiện" as leads', () => {
    expect(tasks.NV1!.lead).toEqual(['Văn phòng HĐND và UBND thành phố']);
    expect(tasks.NV1!.coordinating).toEqual(['Phòng Tư pháp', 'Phòng Nội vụ']);
    expect(tasks.NV2!.lead).toEqual(['UBND các phường, xã']);
    expect(tasks.NV5!.lead).toEqual(['Phòng Nội vụ', 'Thanh tra thành phố']);
    expect(plan.assignments.filter((a) => a.taskId === 'NV5').map((a) => a.agencyId)).toEqual([
      'phong-noi-vu',
      'thanh-tra-thanh-pho',
    ]);
  });

  it('reads "Thời hạn hoàn thành", "Tiến độ", "Thời gian hoàn thành" and every timeframe form', () => {
    expect(tasks.NV1!.timeframe).toEqual({ kind: 'quarter', year: 2024, quarter: 3, text: 'Quý III/2024' });
    expect(tasks.NV2!.timeframe).toEqual({ kind: 'ongoing', text: 'Thường xuyên' });
    expect(tasks.NV3!.timeframe).toEqual({ kind: 'by-date', date: '2024-09-30', text: 'Trước ngày 30/9/2024' });
    expect(tasks.NV4!.timeframe).toEqual({ kind: 'month', year: 2024, month: 9, text: 'Tháng 9/2024' });
    expect(tasks.NV5!.timeframe).toEqual({ kind: 'within-year', year: 2024, text: 'Năm 2024' });
  });

  it('matches names written with another dash and the old tone placement ("Văn hoá")', () => {
    expect(
      plan.assignments.filter((a) => a.taskId === 'NV3' && a.role === 'coordinating').map((a) => a.agencyId),
    ).toEqual(['phong-tai-chinh-ke-hoach', 'phong-van-hoa-thong-tin']);
  });

  it('reads targets under "2. Mục tiêu cụ thể" with ≥, > and ≤', () => {
    expect(plan.targets.flatMap((t) => t.measures.map((m) => [m.comparator, m.value, m.label]))).toEqual([
      ['>=', 98, 'Tỷ lệ hồ sơ giải quyết đúng hạn'],
      ['>', 80, 'thủ tục hành chính được cung cấp dịch vụ công trực tuyến toàn trình'],
      ['<=', 2, 'Tỷ lệ hồ sơ trễ hạn'],
    ]);
  });

  it('reads a quarterly day-of-month deadline and an annual one', () => {
    expect(plan.reporting.deadlines).toEqual([
      { kind: 'quarterly', dueBefore: '00-20' },
      { kind: 'annual', dueBefore: '12-10' },
    ]);
    expect(plan.reporting.consolidatorId).toBe('phong-noi-vu');
  });
});

describe('parsePlan on an appendix table', () => {
  const { plan, issues, usable } = parseFixture('appendix-table.txt');

  it('reads the tasks whatever the order of the columns, skipping group and column-number rows', () => {
    expect(usable).toBe(true);
    expect(issues).toEqual([]);
    expect(plan.tasks.map((t) => [t.id, t.title, t.lead, t.coordinating, t.timeframe.kind, t.products])).toEqual([
      [
        'NV1',
        'Nâng cấp mạng nội bộ',
        ['Phòng Văn hóa và Thông tin'],
        ['Văn phòng HĐND và UBND'],
        'quarter',
        'Hệ thống mạng',
      ],
      [
        'NV2',
        'Triển khai Wi-Fi công cộng',
        ['UBND các phường, xã'],
        ['Phòng Văn hóa và Thông tin'],
        'within-year',
        'Điểm phát Wi-Fi',
      ],
      ['NV3', 'Số hóa hồ sơ cán bộ', ['Phòng Nội vụ'], ['Các cơ quan chuyên môn'], 'by-date', 'Cơ sở dữ liệu'],
    ]);
    expect(plan.tasks[2]!.detail).toEqual(['Chính quyền số']);
    expect(plan.tasks[0]!.source).toBe('table 1, row 4');
  });

  it('reads "6 tháng … hằng năm" deadlines and the consolidator', () => {
    expect(plan.reporting).toEqual({
      consolidator: 'Phòng Văn hóa và Thông tin',
      consolidatorId: 'phong-van-hoa-thong-tin',
      deadlines: [
        { kind: 'semiannual', dueBefore: '06-10' },
        { kind: 'annual', dueBefore: '12-10' },
      ],
    });
  });
});

describe('parsePlan on prose assignments', () => {
  it('reads "X chủ trì, phối hợp với Y" and a deadline in the sentence', () => {
    const { plan, usable } = parseFixture('prose.txt');
    expect(usable).toBe(true);
    expect(plan.tasks.map((t) => [t.lead, t.coordinating, t.timeframe.kind])).toEqual([
      [['Phòng Y tế'], ['Phòng Văn hóa và Thông tin'], 'by-date'],
      [['Thanh tra thành phố'], ['UBND các phường, xã'], 'unrecognised'],
    ]);
    expect(plan.tasks[0]!.timeframe).toMatchObject({ date: '2024-11-15' });
    expect(plan.reporting.consolidatorId).toBe('phong-y-te');
  });
});

describe('parsePlan on bad plans', () => {
  it('says a plan without tasks is not usable', () => {
    const { plan, issues, usable } = parseFixture('no-tasks.txt');
    expect(usable).toBe(false);
    expect(plan.tasks).toEqual([]);
    // The task section is named, and its one line is said not to be understood: nothing is lost in silence.
    expect(issues.map((i) => [i.code, i.severity, i.at.line])).toEqual([
      ['section-without-tasks', 'error', 5],
      ['line-not-understood', 'warning', 6],
      ['no-reporting-rule', 'warning', null],
    ]);
    expect(issues[0]!.params).toEqual({ heading: 'II. NỘI DUNG' });
  });

  it('reports an unknown agency, a task without a lead and an unreadable timeframe at their lines', () => {
    const { issues, usable, plan } = parseFixture('unknown-agency.txt');
    expect(usable).toBe(false);
    expect(issues.map((i) => [i.code, i.at.line])).toEqual([
      ['agency-unknown', 6],
      ['timeframe-unrecognised', 7],
      ['task-without-lead', 8],
      ['no-reporting-rule', null],
    ]);
    expect(issues[0]).toMatchObject({
      at: { line: 6, where: 'line 6', subject: 'NV1' },
      params: { name: 'Sở Khoa học và Công nghệ' },
    });
    expect(planIssueWordingOf(issues[0]!)).toEqual({
      vi: 'Không có cơ quan "Sở Khoa học và Công nghệ" (NV1) trong danh bạ vung-tau-2023.',
      en: 'No agency "Sở Khoa học và Công nghệ" (NV1) in the directory vung-tau-2023.',
    });
    expect(plan.assignments.map((a) => a.agencyId)).toEqual(['phong-noi-vu', 'phong-tu-phap']);
  });

  it('warns when the plan is dated outside every directory', () => {
    const { issues } = parsePlan([{ type: 'paragraph', text: 'Vũng Tàu, ngày 1 tháng 8 năm 2025', line: 1 }]);
    expect(issues.map((i) => i.code)).toContain('directory-date-mismatch');
  });
});

describe('parsePlan on a .docx', () => {
  it('reads a header table, Word numbering and a task table', () => {
    const docx = buildDocx([
      {
        table: [
          ['ỦY BAN NHÂN DÂN\n\nTHÀNH PHỐ VŨNG TÀU', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
          ['Số: 77/KH-UBND', 'Vũng Tàu, ngày 2 tháng 2 năm 2024'],
        ],
      },
      'KẾ HOẠCH',
      'Phát triển văn hóa đọc năm 2024',
      { numbered: 'MỤC TIÊU CỤ THỂ', level: 0 },
      { numbered: '100% trường học có thư viện đạt chuẩn.', level: 1 },
      { numbered: 'NHIỆM VỤ CỤ THỂ', level: 0 },
      {
        table: [
          ['TT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Tiến độ'],
          [
            '1',
            'Tổ chức Ngày sách Việt Nam',
            'Phòng Giáo dục và Đào tạo',
            'Phòng Văn hóa và Thông tin',
            'Tháng 4/2024',
          ],
          ['2', 'Xây dựng tủ sách cộng đồng', 'UBND các phường, xã', '', 'Năm 2024'],
          [
            '3',
            'Hội sách thiếu nhi',
            '- Phòng Văn hóa và Thông tin\n\n- Phòng Giáo dục và Đào tạo',
            'Phòng Tài chính – Kế hoạch (bảo đảm kinh phí)',
            'Quý II/2024',
          ],
        ],
      },
      { numbered: 'TỔ CHỨC THỰC HIỆN', level: 0 },
      'Định kỳ 6 tháng (trước ngày 15/6) và 01 năm (trước ngày 15/12) báo cáo về UBND thành phố (qua Phòng Văn hóa và Thông tin).',
    ]);
    const read = readDocx(docx);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.blocks.filter((b) => b.type === 'paragraph').map((b) => b.type === 'paragraph' && b.text)).toContain(
      'I. MỤC TIÊU CỤ THỂ',
    );
    const { plan, issues, usable } = parsePlan(read.blocks);
    expect(issues).toEqual([]);
    expect(usable).toBe(true);
    expect(plan.plan).toMatchObject({
      number: '77/KH-UBND',
      date: '2024-02-02',
      title: 'Phát triển văn hóa đọc năm 2024',
    });
    expect(plan.targets.map((t) => t.number)).toEqual(['1']);
    expect(plan.tasks.map((t) => [t.id, t.lead, t.timeframe.kind])).toEqual([
      ['NV1', ['Phòng Giáo dục và Đào tạo'], 'month'],
      ['NV2', ['UBND các phường, xã'], 'within-year'],
      ['NV3', ['Phòng Văn hóa và Thông tin', 'Phòng Giáo dục và Đào tạo'], 'quarter'],
    ]);
    expect(plan.assignments.filter((a) => a.taskId === 'NV3').map((a) => `${a.agencyId}:${a.role}`)).toEqual([
      'phong-van-hoa-thong-tin:lead',
      'phong-giao-duc-dao-tao:lead',
      'phong-tai-chinh-ke-hoach:coordinating',
    ]);
    expect(plan.assignments.filter((a) => a.taskId === 'NV2')).toHaveLength(17);
    expect(plan.reporting.deadlines).toHaveLength(2);
  });
});

describe('parsePlan on grouped, lettered and inline-labelled tasks', () => {
  const { plan, issues, usable } = parseFixture('inline-labels.txt');

  it('reads labels in parentheses, several labels on one line, and lettered tasks under their group', () => {
    expect(issues).toEqual([]);
    expect(usable).toBe(true);
    expect(plan.tasks.map((t) => [t.id, t.title, t.lead, t.coordinating, t.timeframe.kind])).toEqual([
      ['NV1.1', 'Ban hành kế hoạch triển khai Đề án 06', ['Văn phòng HĐND và UBND'], [], 'quarter'],
      ['NV1.2', 'Rà soát dữ liệu dân cư.', ['UBND các phường, xã'], ['Phòng Tư pháp'], 'ongoing'],
      ['NV2.a', 'Tuyên truyền trên Cổng thông tin điện tử.', ['Phòng Văn hóa và Thông tin'], [], 'month'],
      ['NV2.b', 'Tuyên truyền tại khu dân cư.', ['UBND các phường, xã'], ['Ủy ban MTTQVN thành phố'], 'recurring'],
    ]);
  });

  it('reads a monthly deadline and the consolidator it reports to', () => {
    expect(plan.reporting).toEqual({
      consolidator: 'Văn phòng HĐND và UBND',
      consolidatorId: 'van-phong-hdnd-ubnd',
      deadlines: [{ kind: 'monthly', dueBefore: '00-25' }],
    });
  });
});

describe('parsePlan on a plan numbered 1., 2., 3. at the top level', () => {
  const { plan, issues, usable } = parseFixture('arabic-sections.txt');

  it('finds its sections by capital headings, its tasks and their products', () => {
    expect(issues).toEqual([]);
    expect(usable).toBe(true);
    expect(
      plan.targets.map((t) => t.measures.map((m) => `${m.comparator}${m.value}:${m.kind}/${m.reporters}`)),
    ).toEqual([['=100:yes-no/wards-communes']]);
    expect(plan.tasks.map((t) => [t.id, t.lead, t.coordinating, t.timeframe.kind, t.products ?? null])).toEqual([
      [
        'NV3.1',
        ['Phòng Lao động – Thương binh và Xã hội'],
        ['Phòng Văn hóa và Thông tin'],
        'month',
        'Lễ phát động cấp thành phố',
      ],
      ['NV3.2', ['UBND các phường, xã'], [], 'by-date', null],
    ]);
  });

  it('reads "Tổ chức thực hiện" as the reporting rule, not as tasks', () => {
    expect(plan.reporting).toEqual({
      consolidator: 'Phòng Lao động – Thương binh và Xã hội',
      consolidatorId: 'phong-lao-dong-tbxh',
      deadlines: [{ kind: 'annual', dueBefore: '12-10' }],
    });
    expect(plan.recipients).toEqual(['Như trên', 'Lưu: VT']);
  });
});
