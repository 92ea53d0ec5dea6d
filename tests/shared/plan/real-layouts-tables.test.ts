// The layouts of real plans (issue 22) that put their tasks in appendix tables: headers worded differently, merged
// cells, tables split across pages. Each a small synthetic example in the shape of the real ones in
// tests/fixtures/plans/corpus/.
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';
import { readDocx } from '../../../server/plan/docx-reader.ts';
import { buildDocx } from '../../helpers/docx.ts';
import { HEAD, parse } from '../../helpers/real-layout.ts';

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
