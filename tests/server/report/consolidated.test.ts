// The consolidated report, drafted from what was submitted: read back by the project's own .docx reader and by
// python-docx, its figures against the master's, and converted to PDF by LibreOffice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/workbook/grid.ts';
import { ASSESSMENT_SHEET, TARGETS_SHEET, TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { readDocx } from '../../../server/plan/docx-reader.ts';
import { runCli } from '../../helpers/cli.ts';
import { dumpXlsx, PYTHON } from '../../helpers/openpyxl.ts';
import { reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel, setCell } from '../../helpers/workbooks.ts';

const TOOL = new URL('../../helpers/docx_tool.py', import.meta.url).pathname;
const PICTURE =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? new URL('../../../server/report/bao-cao-trang-1.png', import.meta.url).pathname
    : null;
const dir = mkdtempSync(join(tmpdir(), 'report-'));

let s: TestServer;
let docxPath: string;
interface Para {
  text: string;
  font: string | null;
  size: number | null;
  bold: boolean;
  italic: boolean;
  indent: number | null;
}
let read: {
  page: Record<string, number | boolean>;
  paragraphs: Para[];
  tables: { rows: string[][]; borders: string[]; first: Para[][][] }[];
};

const row = (sheet: typeof TASKS_SHEET, r: number) => sheet.headerRow + r;
function report(
  agency: string,
  o: {
    results?: string;
    shortcomings?: string;
    nextSteps?: string;
    proposals?: string;
    measures?: Record<number, [number, number] | boolean>;
  } = {},
): Grid {
  const model = seedModel(agency, '2026-Y');
  const grid = filledGrid(model);
  if (o.results) setCell(grid, TASKS_SHEET, row(TASKS_SHEET, 1), 'results', o.results);
  const assessment: [string, string | undefined][] = [
    ['shortcomings', o.shortcomings],
    ['nextSteps', o.nextSteps],
    ['proposals', o.proposals],
  ];
  assessment.forEach(([, text], i) => {
    if (text) setCell(grid, ASSESSMENT_SHEET, row(ASSESSMENT_SHEET, 2 + i), 'text', text);
  });
  for (const [i, v] of Object.entries(o.measures ?? {})) {
    const r = row(TARGETS_SHEET, Number(i) + 1);
    if (Array.isArray(v)) {
      setCell(grid, TARGETS_SHEET, r, 'numerator', v[0]);
      setCell(grid, TARGETS_SHEET, r, 'denominator', v[1]);
    } else setCell(grid, TARGETS_SHEET, r, 'yes', v ? 'Có' : 'Không');
  }
  return grid;
}

beforeAll(async () => {
  s = await startServer({ now: '2026-12-10T03:00:00Z', config: { masterDelayMs: 10 } });
  const submit = (agency: string, grid: Grid) =>
    s.api('/plans/kh-2023/periods/2026-Y/reports', { code: s.codes.agencies[agency], ...reportBody(grid) });
  expect(
    (
      await submit(
        'phong-noi-vu',
        report('phong-noi-vu', {
          results: 'Đã ban hành kế hoạch tuyên truyền của phòng.',
          shortcomings: 'Thiếu cán bộ chuyên trách.',
          nextSteps: 'Tiếp tục rà soát tổ chức bộ máy.',
          proposals: 'Bổ sung kinh phí cho công tác chuyển đổi số.',
        }),
      )
    ).status,
  ).toBe(201);
  expect(
    (
      await submit(
        'phong-tu-phap',
        report('phong-tu-phap', {
          shortcomings: 'thiếu cán bộ  chuyên trách',
          proposals: 'Tăng cường tập huấn nghiệp vụ.',
        }),
      )
    ).status,
  ).toBe(201);
  s.setNow('2026-12-16T03:00:00Z');
  expect(
    (await submit('phuong-1', report('phuong-1', { proposals: 'bổ sung kinh phí cho công tác chuyển đổi số' }))).status,
  ).toBe(201);
  const res = await s.api('/plans/kh-2023/periods/2026-Y/report.docx', { code: s.codes.admin });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-kh-2023-2026-Y.docx"');
  docxPath = join(dir, 'bao-cao.docx');
  writeFileSync(docxPath, new Uint8Array(await res.arrayBuffer()));
  const py = spawnSync(PYTHON, [TOOL, docxPath], { encoding: 'utf8' });
  if (py.status !== 0) throw new Error(py.stderr);
  read = JSON.parse(py.stdout);
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const texts = () => read.paragraphs.map((p) => p.text);

describe('the consolidated report (.docx, Nghị định 30 layout)', () => {
  it("is A4 portrait with the Decree's margins, Times New Roman 14 pt and first-line indents", () => {
    expect(read.page).toMatchObject({
      width: 210,
      height: 297,
      top: 20,
      bottom: 20,
      left: 30,
      right: 15,
      portrait: true,
    });
    const body = read.paragraphs.filter((p) => p.text.startsWith('Có 35 cơ quan'));
    expect(body).toEqual([expect.objectContaining({ font: 'Times New Roman', size: 14, indent: 12.7 })]);
  });

  it('opens with the borderless two-column header, the title and the summary line', () => {
    const header = read.tables[0]!;
    expect(header.borders.every((b) => b === 'none' || b === 'nil')).toBe(true);
    expect(header.rows[0]![0]).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU\n───────\nSố:       /BC-UBND');
    expect(header.rows[0]![1]).toBe(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n───────────────\nVũng Tàu, ngày     tháng     năm 2026',
    );
    expect(header.first[1]![3]).toMatchObject({ italic: true });
    expect(texts()).toContain('BÁO CÁO');
    expect(texts().find((t) => t.startsWith('Kết quả thực hiện Kế hoạch'))).toMatch(/ — Năm 2026$/);
  });

  it('has the four sections in order, and says who is late and who is missing', () => {
    const headings = texts().filter((t) => /^(I|II|III|IV)\. /.test(t));
    expect(headings).toEqual([
      'I. KẾT QUẢ THỰC HIỆN',
      'II. HẠN CHẾ, NGUYÊN NHÂN',
      'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
    ]);
    expect(texts()).toContain(
      'Có 35 cơ quan, đơn vị phải báo cáo; 2 đơn vị nộp đúng hạn, 1 đơn vị nộp trễ hạn, 32 đơn vị chưa nộp báo cáo.',
    );
    expect(texts()).toContain('Nộp trễ hạn: Phường 1.');
    expect(texts().find((t) => t.startsWith('Chưa nộp báo cáo: '))).toContain('Phòng Y tế');
  });

  it("gives each task in the plan's order, its lead's report first, a missing lead said as such", async () => {
    const tasks = texts()
      .filter((t) => /^NV\d+\. /.test(t))
      .map((t) => t.split('.')[0]);
    expect(tasks).toEqual(['NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV8', 'NV9']);
    expect(texts()).toContain(
      'Phòng Nội vụ (chủ trì): Đang thực hiện, tiến độ 50%. Đã ban hành kế hoạch tuyên truyền của phòng.',
    );
    expect(texts()).toContain('Văn phòng HĐND và UBND (chủ trì): chưa báo cáo.');
    // The project's own .docx reader finds the same order.
    const own = readDocx(new Uint8Array(readFileSync(docxPath)));
    if (!own.ok) throw new Error('unreadable');
    const ownTasks = own.blocks.flatMap((b) =>
      b.type === 'paragraph' && /^NV\d+\. /.test(b.text) ? [b.text.split('.')[0]] : [],
    );
    expect(ownTasks).toEqual(tasks);
  });

  it("has the targets table with the master's figures, and a sentence per target not met", async () => {
    await s.ctx.master.settled();
    const res = await s.api('/plans/kh-2023/periods/2026-Y/master.xlsx', { code: s.codes.admin });
    const masterPath = join(dir, 'master.xlsx');
    writeFileSync(masterPath, new Uint8Array(await res.arrayBuffer()));
    const overview = dumpXlsx(masterPath)['Tổng quan']!.rows.map((r) => r.map(([v]) => v));
    const table = read.tables.find((t) => t.rows[0]![0] === 'Chỉ tiêu')!;
    expect(table.rows.length).toBeGreaterThan(5);
    for (const r of table.rows.slice(1)) {
      const id = r[0]!.split('. ')[0];
      const m = overview.find((o) => typeof o[0] === 'string' && o[0].startsWith(`${id}. `))!;
      expect([r[1], r[2], r[3], r[4]]).toEqual([
        m[1],
        m[3] === null ? '—' : `${String(m[3]).replace('.', ',')}%`,
        String(m[4]),
        m[5],
      ]);
    }
    const notMet = table.rows.slice(1).filter((r) => r[4] === 'Chưa đạt');
    expect(notMet.length).toBeGreaterThan(0);
    for (const r of notMet)
      expect(
        texts().some((t) => t.startsWith(`Chỉ tiêu ${r[0]!.split('. ')[0]} (`) && t.includes('chưa đạt ngưỡng')),
      ).toBe(true);
  });

  it('gathers shortcomings and proposals from the units, near-duplicates merged, each once with its units', () => {
    const after = (heading: string) => {
      const t = texts();
      const i = t.indexOf(heading);
      return t.slice(
        i + 1,
        t.findIndex((x, j) => j > i && /^(I|II|III|IV)\. /.test(x)),
      );
    };
    expect(after('II. HẠN CHẾ, NGUYÊN NHÂN')).toEqual(['- Thiếu cán bộ chuyên trách. (Phòng Nội vụ, Phòng Tư pháp)']);
    const proposals = texts()
      .slice(texts().indexOf('IV. ĐỀ XUẤT, KIẾN NGHỊ') + 1)
      .filter((t) => t.startsWith('- '));
    expect(proposals).toEqual([
      '- Bổ sung kinh phí cho công tác chuyển đổi số. (Phòng Nội vụ, Phường 1)',
      '- Tăng cường tập huấn nghiệp vụ. (Phòng Tư pháp)',
    ]);
  });

  it('ends with "Nơi nhận:" from the plan and the signature block', () => {
    const closing = read.tables.at(-1)!;
    expect(closing.rows[0]![0]).toMatch(/^Nơi nhận:\n- /);
    expect(closing.rows[0]![1]).toBe('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n(Ký, ghi rõ họ tên)');
  });

  it('converts to PDF with LibreOffice without error', () => {
    const out = mkdtempSync(join(tmpdir(), 'report-pdf-'));
    const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        docxPath,
        '--outdir',
        out,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status).toBe(0);
    const pdf = join(out, basename(docxPath).replace(/\.docx$/, '.pdf'));
    expect(existsSync(pdf) && statSync(pdf).size).toBeGreaterThan(10_000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (PICTURE) {
      const png = spawnSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        PICTURE.replace(/\.png$/, ''),
      ]);
      expect(png.status).toBe(0);
      mkdirSync(dir, { recursive: true });
    }
  }, 120_000);

  it('is also written by plan-reporting report, and its content previewed as JSON for the city page', async () => {
    const out = join(dir, 'cli.docx');
    expect(await runCli(['report', '--period', '2026-Y', '-o', out], { DATA_DIR: s.dataDir })).toMatchObject({
      code: 0,
      stdout: `${out}\n`,
    });
    expect(statSync(out).size).toBeGreaterThan(5_000);
    const preview = await (await s.api('/plans/kh-2023/periods/2026-Y/report', { code: s.codes.admin })).json();
    expect(preview).toMatchObject({
      title: 'BÁO CÁO',
      body: expect.arrayContaining([{ kind: 'heading', text: 'IV. ĐỀ XUẤT, KIẾN NGHỊ' }]),
    });
    expect(
      (await s.api('/plans/kh-2023/periods/2026-Y/report.docx', { code: s.codes.agencies['phuong-1'] })).status,
    ).toBe(403);
  });
});
