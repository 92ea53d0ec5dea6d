// A province's plan in the lettered layout, with labelled paragraphs under one heading, read with the province's
// own directory — as .txt and as .docx (the letterhead in a Word header table): every field, exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DirectoryInput } from '../../../shared/directory/agency.ts';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { parsePlan, type PlanParseResult } from '../../../shared/plan/plan-parser.ts';
import { readDocx } from '../../../server/plan/docx-reader.ts';
import { buildDocx } from '../../helpers/docx.ts';
import { fixturePath } from '../../helpers/plans.ts';

const directory = JSON.parse(readFileSync(fixturePath('dong-thap-directory.json'), 'utf8')) as DirectoryInput;
const text = readFileSync(fixturePath('province-lettered.txt'), 'utf8');

function fromDocx(): PlanParseResult {
  const lines = text.split('\n');
  // The letterhead and the number/date sit in a two-column Word table, as in Decree 30/2020's layout.
  const docx = buildDocx([
    {
      table: [
        ['ỦY BAN NHÂN DÂN\n\nTỈNH ĐỒNG THÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc'],
        ['Số: 215/KH-UBND', 'Đồng Tháp, ngày 20 tháng 6 năm 2025'],
      ],
    },
    ...lines.slice(4).filter((l) => l.trim()),
  ]);
  const read = readDocx(docx);
  if (!read.ok) throw new Error(read.error.code);
  return parsePlan(read.blocks, { directories: [directory] });
}

/** The same plan as Word writes it with automatic numbering: "I." headings and "-" bullets are list paragraphs. */
function fromNumberedDocx(): PlanParseResult {
  const lines = text
    .split('\n')
    .slice(4)
    .filter((l) => l.trim());
  const docx = buildDocx([
    {
      table: [
        ['ỦY BAN NHÂN DÂN\n\nTỈNH ĐỒNG THÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['Số: 215/KH-UBND', 'Đồng Tháp, ngày 20 tháng 6 năm 2025'],
      ],
    },
    ...lines.map((l) => {
      const roman = /^[IVX]+\.\s+(.*)$/.exec(l);
      if (roman) return { numbered: roman[1]!, level: 0 };
      const bullet = /^-\s+(.*)$/.exec(l);
      return bullet && !/^Như trên|^Lưu/.test(bullet[1]!) ? { numbered: bullet[1]!, level: 2 } : l;
    }),
  ]);
  const read = readDocx(docx);
  if (!read.ok) throw new Error(read.error.code);
  return parsePlan(read.blocks, { directories: [directory] });
}

describe.each([
  ['.txt', () => parsePlan(textToBlocks(text), { directories: [directory] })],
  ['.docx', fromDocx],
  ['.docx with Word numbering', fromNumberedDocx],
])('a province plan in the lettered layout (%s)', (_kind, parse) => {
  const { plan, issues, usable } = parse();
  const tasks = plan.tasks.map((t) => ({
    id: t.id,
    title: t.title,
    detail: t.detail,
    lead: t.lead,
    coordinating: t.coordinating,
    timeframe: t.timeframe,
  }));

  it('reads the issuer from the two-line letterhead, not from the preamble', () => {
    expect(plan.plan).toEqual({
      number: '215/KH-UBND',
      date: '2025-06-20',
      place: 'Đồng Tháp',
      issuer: 'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP',
      title: 'Chuyển đổi số trong cơ quan nhà nước tỉnh Đồng Tháp năm 2025',
    });
  });

  it('reads "2. Mục tiêu cụ thể" inside "MỤC ĐÍCH, YÊU CẦU", stopping at "3. Yêu cầu", with each comparator as written', () => {
    expect(plan.targets.flatMap((t) => t.measures.map((m) => [m.comparator, m.value, m.label]))).toEqual([
      ['>=', 30, 'doanh nghiệp nhỏ và vừa sử dụng nền tảng số'],
      ['>=', 98, 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa'],
      ['>=', 80, 'cán bộ, công chức được bồi dưỡng kỹ năng số'],
    ]);
  });

  it('reads each lettered task as one task, and each labelled paragraph under "2." as a task of its own', () => {
    expect(tasks).toEqual([
      {
        id: 'NV1.1',
        title: 'Xây dựng quy chế quản lý dữ liệu',
        detail: ['Xây dựng, trình ban hành Quy chế quản lý, khai thác dữ liệu dùng chung của tỉnh'],
        lead: ['Sở Khoa học và Công nghệ'],
        coordinating: ['Sở Tư pháp', 'các sở, ban, ngành tỉnh'],
        timeframe: { kind: 'within-year', year: 2025, text: 'Hoàn thành trong năm 2025' },
      },
      {
        id: 'NV1.2',
        title: 'Rà soát văn bản quy phạm pháp luật',
        detail: ['Rà soát, kiến nghị sửa đổi văn bản không còn phù hợp với chuyển đổi số'],
        lead: ['Sở Tư pháp'],
        coordinating: ['Sở Nội vụ', 'UBND các xã, phường'],
        timeframe: { kind: 'range', start: '2025-10-01', end: '2026-06-30', text: 'Quý IV/2025 – Quý II/2026' },
      },
      {
        id: 'NV2.1',
        title: 'Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức cấp tỉnh.',
        detail: [],
        lead: ['Sở Nội vụ'],
        coordinating: [],
        timeframe: { kind: 'quarter', year: 2025, quarter: 4, text: 'Quí IV-2025' },
      },
      {
        id: 'NV2.2',
        title: 'Tổ chức tập huấn chuyển đổi số cho cán bộ, công chức cấp xã.',
        detail: [],
        lead: ['Sở Khoa học và Công nghệ'],
        coordinating: ['UBND các xã, phường'],
        timeframe: { kind: 'from', date: '2025-07-01', text: 'Từ 01/7/2025' },
      },
      {
        id: 'NV2.3',
        title: 'Phổ biến kiến thức số trên các phương tiện truyền thông.',
        detail: ['- Kinh phí: Ngân sách tỉnh.'],
        lead: ['Báo và Phát thanh, Truyền hình Đồng Tháp'],
        coordinating: [],
        timeframe: { kind: 'recurring', every: 'year', fromYear: null, text: 'Hằng năm' },
      },
    ]);
    expect(plan.assignments.map((a) => `${a.taskId}:${a.agencyId}:${a.role}`)).toEqual([
      'NV1.1:so-khcn:lead',
      'NV1.1:so-tu-phap:coordinating',
      'NV1.1:so-noi-vu:coordinating',
      'NV1.2:so-tu-phap:lead',
      'NV1.2:so-noi-vu:coordinating',
      'NV1.2:phuong-cao-lanh:coordinating',
      'NV1.2:xa-my-tho:coordinating',
      'NV2.1:so-noi-vu:lead',
      'NV2.2:so-khcn:lead',
      'NV2.2:phuong-cao-lanh:coordinating',
      'NV2.2:xa-my-tho:coordinating',
      'NV2.3:bao-ptth:lead',
    ]);
  });

  it('reads the date-before-frequency rule and the consolidator of the "gửi về … để tổng hợp" clause', () => {
    expect(plan.reporting).toEqual({
      consolidator: 'Sở Khoa học và Công nghệ',
      consolidatorId: 'so-khcn',
      deadlines: [{ kind: 'annual', dueBefore: '11-30' }],
    });
  });

  it('says the one label it does not know, with its task, and nothing else', () => {
    expect(usable).toBe(true);
    expect(issues.map((i) => [i.code, i.params])).toEqual([['label-unknown', { label: 'Kinh phí', task: 'NV2.3' }]]);
  });
});
