import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../../shared/workbook/grid-reader.ts';
import { reportingAgencies } from '../../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../../../server/workbook/generate-workbook.ts';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { fillXlsx, inspectXlsx } from '../../helpers/openpyxl.ts';
import { resaveWithLibreOffice } from '../../helpers/libreoffice.ts';
import { SEED_PLAN, seedModel } from '../../helpers/workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'workbooks-'));
const ward = seedModel('phuong-1');
const wardBytes = await generateWorkbook(ward);
const wardPath = join(dir, 'phuong-1.xlsx');
writeFileSync(wardPath, wardBytes);
const xml = (bytes: Uint8Array, name: string) => strFromU8(unzipSync(bytes, { filter: (f) => f.name === name })[name]!);

describe('generateWorkbook for every agency of the seed plan', () => {
  it('writes 35 workbooks that read back as blank forms of the right agency', async () => {
    const agencies = reportingAgencies(SEED_PLAN);
    expect(agencies).toHaveLength(35);
    for (const agency of agencies) {
      const model = seedModel(agency.id);
      const read = readXlsx(await generateWorkbook(model));
      if (!read.ok) throw new Error(JSON.stringify(read.error));
      const result = readReport(read.grid, { expected: { agencyId: agency.id, periodId: '2023-H1' } });
      expect(result.ok).toBe(false);
      // A blank form lacks exactly one thing per task row: its status.
      if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(model.tasks.map(() => 'status-required'));
    }
  });

  it('gives Phòng Nội vụ its 9 specific tasks, leads first, then the 5 focus tasks', () => {
    const model = seedModel('phong-noi-vu');
    expect(model.tasks.map((t) => `${t.taskId}/${t.roleLabel}`)).toEqual([
      'NV1/Chủ trì',
      'NV2/Chủ trì',
      'NV3/Chủ trì',
      'NV4/Chủ trì',
      'NV5/Chủ trì',
      'NV6/Chủ trì',
      'NV7/Chủ trì',
      'NV9/Chủ trì',
      'NV8/Phối hợp',
      'TT1/Thực hiện (trọng tâm)',
      'TT2/Thực hiện (trọng tâm)',
      'TT3/Thực hiện (trọng tâm)',
      'TT4/Thực hiện (trọng tâm)',
      'TT5/Thực hiện (trọng tâm)',
    ]);
  });
});

describe('the generated file, as its XML says', () => {
  it('has one data validation per input range, never per cell, with Vietnamese prompts', () => {
    const sheet = xml(wardBytes, 'xl/worksheets/sheet2.xml');
    const sqrefs = [...sheet.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs).toEqual(['E5:E18', 'F5:F18', 'G5:G18', 'H5:H18', 'I5:I18', 'J5:J18']);
    expect(sheet).toContain(
      '<formula1>&quot;Chưa triển khai,Đang thực hiện,Đã hoàn thành,Thực hiện thường xuyên&quot;</formula1>',
    );
    expect(sheet).toContain('prompt="Số nguyên từ 0 đến 100. (A whole number from 0 to 100.)"');
    const targets = xml(wardBytes, 'xl/worksheets/sheet3.xml');
    expect([...targets.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(
      ['E10:E14', 'E7:E8', 'F10:F14', 'F7:F8', 'G5:G6', 'G9', 'I5:I14'].sort(),
    );
  });

  it('protects every sheet without a password, hides the metadata very well and opens on the guide', () => {
    for (let i = 1; i <= 5; i++)
      expect(xml(wardBytes, `xl/worksheets/sheet${i}.xml`)).toMatch(/<sheetProtection sheet="1"[^>]*\/>/);
    expect(xml(wardBytes, 'xl/worksheets/sheet2.xml')).not.toContain('hashValue');
    const workbook = xml(wardBytes, 'xl/workbook.xml');
    expect(workbook).toContain('name="_meta" state="veryHidden"');
    expect(workbook).toContain('activeTab="0"');
  });

  it('costs a password hash only when asked', async () => {
    const protectedBytes = await generateWorkbook(ward, { password: 'mật khẩu' });
    expect(xml(protectedBytes, 'xl/worksheets/sheet2.xml')).toMatch(
      /<sheetProtection [^>]*algorithmName="SHA-512"[^>]*hashValue="/,
    );
  });
});

describe('the generated file, as openpyxl reads it', () => {
  const inspection = inspectXlsx(wardPath);

  it('has the sheets in order, the metadata very hidden and the guide active', () => {
    expect(inspection.sheets).toEqual(['Hướng dẫn', 'Nhiệm vụ', 'Chỉ tiêu', 'Đánh giá chung', '_meta']);
    expect(inspection.states).toEqual(['visible', 'visible', 'visible', 'visible', 'veryHidden']);
    expect(inspection.active).toBe('Hướng dẫn');
  });

  it('freezes headers, prints A4 landscape with repeated header rows and unlocks only input cells', () => {
    const tasks = inspection.detail['Nhiệm vụ']!;
    expect(tasks).toMatchObject({
      protected: true,
      freeze: 'C5',
      printTitles: '$1:$4',
      orientation: 'landscape',
      paper: 9,
    });
    const inputColumns = new Set(tasks.unlocked.map((c) => c.replace(/\d+/, '')));
    expect([...inputColumns].sort()).toEqual(['E', 'F', 'G', 'H', 'I', 'J']);
    expect(tasks.unlocked).toHaveLength(14 * 6);
    expect(tasks.validations.map((v) => [v[0], v[1], v[2], v[3]])).toContainEqual(['whole', 'F5:F18', '0', '100']);
    const targets = inspection.detail['Chỉ tiêu']!;
    expect(targets.unlocked.filter((c) => c.startsWith('G'))).toEqual(['G5', 'G6', 'G9']);
    expect(inspection.detail['Đánh giá chung']!.unlocked).toEqual(['B5', 'B6', 'B7', 'B8']);
  });
});

describe('a workbook filled by openpyxl, read back by our reader', () => {
  it('reads the values another library wrote, dates as text, and checks them', () => {
    const filled = join(dir, 'filled.xlsx');
    fillXlsx(wardPath, filled, [
      ...ward.tasks.map((_, i): [string, string, string | number] => [
        'Nhiệm vụ',
        `E${5 + i}`,
        'Thực hiện thường xuyên',
      ]),
      ...ward.tasks.map((_, i): [string, string, string | number] => ['Nhiệm vụ', `G${5 + i}`, `Kết quả ${i + 1}`]),
      ['Nhiệm vụ', 'F5', '80'],
      ['Nhiệm vụ', 'H5', '2023-03-15', 'date'],
      ['Chỉ tiêu', 'E7', 4],
      ['Chỉ tiêu', 'F7', 10],
      ['Chỉ tiêu', 'G5', 'Có'],
      ['Đánh giá chung', 'B6', 'Còn chậm số hóa hồ sơ.'],
    ]);
    const read = readXlsx(readFileSync(filled));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const result = readReport(read.grid, { expected: { agencyId: 'phuong-1', periodId: '2023-H1' } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.tasks[0]).toMatchObject({
      status: 'ongoing',
      progress: 80,
      results: 'Kết quả 1',
      outputs: '15/03/2023',
    });
    expect(result.value.measures.find((m) => m.measureId === 'MT2.2')).toMatchObject({ numerator: 4, denominator: 10 });
    expect(result.value.measures[0]!.yes).toBe(true);
    expect(result.value.assessment.shortcomings).toBe('Còn chậm số hóa hồ sơ.');
  });
});

describe('a filled workbook opened and saved by LibreOffice', () => {
  it('keeps the metadata hidden, computes the ratio formulas and still reads as a valid report', () => {
    const filled = join(dir, 'lo-filled.xlsx');
    fillXlsx(wardPath, filled, [
      ...ward.tasks.map((_, i): [string, string, string] => ['Nhiệm vụ', `E${5 + i}`, 'Chưa triển khai']),
      ['Chỉ tiêu', 'E7', 4],
      ['Chỉ tiêu', 'F7', 10],
      ['Chỉ tiêu', 'G5', 'Không'],
    ]);
    const read = readXlsx(readFileSync(resaveWithLibreOffice(filled)));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.sheets.map((s) => `${s.name}:${s.state}`)).toEqual([
      'Hướng dẫn:visible',
      'Nhiệm vụ:visible',
      'Chỉ tiêu:visible',
      'Đánh giá chung:visible',
      '_meta:hidden',
    ]);
    expect(read.grid['Chỉ tiêu']![6]![7]).toBe(40);
    expect(read.grid['Chỉ tiêu']![4]![7]).toBe(0);
    const result = readReport(read.grid, { expected: { agencyId: 'phuong-1', periodId: '2023-H1' } });
    expect(result.ok).toBe(true);
  }, 150_000); // LibreOffice's first start on a new machine builds its profile and font cache
});
