// Text as legal-document sites publish plans (the corpus's form): hard-wrapped paragraphs between blank lines, emphasis
// split across lines, and Word tables written one cell at a time between lines holding a single "|".
import { describe, expect, it } from 'vitest';
import { textToBlocks } from '../../../shared/plan/document.ts';

const shown = (text: string) =>
  textToBlocks(text).map((b) => (b.type === 'paragraph' ? b.text.replace(/\*/g, '').trim() : b.rows));

describe('text as legal-document sites publish it', () => {
  it('joins hard-wrapped lines into their paragraph, and reads a letterhead table cell by cell', () => {
    expect(
      shown(
        [
          '|',
          '**ỦY BAN NHÂN DÂN',
          '**',
          'TỈNH ĐỒNG NAI',
          '-------',
          '|',
          '**CỘNG HÒA XÃ HỘI',
          'CHỦ NGHĨA VIỆT NAM**',
          '|',
          '|',
          'Số: 182/KH-UBND',
          '|',
          '*Đồng Nai, ngày 20',
          'tháng 11 năm 2025*',
          '|',
          '',
          '**KẾ HOẠCH**',
          '',
          'TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHÒNG,',
          'CHỐNG MA TÚY ĐẾN NĂM 2030',
          '',
          '**III. NHIỆM VỤ,',
          'GIẢI PHÁP**',
          '',
          '*1.1. *Tiếp tục',
          'tăng cường sự lãnh đạo của Đảng.',
        ].join('\n'),
      ),
    ).toEqual([
      [
        ['**ỦY BAN NHÂN DÂN ** TỈNH ĐỒNG NAI', '**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**'],
        ['Số: 182/KH-UBND', '*Đồng Nai, ngày 20 tháng 11 năm 2025*'],
      ],
      'KẾ HOẠCH',
      'TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030',
      'III. NHIỆM VỤ, GIẢI PHÁP',
      '1.1. Tiếp tục tăng cường sự lãnh đạo của Đảng.',
    ]);
  });

  it('reads a table with empty cells, a row merged across the table, and a row whose last cell is empty', () => {
    const rows = textToBlocks(
      [
        'text before',
        'wrapped here',
        'and here',
        '',
        '|',
        '**TT**',
        '|',
        '**Chỉ tiêu**',
        '|',
        '**Chủ trì**',
        '|',
        '|',
        '|',
        '**I. Kinh',
        'tế số**',
        '|',
        '|',
        '|',
        '1',
        '|',
        'Kinh tế số chiếm 45% GRDP.',
        '|',
        'Sở Tài chính',
        '|',
        '|',
        '2',
        '|',
        'Tỷ lệ 60%',
        '|',
        '|',
        '',
        'after',
      ].join('\n'),
    ).find((b) => b.type === 'table');
    expect(rows?.type === 'table' && rows.rows).toEqual([
      ['**TT**', '**Chỉ tiêu**', '**Chủ trì**'],
      ['', '**I. Kinh tế số**'],
      ['1', 'Kinh tế số chiếm 45% GRDP.', 'Sở Tài chính'],
      ['2', 'Tỷ lệ 60%'],
    ]);
  });

  it('reads a plan the site put inside its own table, its paragraphs without blank lines, and the appendix table after it', () => {
    const blocks = shown(
      [
        '|',
        'Số hiệu:',
        '|',
        '980/KH-UBND',
        '|',
        '|',
        '**KẾ HOẠCH**',
        'THỰC',
        'HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG',
        'Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025',
        'của Thủ tướng Chính phủ.',
        '**IV. TỔ CHỨC THỰC HIỆN**',
        '1. Bộ CHQS tỉnh có trách nhiệm',
        'tham mưu Ủy ban nhân dân tỉnh.',
        '2. Sở Tài chính bố',
        'trí ngân sách.',
        '|',
        '** **',
        '**PHỤ LỤC**',
        'DANH MỤC NHIỆM VỤ',
        '*(Kèm theo Kế hoạch số 980/KH-UBND)*',
        '|',
        '**TT**',
        '|',
        '**Nội dung**',
        '|',
        '**Cơ quan chủ trì**',
        '|',
        '|',
        '1',
        '|',
        'Tổ chức lại Ban Chỉ huy',
        '|',
        'Bộ CHQS tỉnh',
        '|',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      [['Số hiệu:', '980/KH-UBND']],
      'KẾ HOẠCH',
      'THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG',
      'Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ.',
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Bộ CHQS tỉnh có trách nhiệm tham mưu Ủy ban nhân dân tỉnh.',
      '2. Sở Tài chính bố trí ngân sách.',
      'PHỤ LỤC',
      'DANH MỤC NHIỆM VỤ (Kèm theo Kế hoạch số 980/KH-UBND)',
      [
        ['**TT**', '**Nội dung**', '**Cơ quan chủ trì**'],
        ['1', 'Tổ chức lại Ban Chỉ huy', 'Bộ CHQS tỉnh'],
      ],
    ]);
  });

  it('leaves text written one paragraph a line as it was', () => {
    expect(shown('KẾ HOẠCH\nThử nghiệm\nI. NHIỆM VỤ\n1. Việc một.\n- Cơ quan chủ trì: Phòng Y tế.')).toEqual([
      'KẾ HOẠCH',
      'Thử nghiệm',
      'I. NHIỆM VỤ',
      '1. Việc một.',
      '- Cơ quan chủ trì: Phòng Y tế.',
    ]);
  });
});

describe('large and hostile input', () => {
  it('reads a table of 200,000 "|" lines in linear time', async () => {
    const { parsePlan } = await import('../../../shared/plan/plan-parser.ts');
    const text = Array.from({ length: 200_000 }, (_, i) => (i % 3 ? '|' : `ô ${i}`)).join('\n');
    const started = performance.now();
    parsePlan(textToBlocks(text));
    // Quadratic copying took ~45 s here; linear work takes well under a second even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
