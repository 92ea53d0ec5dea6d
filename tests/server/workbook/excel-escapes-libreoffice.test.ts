// Excel's `_xHHHH_` escapes through LibreOffice: a workbook with the bytes Excel writes, opened and saved by
// LibreOffice Calc (which writes a control character as `_x000b_`, lower case, and a lone CR as `&#13;`), reads
// back as Excel means it; our template, with a title typed with a literal `_x000D_`, survives it and still passes
// the locked check.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { periodFromId } from '../../../shared/domain/period.ts';
import { cellText } from '../../../shared/workbook/cell-values.ts';
import { readReport } from '../../../shared/workbook/grid-reader.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../../../server/workbook/generate-workbook.ts';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { filledAsExcelWrites } from '../../helpers/excel-bytes.ts';
import { resaveWithLibreOffice } from '../../helpers/libreoffice.ts';
import { DIRECTORY, SEED_PLAN } from '../../helpers/workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'escapes-lo-'));
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook as Excel writes one: one sheet of shared strings holding `texts` (ST_Xstring, escapes as given). */
function excelWorkbook(texts: string[]): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${DECL}<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="Nhiệm vụ" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `${DECL}<sst ${MAIN} count="${texts.length}" uniqueCount="${texts.length}">${texts.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `${DECL}<worksheet ${MAIN}><sheetData><row r="1">${texts.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row></sheetData></worksheet>`,
    ),
  });
}

const resaved = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return new Uint8Array(readFileSync(resaveWithLibreOffice(path)));
};
const part = (bytes: Uint8Array, name: string) =>
  strFromU8(unzipSync(bytes, { filter: (f) => f.name === name })[name]!);

describe("Excel's escapes in a workbook saved by LibreOffice", () => {
  it('read as Excel means them, whichever way LibreOffice wrote them', () => {
    const bytes = resaved(
      'excel.xlsx',
      excelWorkbook([
        'Đã triển khai_x000D_\n- bước 2',
        'a_x0001_b_x000B_c',
        'gõ _x005F_x000D_ nguyên văn',
        'dòng 1_x000D_dòng 2',
      ]),
    );
    const strings = part(bytes, 'xl/sharedStrings.xml');
    // How LibreOffice writes them (what the reader has to take): a control character as a lower-case escape, a lone CR
    // as a character reference, the literal escape kept escaped.
    expect(strings).toContain('a_x0001_b_x000b_c');
    expect(strings).toContain('dòng 1&#13;dòng 2');
    expect(strings).toContain('gõ _x005F_x000D_ nguyên văn');
    const read = readXlsx(bytes);
    if (!read.ok) throw new Error(read.error.code);
    const [row] = read.grid['Nhiệm vụ']!;
    expect(row!.slice(0, 3)).toEqual(['Đã triển khai\n- bước 2', 'abc', 'gõ _x000D_ nguyên văn']);
    // The CR LibreOffice wrote as &#13; is the XML parser's, not an escape: the gate (every cell's text) makes it LF.
    expect(cellText(row![3]!)).toBe('dòng 1\ndòng 2');
  }, 150_000);

  it('our template with a title typed with a literal _x000D_, filled as Excel writes, saved by LibreOffice: the locked check passes', async () => {
    const period = periodFromId('2026-Y', SEED_PLAN.reporting);
    if (!period.ok) throw new Error(period.reason);
    const plan = structuredClone(SEED_PLAN);
    plan.tasks.find((t) => t.id === 'NV8')!.title = 'Gõ _x000D_ nguyên văn';
    const model = buildTemplateModel(plan, DIRECTORY.byId('phong-tu-phap')!, period.period, '2026-11-25T03:00:00.000Z');
    const filled = filledAsExcelWrites(
      await generateWorkbook(model),
      model.tasks.map((_, i) => TASKS_SHEET.headerRow + 1 + i),
      'Đã triển khai_x000D_\n- bước 2',
    );
    const bytes = resaved('template.xlsx', filled);
    const read = readXlsx(bytes);
    if (!read.ok) throw new Error(read.error.code);
    const result = readReport(read.grid, { expected: { agencyId: 'phong-tu-phap', periodId: '2026-Y' } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(read.grid[TASKS_SHEET.name]!.some((r) => r[1] === 'Gõ _x000D_ nguyên văn')).toBe(true);
    expect(result.value.tasks.map((t) => t.results)).toContain('Đã triển khai\n- bước 2');
  }, 150_000);
});
