// The layouts of real plans (issue 22) that name who does what: agency headings (numbered, lettered, as bullets),
// leads written as prose, and the section headings of plans and of a decision carrying one. Each a small synthetic
// example in the shape of the real ones in tests/fixtures/plans/corpus/.
import { describe, expect, it } from 'vitest';
import { HEAD, parse } from '../../helpers/real-layout.ts';

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
