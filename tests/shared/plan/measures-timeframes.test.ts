// Measures and timeframes as other plans write them (issue 12, a first part).
import { describe, expect, it } from 'vitest';
import { parseMeasures } from '../../../shared/plan/measures.ts';
import { parseTimeframe } from '../../../shared/plan/timeframe.ts';
import { parseReportingRule } from '../../../shared/plan/reporting-rule.ts';
import { indexDirectory } from '../../../shared/directory/directory.ts';
import { VUNG_TAU_2023 } from '../../../shared/directory/vung-tau-2023.ts';

const read = (text: string) => parseMeasures('MT1', text).map((m) => [m.comparator, m.value, m.label]);

describe('measures: the comparator follows the words, wherever they stand', () => {
  it.each([
    ['Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử ≥ 30%.', '>=', 30, 'Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử'],
    ['80% hồ sơ được giải quyết trực tuyến trở lên.', '>=', 80, 'hồ sơ được giải quyết trực tuyến'],
    ['Tỷ lệ hồ sơ đúng hạn đạt từ 98% trở lên.', '>=', 98, 'Tỷ lệ hồ sơ đúng hạn'],
    ['Tối thiểu 90% cán bộ được tập huấn.', '>=', 90, 'cán bộ được tập huấn'],
    ['Không dưới 70% thủ tục trực tuyến toàn trình.', '>=', 70, 'thủ tục trực tuyến toàn trình'],
    ['100% cơ quan sử dụng văn bản điện tử.', '=', 100, 'cơ quan sử dụng văn bản điện tử'],
    ['Tỷ lệ hồ sơ trễ hạn ≤ 2%.', '<=', 2, 'Tỷ lệ hồ sơ trễ hạn'],
  ])('%s', (text, comparator, value, label) => {
    expect(read(text)).toEqual([[comparator, value, label]]);
  });
});

describe('count targets: a number of things, with its comparator words', () => {
  it.each([
    [
      'Mỗi phường, xã tổ chức ít nhất 02 lớp tập huấn chuyển đổi số cho người dân.',
      '>=',
      2,
      'lớp',
      'Mỗi phường, xã tổ chức lớp tập huấn chuyển đổi số cho người dân',
      'wards-communes',
    ],
    [
      'Tổ chức tối thiểu 3 hội nghị đối thoại với doanh nghiệp mỗi năm.',
      '>=',
      3,
      'hội nghị',
      'Tổ chức hội nghị đối thoại với doanh nghiệp mỗi năm',
      null,
    ],
    [
      'Các phòng chuyên môn tổ chức 02 buổi sinh hoạt chuyên đề trở lên.',
      '>=',
      2,
      'buổi',
      'Các phòng chuyên môn tổ chức buổi sinh hoạt chuyên đề',
      null,
    ],
    ['Không quá 5 vụ khiếu nại vượt cấp.', '<=', 5, 'vụ', 'vụ khiếu nại vượt cấp', null],
  ])('%s', (text, comparator, value, unit, label, reporters) => {
    expect(parseMeasures('MT1', text)).toEqual([
      { id: 'MT1', label, comparator, value, unit, kind: 'count', reporters },
    ]);
  });

  it('never reads a number in passing as a target', () => {
    expect(
      parseMeasures('MT1', 'Thực hiện Nghị quyết số 28-NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương.'),
    ).toEqual([]);
  });
});

describe('timeframes', () => {
  it.each([
    ['Quí IV-2025', { kind: 'quarter', year: 2025, quarter: 4 }],
    ['Quý III năm 2026', { kind: 'quarter', year: 2026, quarter: 3 }],
    ['Hoàn thành trước ngày 30 tháng 6 năm 2026', { kind: 'by-date', date: '2026-06-30' }],
    ['Hằng năm', { kind: 'recurring', every: 'year', fromYear: null }],
    ['Thường xuyên, hằng năm', { kind: 'recurring', every: 'year', fromYear: null }],
    ['Năm 2026 và các năm tiếp theo', { kind: 'recurring', every: 'year', fromYear: 2026 }],
    ['Định kỳ hằng quý', { kind: 'recurring', every: 'quarter', fromYear: null }],
    ['Hoàn thành trong năm 2025', { kind: 'within-year', year: 2025 }],
    ['Thực hiện thường xuyên', { kind: 'ongoing' }],
    ['Quý IV/2025 – Quý II/2026', { kind: 'range', start: '2025-10-01', end: '2026-06-30' }],
    ['Từ tháng 7/2025 đến tháng 12/2025', { kind: 'range', start: '2025-07-01', end: '2025-12-31' }],
    ['Trong tháng 10 - 11/2025', { kind: 'range', start: '2025-10-01', end: '2025-11-30' }],
    ['2025–2030', { kind: 'years', fromYear: 2025, toYear: 2030 }],
    ['Từ 01/7/2025', { kind: 'from', date: '2025-07-01' }],
    ['Từ năm 2025', { kind: 'from', date: '2025-01-01' }],
    ['Hoàn thành trước 30-6-2026', { kind: 'by-date', date: '2026-06-30' }],
    ['Quý 5/2025', { kind: 'unrecognised' }],
  ])('%s', (text, expected) => {
    expect(parseTimeframe(text)).toMatchObject({ ...expected, text });
  });
});

describe('reporting rules as plans write them', () => {
  const city = indexDirectory(VUNG_TAU_2023);
  it.each([
    [
      'Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày 30 tháng 11 hàng năm gửi về Phòng Nội vụ để tổng hợp.',
      [{ kind: 'annual', dueBefore: '11-30' }],
      'phong-noi-vu',
    ],
    [
      'Định kỳ trước ngày 01/6 và 15/11 hằng năm, các cơ quan báo cáo kết quả gửi về UBND thành phố (qua Phòng Nội vụ) để tổng hợp.',
      [
        { kind: 'semiannual', dueBefore: '06-01' },
        { kind: 'annual', dueBefore: '11-15' },
      ],
      'phong-noi-vu',
    ],
    [
      'Các đơn vị báo cáo kết quả trước ngày 15 hằng tháng về Văn phòng HĐND và UBND để tổng hợp.',
      [{ kind: 'monthly', dueBefore: '00-15' }],
      'van-phong-hdnd-ubnd',
    ],
    [
      'Báo cáo quý trước ngày 15 tháng cuối quý; báo cáo 6 tháng trước ngày 15/6 và báo cáo năm trước ngày 15/12 gửi về Phòng Nội vụ để tổng hợp.',
      [
        { kind: 'quarterly', dueBefore: '00-15' },
        { kind: 'semiannual', dueBefore: '06-15' },
        { kind: 'annual', dueBefore: '12-15' },
      ],
      'phong-noi-vu',
    ],
  ])('%s', (text, deadlines, consolidator) => {
    const rule = parseReportingRule([text], city);
    expect(rule.deadlines).toEqual(deadlines);
    expect(rule.consolidatorId).toBe(consolidator);
  });

  it('takes the consolidator from the "gửi về … để tổng hợp" clause, not from another sentence that mentions a report', () => {
    const rule = parseReportingRule(
      [
        'Phòng Tư pháp báo cáo việc thực hiện qua Phòng Văn hóa và Thông tin.',
        'Các đơn vị báo cáo 6 tháng trước ngày 15/6 gửi về Phòng Nội vụ để tổng hợp.',
      ],
      city,
    );
    expect(rule.consolidatorId).toBe('phong-noi-vu');
  });
});

describe('deadlines in words', () => {
  it('names quarterly and monthly days as such (not "quý trước 15/0")', async () => {
    const { deadlineText } = await import('../../../shared/plan/reporting-rule.ts');
    expect(deadlineText({ kind: 'quarterly', dueBefore: '00-15' })).toBe('quý trước ngày 15 tháng cuối quý');
    expect(deadlineText({ kind: 'monthly', dueBefore: '00-20' })).toBe('tháng trước ngày 20 hằng tháng');
    expect(deadlineText({ kind: 'semiannual', dueBefore: '06-15' })).toBe('6 tháng trước 15/6');
  });
});

describe('sections found by their words and by what they hold', () => {
  it('reads targets under a bare "MỤC TIÊU" with percentages, tasks under "NỘI DUNG KẾ HOẠCH", and not "ĐỐI TƯỢNG ÁP DỤNG"', async () => {
    const { parseFixture } = await import('../../helpers/plans.ts');
    const { plan, issues } = parseFixture('section-variants.txt');
    expect(plan.targets.flatMap((t) => t.measures.map((m) => [m.id, m.comparator, m.value]))).toEqual([
      ['MT1', '>=', 60],
      ['MT2', '=', 100],
    ]);
    expect(plan.tasks.map((t) => [t.id, t.lead, t.coordinating, t.timeframe.kind])).toEqual([
      ['NV1', ['Văn phòng HĐND và UBND thành phố'], ['Phòng Tư pháp'], 'quarter'],
      ['NV2', ['UBND các phường, xã'], [], 'ongoing'],
    ]);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('label variants of other plans', () => {
  it.each([
    ['Đơn vị chủ trì tham mưu thực hiện', 'lead'],
    ['Cơ quan chủ trì tham mưu', 'lead'],
    ['Chủ trì thực hiện', 'lead'],
    ['Đơn vị thực hiện', 'lead'],
    ['Thời hạn', 'timeframe'],
    ['Tiến độ thực hiện', 'timeframe'],
    ['Thời gian hoàn thành', 'timeframe'],
  ])('"%s" is %s', async (label, field) => {
    const { fieldOf } = await import('../../../shared/plan/labels.ts');
    expect(fieldOf(label)).toBe(field);
  });
});
