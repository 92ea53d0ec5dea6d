// The layouts of real plans (issue 22) for targets, measures, timeframes and reporting rules. Each a small synthetic
// example in the shape of the real ones in tests/fixtures/plans/corpus/.
import { describe, expect, it } from 'vitest';
import { parseMeasures } from '../../../shared/plan/measures.ts';
import { parseTimeframe } from '../../../shared/plan/timeframe.ts';
import { HEAD, parse } from '../../helpers/real-layout.ts';

describe('targets never dropped without a word', () => {
  const measures = (text: string) => parseMeasures('MT1', text).map((m) => `${m.comparator}${m.value} ${m.unit}`);

  it.each([
    ['Phát triển tối thiểu 2 dự án chuyển đổi số.', ['>=2 dự án']],
    ['Năng suất lao động tăng 1,7 lần so với năm 2020.', ['=1.7 lần']],
    ['Tổng giá trị giao dịch không dùng tiền mặt gấp 30 lần GRDP.', ['=30 lần']],
    ['Tỷ lệ tử vong mẹ dưới 4/100.000 dân.', ['<4 /100.000 dân']],
    ['Tỷ suất chết trẻ em dưới 1 tuổi còn 18 ca/1.000 trẻ đẻ sống.', ['=18 ca/1.000 trẻ']],
    ['Toàn bộ hồ sơ được số hóa.', ['=100 %']],
    ['100% xã có điểm bưu điện; có ít nhất 20 tập dữ liệu mở được công bố.', ['=100 %', '>=20 tập']],
    ['Phấn đấu 80% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết, trả kết quả trực tuyến trở lên.', ['>=80 %']],
    ['Tỷ lệ người dân hài lòng ít nhất phải đạt 40%.', ['>=40 %']],
    ['Giá trị hàng hóa xuất khẩu đạt 400 triệu USD, tăng bình quân 10 - 13%/năm.', ['=400 triệu USD', '>=10 %']],
    ['Tỷ lệ dân số từ 15 tuổi trở lên có điện thoại thông minh đạt tối thiểu 95%.', ['>=95 %']],
  ])('%s', (text, expected) => {
    expect(measures(text)).toEqual(expected);
  });

  it('reads no target from a condition', () => {
    expect(measures('Rà soát lại quy trình, nếu dưới 30% thì báo cáo UBND tỉnh.')).toEqual([]);
  });

  it('reads the targets under a "Chỉ tiêu chủ yếu" heading inside another section, and "(1)" numbered targets of the objectives', () => {
    const plan = parse(
      [
        ...HEAD,
        'II. NỘI DUNG TRỌNG TÂM',
        '1. Tổ chức quán triệt Chương trình.',
        '6. Chỉ tiêu chủ yếu đến năm 2030',
        '6.1. Phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường không ma túy.',
        '6.2. Trên 80% trạm y tế cấp xã đủ điều kiện.',
        'III. MỤC TIÊU',
        '(1) Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP;',
        '(2) Phát triển tối thiểu 10 doanh nghiệp công nghệ số mới.',
      ].join('\n'),
    ).plan;
    expect(plan.targets.flatMap((t) => t.measures.map((m) => `${m.comparator}${m.value} ${m.unit}`))).toEqual([
      '>=50 %',
      '>80 %',
    ]);
    const objectives = parse(
      [
        ...HEAD,
        'III. MỤC TIÊU',
        '(1) Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP;',
        '(2) Phát triển tối thiểu 10 doanh nghiệp công nghệ số mới.',
      ].join('\n'),
    ).plan;
    expect(objectives.targets.flatMap((t) => t.measures.map((m) => `${m.comparator}${m.value} ${m.unit}`))).toEqual([
      '>=30 %',
      '>=10 doanh nghiệp',
    ]);
  });
});

describe('reporting rules as real plans write them', () => {
  const rule = (...lines: string[]) =>
    parse(
      [...HEAD, 'I. NHIỆM VỤ', '1. Sở Nội vụ:', '- Rà soát biên chế.', 'II. TỔ CHỨC THỰC HIỆN', ...lines].join('\n'),
    ).plan.reporting;

  it('reads the bare "năm" after "và" as the annual report', () => {
    expect(
      rule(
        'Định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12), các đơn vị báo cáo kết quả về Sở Nội vụ để tổng hợp.',
      ).deadlines,
    ).toEqual([
      { kind: 'semiannual', dueBefore: '06-15' },
      { kind: 'annual', dueBefore: '12-15' },
    ]);
    expect(
      rule(
        'Định kỳ hằng quý (trước ngày 15 tháng cuối quý) và năm (trước ngày 15/12) báo cáo UBND tỉnh (qua Sở Nội vụ).',
      ).deadlines,
    ).toEqual([
      { kind: 'quarterly', dueBefore: '00-15' },
      { kind: 'annual', dueBefore: '12-15' },
    ]);
  });

  it('reads "chậm nhất ngày 17 tháng 12" as due before the 18th', () => {
    expect(
      rule('Định kỳ hàng năm báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường chậm nhất ngày 17 tháng 12.'),
    ).toMatchObject({
      deadlines: [{ kind: 'annual', dueBefore: '12-18' }],
      consolidator: 'Sở Nông nghiệp và Môi trường',
    });
  });

  it('keeps the body and never the words around it as the consolidator', () => {
    expect(rule('Các cơ quan báo cáo hằng năm gửi về Sở Nội vụ trước ngày 10/12 để tổng hợp.').consolidator).toBe(
      'Sở Nội vụ',
    );
    expect(
      rule(
        'Trên đây là Kế hoạch thực hiện Chỉ thị số 27/CT-TTg về việc tăng cường công tác dân số. Trong quá trình thực hiện, nếu có khó khăn, ' +
          'các đơn vị phản ánh về Sở Y tế tổng hợp, báo cáo Ủy ban nhân dân thành phố.',
      ).consolidator,
    ).toBe('Sở Y tế');
  });

  it('takes the body whose own task is to consolidate when no clause names one', () => {
    expect(
      rule(
        '1. Sở Y tế:',
        '- Chủ trì triển khai kế hoạch; tổng hợp báo cáo UBND tỉnh.',
        '2. Sở Tài chính:',
        '- Bố trí kinh phí.',
      ).consolidator,
    ).toBe('Sở Y tế');
  });
});

describe('timeframes tied to events', () => {
  it.each([
    'Theo tiến độ của Bộ Công an',
    'Sau khi Quy chế được ban hành',
    'Khi có phát sinh',
    'Song song với việc sắp xếp bộ máy',
    'Theo Kế hoạch riêng',
  ])('%s is an event, kept as written', (text) => {
    expect(parseTimeframe(text)).toEqual({ kind: 'event', text });
  });

  it('reads "Thời gian thực hiện" as a label without its colon, and raises no warning for an event', () => {
    const { plan, issues } = parse(
      [
        ...HEAD,
        'II. NHIỆM VỤ CỤ THỂ',
        '1. Ban hành quy chế phối hợp.',
        '- Cơ quan chủ trì: Sở Xây dựng.',
        '- Thời gian thực hiện Quý IV/2025.',
        '2. Ban hành quy chế tìm kiếm cứu nạn.',
        '- Cơ quan chủ trì: Sở Xây dựng.',
        '- Thời gian thực hiện: Sau khi Quy chế được ban hành.',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => t.timeframe)).toEqual([
      { kind: 'quarter', year: 2025, quarter: 4, text: 'Quý IV/2025' },
      { kind: 'event', text: 'Sau khi Quy chế được ban hành' },
    ]);
    expect(issues.filter((i) => i.code.startsWith('timeframe'))).toEqual([]);
  });
});

describe("a measure's label is its noun phrase", () => {
  it.each([
    ['Mức độ hài lòng của người dân, tổ chức đạt trên 90%.', 'Mức độ hài lòng của người dân, tổ chức'],
    ['Tỷ lệ hồ sơ trực tuyến đạt 80% vào năm 2025.', 'Tỷ lệ hồ sơ trực tuyến'],
    ['Đến năm 2030, tỷ lệ che phủ rừng đạt 45%.', 'tỷ lệ che phủ rừng'],
  ])('%s', (text, label) => {
    expect(parseMeasures('MT1', text).map((m) => m.label)).toEqual([label]);
  });
});
