// The layouts of real plans (issue 22), each in a small synthetic example written in the same shape as the real ones
// in tests/fixtures/plans/corpus/.
import { describe, expect, it } from 'vitest';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';

const parse = (text: string) => parsePlan(textToBlocks(text));
const HEAD = ['ỦY BAN NHÂN DÂN', 'TỈNH ĐỒNG NAI', 'Số: 12/KH-UBND', 'Đồng Nai, ngày 20 tháng 11 năm 2025', 'KẾ HOẠCH', 'Phòng, chống ma túy'];

describe("tasks under each agency's heading", () => {
  const plan = parse([...HEAD,
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
  ].join('\n')).plan;
  const byTitle = (words: string) => plan.tasks.find((t) => t.title.includes(words))!;

  it('makes each bullet, lettered item or paragraph under a body a task that body leads', () => {
    expect(plan.tasks.map((t) => t.lead)).toEqual([
      ['Sở Nội vụ'], ['Sở Nội vụ'], ['Công an tỉnh'], ['Công an tỉnh'], ['Công an tỉnh'],
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
    expect(byTitle('Tham mưu Ủy ban nhân dân tỉnh trình').detail).toEqual(['- Phương án phân bổ vốn;', '- Mức vốn đối ứng.']);
  });
});
