import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationPath, OLDEST_READABLE_VERSION } from '../../../shared/workbook/migrations.ts';
import { readReport } from '../../../shared/workbook/grid-reader.ts';
import { issueWording, type WorkbookIssue } from '../../../shared/workbook/issue.ts';
import {
  ASSESSMENT_SHEET,
  META_SHEET,
  TARGETS_SHEET,
  TASKS_SHEET,
  TEMPLATE_VERSION,
} from '../../../shared/workbook/spec.ts';
import { buildTemplateGrid } from '../../../shared/workbook/template-grid.ts';
import { cloneGrid, filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';
import type { Grid } from '../../../shared/workbook/grid.ts';
import { digest } from '../../../shared/text/digest.ts';

const ward = seedModel('phuong-1');
const codes = (issues: WorkbookIssue[]) => issues.map((i) => `${i.code}@${i.at.sheet}!${i.at.cell}`);
function issuesOf(grid: Grid, options = {}) {
  const result = readReport(grid, options);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('readReport on a filled workbook', () => {
  it('reads every task, measure and assessment section in row order', () => {
    const result = readReport(filledGrid(ward));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const report = result.value;
    expect(report).toMatchObject({ templateVersion: TEMPLATE_VERSION, periodId: '2023-H1', agencyId: 'phuong-1' });
    expect(report.tasks.map((t) => `${t.taskId}:${t.role}`)).toEqual([
      'NV9:lead',
      ...['NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV8'].map((id) => `${id}:coordinating`),
      ...['TT1', 'TT2', 'TT3', 'TT4', 'TT5'].map((id) => `${id}:focus`),
    ]);
    expect(report.tasks[0]).toEqual({
      taskId: 'NV9',
      role: 'lead',
      status: 'in-progress',
      progress: 50,
      results: 'Đã triển khai NV9',
      outputs: '',
      difficulties: '',
      proposals: '',
    });
    expect(report.measures.map((m) => m.measureId)).toEqual([
      'MT1',
      'MT2.1',
      'MT2.2',
      'MT2.3',
      'MT3',
      'MT4',
      'MT5',
      'MT6',
      'MT7',
      'MT8',
    ]);
    expect(report.measures[0]).toEqual({ measureId: 'MT1', numerator: null, denominator: null, yes: true, note: '' });
    expect(report.measures[2]).toEqual({ measureId: 'MT2.2', numerator: 5, denominator: 12, yes: null, note: '' });
    expect(report.assessment.results).toBe('Hoàn thành cơ bản các nhiệm vụ.');
    expect(result.warnings).toEqual([]);
  });

  it('gives a department the measures for all units but not the wards-only one', () => {
    expect(seedModel('phong-tu-phap').measures.map((m) => m.measureId)).not.toContain('MT3');
    expect(ward.measures.map((m) => m.measureId)).toContain('MT3');
  });

  it('reads what people type: "80%", " 80 ", "1.200", "có", decomposed text', () => {
    const grid = filledGrid(ward);
    setCell(grid, TASKS_SHEET, 5, 'progress', '80%');
    setCell(grid, TASKS_SHEET, 6, 'progress', ' 80 ');
    setCell(grid, TASKS_SHEET, 7, 'status', '  đã HOÀN thành ');
    setCell(grid, TASKS_SHEET, 7, 'progress', 100);
    setCell(grid, TASKS_SHEET, 8, 'results', 'Hoa\u0300n tha\u0300nh');
    setCell(grid, TARGETS_SHEET, 7, 'numerator', '1.200');
    setCell(grid, TARGETS_SHEET, 7, 'denominator', '1 500');
    setCell(grid, TARGETS_SHEET, 5, 'yes', 'có');
    const result = readReport(grid);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.tasks.slice(0, 4).map((t) => [t.status, t.progress])).toEqual([
      ['in-progress', 80],
      ['in-progress', 80],
      ['done', 100],
      ['in-progress', 53],
    ]);
    expect(result.value.tasks[3]!.results).toBe('Hoàn thành');
    expect(result.value.measures[2]).toMatchObject({ numerator: 1200, denominator: 1500 });
    expect(result.value.measures[0]!.yes).toBe(true);
  });
});

describe('the rules, each with its code and cell', () => {
  it('a blank form: status is required on every task row', () => {
    expect(codes(issuesOf(buildTemplateGrid(ward)))).toEqual(
      ward.tasks.map((_, i) => `status-required@Nhiệm vụ!E${5 + i}`),
    );
  });

  it('flags each task rule at its cell', () => {
    const grid = filledGrid(ward);
    setCell(grid, TASKS_SHEET, 5, 'status', 'Xong');
    setCell(grid, TASKS_SHEET, 6, 'progress', 0.8);
    setCell(grid, TASKS_SHEET, 7, 'progress', 120);
    setCell(grid, TASKS_SHEET, 8, 'status', 'Đã hoàn thành');
    setCell(grid, TASKS_SHEET, 8, 'progress', 90);
    setCell(grid, TASKS_SHEET, 9, 'results', null);
    setCell(grid, TASKS_SHEET, 10, 'status', 'Chưa triển khai');
    setCell(grid, TASKS_SHEET, 10, 'results', null);
    setCell(grid, TASKS_SHEET, 11, 'proposals', 'x'.repeat(1001));
    setCell(grid, TASKS_SHEET, 12, 'progress', 'tám mươi');
    const issues = issuesOf(grid);
    expect(codes(issues)).toEqual([
      'status-invalid@Nhiệm vụ!E5',
      'progress-invalid@Nhiệm vụ!F6',
      'progress-out-of-range@Nhiệm vụ!F7',
      'done-needs-100@Nhiệm vụ!F8',
      'results-required@Nhiệm vụ!G9',
      'text-too-long@Nhiệm vụ!J11',
      'progress-invalid@Nhiệm vụ!F12',
    ]);
    expect(issues[0]).toMatchObject({ at: { field: 'status' }, params: { value: 'Xong' } });
    expect(issueWording(issues[5]!)).toEqual({
      vi: 'Nội dung ở ô J11 dài 1001 ký tự, tối đa 1000.',
      en: 'The text in J11 has 1001 characters; the limit is 1000.',
    });
    expect(issueWording(issues[3]!).vi).toBe('Nhiệm vụ "Đã hoàn thành" thì tiến độ ở ô F8 phải là 100.');
  });

  it('flags each measure rule at its cell', () => {
    const grid = filledGrid(ward);
    setCell(grid, TARGETS_SHEET, 7, 'numerator', 12);
    setCell(grid, TARGETS_SHEET, 7, 'denominator', 10);
    setCell(grid, TARGETS_SHEET, 8, 'denominator', null);
    setCell(grid, TARGETS_SHEET, 10, 'numerator', -1);
    setCell(grid, TARGETS_SHEET, 11, 'denominator', 2.5);
    setCell(grid, TARGETS_SHEET, 5, 'yes', 'Yes');
    setCell(grid, TARGETS_SHEET, 12, 'note', 'n'.repeat(501));
    expect(codes(issuesOf(grid))).toEqual([
      'yes-no-invalid@Chỉ tiêu!G5',
      'numerator-exceeds-denominator@Chỉ tiêu!E7',
      'denominator-required@Chỉ tiêu!F8',
      'count-invalid@Chỉ tiêu!E10',
      'count-invalid@Chỉ tiêu!F11',
      'text-too-long@Chỉ tiêu!I12',
    ]);
  });

  it('accepts 0 of 0 and a blank measure', () => {
    const grid = filledGrid(ward);
    setCell(grid, TARGETS_SHEET, 13, 'numerator', 0);
    setCell(grid, TARGETS_SHEET, 13, 'denominator', 0);
    setCell(grid, TARGETS_SHEET, 14, 'numerator', null);
    setCell(grid, TARGETS_SHEET, 14, 'denominator', null);
    const result = readReport(grid);
    expect(result.ok && result.value.measures.slice(8).map((m) => [m.numerator, m.denominator])).toEqual([
      [0, 0],
      [null, null],
    ]);
  });
});

describe('what people do to workbooks', () => {
  it('follows a column moved or inserted, reporting it and reading the values where they went', () => {
    const grid = filledGrid(ward);
    grid[TASKS_SHEET.name] = grid[TASKS_SHEET.name]!.map((row) => {
      const copy = [...row];
      while (copy.length < 10) copy.push(null);
      const [progress] = copy.splice(5, 1);
      copy.splice(2, 0, row === grid[TASKS_SHEET.name]![3] ? 'Ghi chú riêng' : null);
      copy.push(progress ?? null);
      return copy;
    });
    const result = readReport(grid);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.tasks[0]!.progress).toBe(50);
    expect(codes(result.warnings)).toEqual([
      'column-moved@Nhiệm vụ!D4',
      'column-moved@Nhiệm vụ!E4',
      'column-moved@Nhiệm vụ!F4',
      'column-moved@Nhiệm vụ!K4',
    ]);
    expect(issueWording(result.warnings[3]!).vi).toBe('Cột "Tiến độ (%)" đã bị dời từ cột F sang cột K.');
  });

  it('finds a renamed sheet by its headers, and says a deleted one is missing', () => {
    const renamed = filledGrid(ward);
    renamed['Nhiem vu (sua)'] = renamed[TASKS_SHEET.name]!;
    delete renamed[TASKS_SHEET.name];
    const result = readReport(renamed);
    expect(result.ok && codes(result.warnings)).toEqual(['sheet-renamed@Nhiệm vụ!A1']);

    const deleted = filledGrid(ward);
    delete deleted[ASSESSMENT_SHEET.name];
    expect(codes(issuesOf(deleted))).toEqual(['sheet-missing@Đánh giá chung!A1']);
  });

  it('finds an assessment section whose label was retyped in another case', () => {
    const grid = filledGrid(ward);
    grid[ASSESSMENT_SHEET.name]![4]![0] = 'i.  KẾT QUẢ ĐẠT ĐƯỢC';
    const result = readReport(grid);
    expect(result.ok && result.value.assessment.results).toBe('Hoàn thành cơ bản các nhiệm vụ.');
    grid[ASSESSMENT_SHEET.name]![4]![0] = 'Kết quả';
    expect(codes(issuesOf(grid))).toEqual(['row-missing@Đánh giá chung!A5']);
  });

  it('reports a locked task title edited once protection was removed', () => {
    const grid = filledGrid(ward);
    setCell(grid, TASKS_SHEET, 6, 'title', 'Nhiệm vụ đã bị sửa');
    setCell(grid, TASKS_SHEET, 7, 'role', 'Chủ trì');
    setCell(grid, TARGETS_SHEET, 7, 'threshold', '≥ 20%');
    expect(codes(issuesOf(grid))).toEqual([
      'locked-content-changed@Nhiệm vụ!B6',
      'locked-content-changed@Nhiệm vụ!C7',
      'locked-content-changed@Chỉ tiêu!C7',
    ]);
  });

  it('reports rows deleted, duplicated or foreign', () => {
    const grid = filledGrid(ward);
    const tasks = grid[TASKS_SHEET.name]!;
    tasks.splice(5, 1);
    tasks.push([...tasks[4]!]);
    tasks.push(['NV99', 'Lạ', 'Chủ trì']);
    expect(codes(issuesOf(grid))).toEqual([
      'row-duplicate@Nhiệm vụ!A18',
      'row-unknown@Nhiệm vụ!A19',
      'row-missing@Nhiệm vụ!A5',
    ]);
  });

  it('refuses a workbook of another agency or period, naming both', () => {
    const issues = issuesOf(filledGrid(ward), { expected: { agencyId: 'phuong-2', periodId: '2023-Y' } });
    expect(codes(issues)).toEqual(['agency-mismatch@_meta!B7', 'period-mismatch@_meta!B6']);
    expect(issueWording(issues[0]!).vi).toBe('Tệp này là báo cáo của Phường 1, không phải phuong-2.');
  });

  it('refuses row maps edited in the metadata, and a consistent forgery that drops a task', () => {
    const dropFirstTask = (grid: Grid, recompute: boolean) => {
      const meta = grid[META_SHEET.name]!;
      const taskRows = JSON.parse(meta.find((r) => r[0] === 'taskRows')![1] as string).slice(1);
      const measureRows = JSON.parse(meta.find((r) => r[0] === 'measureRows')![1] as string);
      meta.find((r) => r[0] === 'taskRows')![1] = JSON.stringify(taskRows);
      if (recompute) meta.find((r) => r[0] === 'lockedDigest')![1] = digest(JSON.stringify([taskRows, measureRows]));
      grid[TASKS_SHEET.name]!.splice(4, 1);
      return grid;
    };
    expect(codes(issuesOf(dropFirstTask(filledGrid(ward), false)))).toEqual(['metadata-invalid@_meta!B12']);
    const forged = dropFirstTask(filledGrid(ward), true);
    expect(readReport(forged).ok).toBe(true);
    expect(codes(issuesOf(forged, { expected: { lockedDigest: ward.meta.lockedDigest } }))).toEqual([
      'template-outdated@_meta!B12',
    ]);
  });

  it('says the metadata sheet is missing or damaged', () => {
    const missing = filledGrid(ward);
    delete missing[META_SHEET.name];
    expect(codes(issuesOf(missing))).toEqual(['metadata-missing@_meta!A1']);
    const damaged = filledGrid(ward);
    damaged[META_SHEET.name]![9]![1] = '{not json';
    expect(codes(issuesOf(damaged))).toEqual(['metadata-invalid@_meta!B10']);
  });
});

describe('template versions', () => {
  const version1 = (): Grid => {
    const grid = cloneGrid(filledGrid(ward));
    grid[TASKS_SHEET.name] = grid[TASKS_SHEET.name]!.map((row) => row.filter((_, c) => c !== 7));
    grid['Mục tiêu'] = grid[TARGETS_SHEET.name]!;
    delete grid[TARGETS_SHEET.name];
    grid[META_SHEET.name] = grid[META_SHEET.name]!.map((row) =>
      row[0] === 'templateVersion' ? ['templateVersion', 1] : row,
    );
    return grid;
  };

  it('migrates a version 1 workbook and says so', () => {
    const result = readReport(version1());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(codes(result.warnings)).toEqual(['template-migrated@_meta!B2']);
    expect(result.value.tasks[0]).toMatchObject({ progress: 50, outputs: '' });
    expect(result.value.measures).toHaveLength(10);
  });

  it('refuses versions it cannot read, saying what to do', () => {
    for (const [version, code] of [
      [0, 'template-version-unsupported'],
      [TEMPLATE_VERSION + 1, 'template-version-newer'],
    ] as const) {
      const grid = filledGrid(ward);
      grid[META_SHEET.name] = grid[META_SHEET.name]!.map((row) =>
        row[0] === 'templateVersion' ? ['templateVersion', version] : row,
      );
      const issues = issuesOf(grid);
      expect(codes(issues)).toEqual([`${code}@_meta!B2`]);
    }
    const grid = filledGrid(ward);
    grid[META_SHEET.name] = grid[META_SHEET.name]!.map((row) =>
      row[0] === 'templateVersion' ? ['templateVersion', 0] : row,
    );
    expect(issueWording(issuesOf(grid)[0]!).vi).toBe(
      'Mẫu phiên bản 0 không còn được hỗ trợ (hiện tại: 2); hãy tải mẫu mới và chép số liệu sang.',
    );
  });
});

describe('template migrations', () => {
  it("has one for every version from the oldest readable to today's (raise TEMPLATE_VERSION, add a migration)", () => {
    for (let v = OLDEST_READABLE_VERSION; v < TEMPLATE_VERSION; v++)
      expect(MIGRATIONS[v], `migration ${v} → ${v + 1}`).toBeTypeOf('function');
    expect(migrationPath(OLDEST_READABLE_VERSION, TEMPLATE_VERSION)).toHaveLength(
      TEMPLATE_VERSION - OLDEST_READABLE_VERSION,
    );
    expect(migrationPath(OLDEST_READABLE_VERSION, TEMPLATE_VERSION + 1)).toBeNull();
  });

  it("1 → 2 is frozen: the same output whatever today's spec says", () => {
    const v1: Grid = {
      'Nhiệm vụ': [
        ['t'],
        [],
        [],
        ['STT', 'Mã', 'Nhiệm vụ', 'Vai trò', 'Tình trạng', 'Tiến độ', 'Kết quả', 'Khó khăn', 'Đề xuất'],
        [1, 'NV1', 'x', 'Chủ trì', 'Đang thực hiện', 50, 'kq', null, 'dx'],
      ],
      'Mục tiêu': [['m']],
      _meta: [
        ['templateVersion', 1],
        ['agencyId', 'phuong-1'],
      ],
    };
    expect(MIGRATIONS[1]!(v1)).toEqual({
      'Nhiệm vụ': [
        ['t', null, null, null, null, null, null, null],
        Array(8).fill(null),
        Array(8).fill(null),
        [
          'STT',
          'Mã',
          'Nhiệm vụ',
          'Vai trò',
          'Tình trạng',
          'Tiến độ',
          'Kết quả',
          'Văn bản, sản phẩm\n(Output documents)',
          'Khó khăn',
          'Đề xuất',
        ],
        [1, 'NV1', 'x', 'Chủ trì', 'Đang thực hiện', 50, 'kq', null, null, 'dx'],
      ],
      'Chỉ tiêu': [['m']],
      _meta: [
        ['templateVersion', 2],
        ['agencyId', 'phuong-1'],
      ],
    });
  });
});
