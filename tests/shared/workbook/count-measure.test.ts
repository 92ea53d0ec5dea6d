// A count target in the agency's workbook: the count is typed in the "Số lượng" column (its only input), checked as
// a whole number, read into the report, and shown in the master unit by unit and citywide.
import { describe, expect, it } from 'vitest';
import { periodFromId } from '../../../shared/domain/period.ts';
import { indexDirectory } from '../../../shared/directory/directory.ts';
import { VUNG_TAU_2023 } from '../../../shared/directory/vung-tau-2023.ts';
import { citywideRow, measureRows } from '../../../shared/master/master-rows.ts';
import { MeasureTotals } from '../../../shared/master/aggregate.ts';
import { textToBlocks } from '../../../shared/plan/document.ts';
import { parsePlan } from '../../../shared/plan/plan-parser.ts';
import { readReport } from '../../../shared/workbook/grid-reader.ts';
import { inputBlocks } from '../../../shared/workbook/input-cells.ts';
import { TARGETS_SHEET, TASKS_SHEET, columnIndex, dataRow } from '../../../shared/workbook/spec.ts';
import { buildTemplateGrid } from '../../../shared/workbook/template-grid.ts';
import { buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import { cloneGrid, setCell } from '../../helpers/workbooks.ts';

const PLAN = `ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU
Số: 9/KH-UBND
Vũng Tàu, ngày 5 tháng 1 năm 2024
KẾ HOẠCH
Tập huấn kỹ năng số năm 2024
I. CHỈ TIÊU
1. Mỗi phường, xã tổ chức ít nhất 02 lớp tập huấn kỹ năng số cho người dân.
2. 100% cán bộ, công chức được tập huấn.
II. NHIỆM VỤ CỤ THỂ
1. Tổ chức lớp tập huấn kỹ năng số.
- Cơ quan chủ trì: UBND các phường, xã.
- Thời gian thực hiện: Năm 2024.
III. TỔ CHỨC THỰC HIỆN
Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12), các đơn vị báo cáo về Phòng Nội vụ để tổng hợp.`;

const parsed = parsePlan(textToBlocks(PLAN));
const index = indexDirectory(VUNG_TAU_2023);
const period = periodFromId('2024-Y', parsed.plan.reporting);
if (!period.ok) throw new Error(period.reason);
const model = buildTemplateModel(parsed.plan, index.byId('phuong-1')!, period.period, '2024-01-10T00:00:00Z');

describe('a count target', () => {
  it('is read from the plan with its unit, and asked of the wards', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.plan.targets[0]!.measures).toEqual([
      {
        id: 'MT1',
        label: 'Mỗi phường, xã tổ chức lớp tập huấn kỹ năng số cho người dân',
        comparator: '>=',
        value: 2,
        unit: 'lớp',
        kind: 'count',
        reporters: 'wards-communes',
      },
    ]);
    expect(model.measures.map((m) => [m.measureId, m.threshold, m.how])).toEqual([
      ['MT1', '≥ 2 lớp', 'Số lượng (lớp)'],
      ['MT2', '100%', 'Số lượng / Tổng số'],
    ]);
  });

  it('opens only the count and the note for input', () => {
    const row = dataRow(TARGETS_SHEET, 0);
    const open = inputBlocks(model)
      .filter((b) => b.sheet === TARGETS_SHEET && b.rows[0] <= row && row <= b.rows[1])
      .map((b) => TARGETS_SHEET.columns[b.column]!.key);
    expect(open).toEqual(['numerator', 'note']);
  });

  it('reads a whole count into the report, refuses anything else at its cell', () => {
    const grid = cloneGrid(buildTemplateGrid(model));
    const row = dataRow(TARGETS_SHEET, 0);
    setCell(grid, TASKS_SHEET, dataRow(TASKS_SHEET, 0), 'status', 'Đang thực hiện');
    setCell(grid, TASKS_SHEET, dataRow(TASKS_SHEET, 0), 'results', 'Đã mở 3 lớp.');
    setCell(grid, TARGETS_SHEET, row, 'numerator', 3);
    setCell(grid, TARGETS_SHEET, row + 1, 'numerator', 9);
    setCell(grid, TARGETS_SHEET, row + 1, 'denominator', 10);
    const read = readReport(grid, {});
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    expect(read.value.measures[0]).toEqual({ measureId: 'MT1', numerator: 3, denominator: null, yes: null, note: '' });
    setCell(grid, TARGETS_SHEET, row, 'numerator', 2.5);
    const bad = readReport(grid, {});
    const column = String.fromCharCode(65 + columnIndex(TARGETS_SHEET, 'numerator'));
    expect(!bad.ok && bad.issues.map((i) => [i.code, i.at.cell])).toEqual([['count-invalid', `${column}${row}`]]);
  });

  it('shows in the master unit by unit and citywide', () => {
    const totals = new MeasureTotals(parsed.plan.targets.flatMap((t) => t.measures));
    totals.add({ measures: [{ measureId: 'MT1', numerator: 3, denominator: null, yes: null, note: '' }] } as never);
    totals.add({ measures: [{ measureId: 'MT1', numerator: 1, denominator: null, yes: null, note: '' }] } as never);
    expect(citywideRow(totals.result()[0]!)).toEqual([
      'MT1',
      'Mỗi phường, xã tổ chức lớp tập huấn kỹ năng số cho người dân',
      '≥ 2 lớp',
      'TOÀN THÀNH PHỐ',
      4,
      null,
      '1 đạt / 1 chưa đạt',
      50,
      'Chưa đạt',
      '2 đơn vị có số liệu',
    ]);
    expect(
      measureRows({ id: 'phuong-1', name: 'Phường 1' } as never, model, {
        measures: [{ measureId: 'MT1', numerator: 3, denominator: null, yes: null, note: 'x' }],
      } as never)[0],
    ).toEqual([
      'MT1',
      'Mỗi phường, xã tổ chức lớp tập huấn kỹ năng số cho người dân',
      '≥ 2 lớp',
      'Phường 1',
      3,
      null,
      null,
      null,
      null,
      'x',
    ]);
  });
});
