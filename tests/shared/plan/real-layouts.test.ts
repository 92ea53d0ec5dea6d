// The layouts of real plans (issue 22), each in a small synthetic example written in the same shape as the real ones
// in tests/fixtures/plans/corpus/.
import { describe, expect, it } from 'vitest';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';
import { parseMeasures } from '../../../shared/plan/measures.ts';
import { parseTimeframe } from '../../../shared/plan/timeframe.ts';
import { readDocx } from '../../../server/plan/docx-reader.ts';
import { buildDocx } from '../../helpers/docx.ts';

const parse = (text: string) => parsePlan(textToBlocks(text));
const HEAD = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH ĐỒNG NAI',
  'Số: 12/KH-UBND',
  'Đồng Nai, ngày 20 tháng 11 năm 2025',
  'KẾ HOẠCH',
  'Phòng, chống ma túy',
];

describe("tasks under each agency's heading", () => {
  const plan = parse(
    [
      ...HEAD,
      'IV. TỔ CHỨC THỰC HIỆN',
      'PHÂN CÔNG NHIỆM VỤ',
      '1. Sở Nội vụ:',
      '- Chủ trì, phối hợp với các sở, ngành có liên quan tham mưu kiện toàn Ban Chỉ đạo.',
      'Thời gian hoàn thành: Quý I/2026.',
      '- Hướng dẫn các xã, phường rà soát biên chế.',
      '2. Công an tỉnh',
      'a) Chủ trì, phối hợp',
      '- Sở Tài chính và các đơn vị có liên quan tham mưu bố trí ngân sách.',
      '- Sở Xây dựng tổ chức rà soát cơ sở cai nghiện.',
      'b) Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân quyết định:',
      '- Phương án phân bổ vốn;',
      '- Mức vốn đối ứng.',
      '3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội',
      'Tuyên truyền, vận động Nhân dân tham gia phòng, chống ma túy.',
      '4. Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Đồng Nai',
      'Tăng thời lượng tuyên truyền. Hoàn thành, báo cáo kết quả trong tháng 11/2025.',
      'Định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12), các đơn vị báo cáo UBND tỉnh (qua Công an tỉnh).',
    ].join('\n'),
  ).plan;
  const byTitle = (words: string) => plan.tasks.find((t) => t.title.includes(words))!;

  it('makes each bullet, lettered item or paragraph under a body a task that body leads', () => {
    expect(plan.tasks.map((t) => t.lead)).toEqual([
      ['Sở Nội vụ'],
      ['Sở Nội vụ'],
      ['Công an tỉnh'],
      ['Công an tỉnh'],
      ['Công an tỉnh'],
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'các tổ chức chính trị - xã hội'],
      ['Sở Văn hóa, Thể thao và Du lịch', 'Báo và Phát thanh, Truyền hình Đồng Nai'],
    ]);
    expect(plan.tasks.some((t) => t.lead.some((l) => l.endsWith('-')))).toBe(false);
  });

  it("reads a bullet's own timeframe line, and a deadline inside a task's sentence", () => {
    expect(byTitle('kiện toàn Ban Chỉ đạo').timeframe).toMatchObject({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(byTitle('Tăng thời lượng').timeframe).toMatchObject({ kind: 'month', year: 2025, month: 11 });
  });

  it('takes coordinators from the task sentence or from the role line above the bullets, without qualifier tails', () => {
    expect(byTitle('kiện toàn Ban Chỉ đạo').coordinating).toEqual(['các sở, ngành']);
    expect(byTitle('bố trí ngân sách').coordinating).toEqual(['Sở Tài chính', 'các đơn vị']);
  });

  it("keeps the bullets of a lettered task that ends in a colon as that task's detail", () => {
    expect(byTitle('Tham mưu Ủy ban nhân dân tỉnh trình').detail).toEqual([
      '- Phương án phân bổ vốn;',
      '- Mức vốn đối ứng.',
    ]);
  });
});

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

describe('appendix tables whose headers say it differently', () => {
  const rows = [
    [
      'TT',
      'NHIỆM VỤ VÀ GIẢI PHÁP',
      'Cơ quan chủ trì thực hiện',
      'Cơ quan phối hợp',
      'Thời gian dự kiến hoàn thành',
      'Sản phẩm',
    ],
    ['I', 'Nhóm nhiệm vụ về thể chế', '', '', '', ''],
    ['1', 'Rà soát quy chế quản lý dữ liệu', 'Sở Khoa học và Công nghệ', 'Sở Tư pháp', 'Quý II/2026', 'Quy chế'],
    ['2', 'Xây dựng kho dữ liệu dùng chung', '', '', '', 'Kho dữ liệu'],
    ['3', 'Công bố dữ liệu mở', 'Sở Tài chính', '', 'Năm 2026', 'Danh mục'],
  ];
  const expectTasks = (
    tasks: {
      title: string;
      lead: string[];
      coordinating: string[];
      timeframe: { kind: string };
      products?: string;
      detail: string[];
    }[],
  ) => {
    expect(tasks.map((t) => [t.title, t.lead, t.coordinating, t.timeframe.kind, t.products, t.detail])).toEqual([
      [
        'Rà soát quy chế quản lý dữ liệu',
        ['Sở Khoa học và Công nghệ'],
        ['Sở Tư pháp'],
        'quarter',
        'Quy chế',
        ['Nhóm nhiệm vụ về thể chế'],
      ],
      [
        'Xây dựng kho dữ liệu dùng chung',
        ['Sở Khoa học và Công nghệ'],
        ['Sở Tư pháp'],
        'quarter',
        'Kho dữ liệu',
        ['Nhóm nhiệm vụ về thể chế'],
      ],
      ['Công bố dữ liệu mở', ['Sở Tài chính'], [], 'within-year', 'Danh mục', ['Nhóm nhiệm vụ về thể chế']],
    ]);
  };

  it('reads each column by its meaning, a row spanning the table as a heading, and empty cells continuing the row above', () => {
    const text = [
      ...HEAD,
      'II. NHIỆM VỤ, GIẢI PHÁP',
      'Chi tiết tại Phụ lục kèm theo.',
      'PHỤ LỤC',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
    expectTasks(parse(text).plan.tasks);
  });

  it('reads a Word table with vertically merged cells and a heading row merged across the table', () => {
    const docx = buildDocx([
      ...HEAD,
      'II. NHIỆM VỤ, GIẢI PHÁP',
      'PHỤ LỤC',
      {
        table: [
          rows[0]!,
          ['I', { text: 'Nhóm nhiệm vụ về thể chế', span: 5 }],
          [
            '1',
            rows[2]![1]!,
            { text: 'Sở Khoa học và Công nghệ', merge: 'restart' },
            { text: 'Sở Tư pháp', merge: 'restart' },
            { text: 'Quý II/2026', merge: 'restart' },
            'Quy chế',
          ],
          [
            '2',
            rows[3]![1]!,
            { text: '', merge: 'continue' },
            { text: '', merge: 'continue' },
            { text: '', merge: 'continue' },
            'Kho dữ liệu',
          ],
          rows[4]!,
        ],
      },
    ]);
    const read = readDocx(docx);
    if (!read.ok) throw new Error(read.error.code);
    expectTasks(parsePlan(read.blocks).plan.tasks);
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

describe('section headings, and a decision carrying its plan', () => {
  it.each(['NỘI DUNG HOẠT ĐỘNG', 'NHIỆM VỤ, GIẢI PHÁP', 'CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU', 'HOẠT ĐỘNG'])(
    '"II. %s" holds tasks',
    (heading) => {
      const { plan } = parse(
        [
          ...HEAD,
          `II. ${heading}`,
          '1. Rà soát quy chế.',
          '- Cơ quan chủ trì: Sở Tư pháp.',
          '- Thời gian: Năm 2026.',
        ].join('\n'),
      );
      expect(plan.tasks.map((t) => t.lead)).toEqual([['Sở Tư pháp']]);
    },
  );

  it('takes the title of the plan a decision carries, and the number of the decision', () => {
    const { plan, issues } = parse(
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH SƠN LA',
        'Số: 2954/QĐ-UBND',
        'Sơn La, ngày 20 tháng 11 năm 2025',
        'QUYẾT ĐỊNH',
        'VỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH SƠN LA GIAI ĐOẠN 2026 - 2030',
        'ỦY BAN NHÂN DÂN TỈNH SƠN LA',
        'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        'Nơi nhận:',
        '- Như Điều 2;',
        'KẾ HOẠCH',
        'Xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030',
        '(Ban hành kèm theo Quyết định số 2954/QĐ-UBND ngày 20/11/2025 của UBND tỉnh Sơn La)',
        'I. NHIỆM VỤ',
        '1. Sở Công Thương',
        '- Xúc tiến thương mại.',
      ].join('\n'),
    );
    expect(plan.plan).toMatchObject({
      number: '2954/QĐ-UBND',
      title: 'Xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030',
    });
    expect(issues.map((i) => i.code)).not.toContain('no-title');
    expect(plan.tasks.map((t) => t.lead)).toEqual([['Sở Công Thương']]);
  });
});

describe('leads written as prose', () => {
  it('reads the body that leads and the bodies that coordinate from the sentences of a task', () => {
    const { plan } = parse(
      [
        ...HEAD,
        'II. NHIỆM VỤ CỤ THỂ',
        '1. Kiện toàn tổ chức bộ máy. Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân tỉnh; Sở Tư pháp và các cơ quan có liên quan chủ động phối hợp thực hiện.',
        '2. Rà soát thủ tục hành chính. Sở Tư pháp có trách nhiệm hướng dẫn, đôn đốc các sở, ngành.',
        '3. Tuyên truyền phòng, chống ma túy.',
        '- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.',
        '- Cơ quan phối hợp:',
        '+ Sở Giáo dục và Đào tạo và Sở Y tế;',
        '+ Báo và Phát thanh, Truyền hình Đồng Nai và các sở, ngành trong phạm vi chức năng, nhiệm vụ của mình.',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.lead, t.coordinating])).toEqual([
      [['Sở Nội vụ'], ['Sở Tư pháp', 'các cơ quan']],
      [['Sở Tư pháp'], []],
      [
        ['Sở Văn hóa, Thể thao và Du lịch'],
        ['Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Báo và Phát thanh, Truyền hình Đồng Nai', 'các sở, ngành'],
      ],
    ]);
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

describe('appendix tables split across pages', () => {
  it('reads a headless table after a task table as its continuation, skips the header repeated, a header short of its "STT" cell, and numbered group rows', () => {
    const table = (rows: string[][]) => rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
    const text = [
      ...HEAD,
      'II. NHIỆM VỤ, GIẢI PHÁP',
      'PHỤ LỤC',
      table([
        ['STT', 'Nhiệm vụ, giải pháp', 'Đơn vị thực hiện', 'Đơn vị phối hợp', 'Thời gian thực hiện', 'Sản phẩm đầu ra'],
        ['1.1', 'Rà soát quy định', 'Sở Tư pháp', 'Các sở, ban, ngành', '2026 - 2030', 'Văn bản'],
      ]),
      '',
      table([
        ['B', 'PHÁT TRIỂN KINH TẾ SỐ NGÀNH, LĨNH VỰC', '', '', '', ''],
        [
          '2.1',
          'Triển khai nền tảng dữ liệu nông nghiệp',
          'Sở Nông nghiệp và Môi trường',
          'Các sở, ban, ngành',
          '2026',
          'Nền tảng',
        ],
      ]),
      'PHỤ LỤC II',
      table([
        ['Nội dung', 'Đơn vị thực hiện', 'Đơn vị phối hợp', 'Thời gian thực hiện', 'Sản phẩm đầu ra'],
        ['5.1', '', 'Thương mại', '', '', ''],
        ['5.1.1', 'Triển khai thương mại điện tử', 'Sở Công Thương', 'Các sở, ban, ngành', '2026 - 2030', 'Kế hoạch'],
        ['Nội dung', 'Đơn vị thực hiện', 'Đơn vị phối hợp', 'Thời gian thực hiện', 'Sản phẩm đầu ra'],
        ['5.1.2', 'Hỗ trợ xuất khẩu', 'Sở Công Thương', 'Các sở, ban, ngành', '2027', 'Báo cáo'],
      ]),
    ].join('\n');
    const { plan } = parse(text);
    expect(plan.tasks.map((t) => [t.number, t.lead, t.timeframe.kind, t.detail])).toEqual([
      ['1.1', ['Sở Tư pháp'], 'years', []],
      ['2.1', ['Sở Nông nghiệp và Môi trường'], 'within-year', ['PHÁT TRIỂN KINH TẾ SỐ NGÀNH, LĨNH VỰC']],
      ['5.1.1', ['Sở Công Thương'], 'years', ['Thương mại']],
      ['5.1.2', ['Sở Công Thương'], 'within-year', ['Thương mại']],
    ]);
  });
});

describe('agency headings lettered or as bullets', () => {
  it('reads "a) Sở Nội vụ:" over bullets, and "- Sở Y tế:" over "+" items or with its task after the colon', () => {
    const { plan } = parse(
      [
        ...HEAD,
        'IV. TỔ CHỨC THỰC HIỆN',
        '1. Trách nhiệm của các cơ quan',
        'a) Sở Nội vụ:',
        '- Tham mưu kiện toàn Ban Chỉ đạo.',
        '- Hướng dẫn rà soát biên chế.',
        'b) Công an tỉnh',
        '- Chủ trì đấu tranh phòng, chống tội phạm.',
        '2. Phân công cụ thể',
        '- Sở Y tế:',
        '+ Hướng dẫn xử lý môi trường;',
        '+ Bảo đảm thuốc, vật tư.',
        '- Sở Tài chính: Tham mưu bố trí kinh phí.',
        '3. Các cơ quan căn cứ Kế hoạch triển khai thực hiện.',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.title, t.lead])).toEqual([
      ['Tham mưu kiện toàn Ban Chỉ đạo.', ['Sở Nội vụ']],
      ['Hướng dẫn rà soát biên chế.', ['Sở Nội vụ']],
      ['Chủ trì đấu tranh phòng, chống tội phạm.', ['Công an tỉnh']],
      ['Hướng dẫn xử lý môi trường;', ['Sở Y tế']],
      ['Bảo đảm thuốc, vật tư.', ['Sở Y tế']],
      ['Tham mưu bố trí kinh phí.', ['Sở Tài chính']],
    ]);
  });
});
