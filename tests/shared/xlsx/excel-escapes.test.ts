// The shared reader on the bytes Excel writes: `_xHHHH_` escapes (ECMA-376 Part 1, §22.9.2.19 ST_Xstring) decoded
// in shared and inline strings, with both hosts' codecs (Node's, the file pane's), and invalid UTF-8 in a part refused.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Codec } from '../../../shared/xlsx/codec.ts';
import { describeXlsxError, readXlsx } from '../../../shared/xlsx/xlsx-reader.ts';
import { WORKBOOK_LIMITS } from '../../../server/workbook/xlsx-reader.ts';
import { NODE_CODEC } from '../../../server/workbook/node-codec.ts';
import { BROWSER_CODEC } from '../../../addin/file/browser-codec.ts';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const WORKBOOK = `${DECL}<workbook ${MAIN} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Nhiệm vụ" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
// As Excel saves them: a CR pasted from Word before the LF, control characters, a literal `_x000D_` the user typed,
// a rich-text cell whose runs split nothing, and a lone CR.
const STRINGS =
  `${DECL}<sst ${MAIN} count="6" uniqueCount="6">` +
  '<si><t xml:space="preserve">Đã triển khai_x000D_\n- bước 2</t></si>' +
  '<si><t>a_x0001_b_x000B_c_x001B_d</t></si>' +
  '<si><t>gõ _x005F_x000D_ nguyên văn</t></si>' +
  '<si><r><t xml:space="preserve">dòng 1_x000D_</t></r><r><rPr><b/></rPr><t>dòng 2</t></r></si>' +
  '<si><t>ký tự _xFFFF_ và _xD800_ lẻ, _xD83D__xDE00_ cặp</t></si>' +
  '<si><t>chữ thường _x000d_ và _x005f_x0041_, không phải _x12_ hay _xZZZZ_</t></si>' +
  '</sst>';
const SHEET =
  `${DECL}<worksheet ${MAIN}><sheetData><row r="1">${[0, 1, 2, 3, 4, 5].map((i) => `<c r="${'ABCDEF'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row>` +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>nội dòng_x000D_\nhai_x005F_x005F_</t></is></c><c r="B2" t="str"><f>"a"</f><v>công thức_x000A_xuống dòng</v></c></row>' +
  '</sheetData></worksheet>';

const parts = (sheet: Uint8Array = strToU8(SHEET), strings: Uint8Array = strToU8(STRINGS)) =>
  zipSync({
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(RELS),
    'xl/sharedStrings.xml': strings,
    'xl/worksheets/sheet1.xml': sheet,
  });

const hosts: [string, Codec][] = [
  ['Node', NODE_CODEC],
  ['the file pane (browser)', BROWSER_CODEC],
];

describe.each(hosts)('the shared reader with the codec of %s', (_, codec) => {
  it("decodes Excel's escapes, keeps a literal one the user typed, and drops what XML cannot hold once decoded", () => {
    const read = readXlsx(parts(), WORKBOOK_LIMITS, codec);
    if (!read.ok) throw new Error(describeXlsxError(read.error));
    expect(read.grid['Nhiệm vụ']).toEqual([
      [
        'Đã triển khai\n- bước 2',
        'abcd',
        'gõ _x000D_ nguyên văn',
        'dòng 1\ndòng 2',
        'ký tự  và  lẻ, 😀 cặp',
        'chữ thường \n và _x0041_, không phải _x12_ hay _xZZZZ_',
      ],
      ['nội dòng\nhai_x005F_', 'công thức\nxuống dòng'],
    ]);
  });

  it('refuses a part that is not UTF-8, as a damaged workbook naming the part', () => {
    const bad = new Uint8Array([...strToU8(SHEET.replace('nội dòng', 'n@i dòng'))]);
    bad[bad.indexOf(0x40)] = 0xc3; // a lead byte followed by a space: not UTF-8 (a Latin-1 "Ã" written raw)
    const sheetRead = readXlsx(parts(bad), WORKBOOK_LIMITS, codec);
    expect(sheetRead).toEqual({
      ok: false,
      error: { code: 'workbook-damaged', part: 'xl/worksheets/sheet1.xml', detail: 'not UTF-8' },
    });
    if (!sheetRead.ok) {
      expect(describeXlsxError(sheetRead.error)).toBe(
        'Tệp bảng tính bị hỏng: phần xl/worksheets/sheet1.xml không phải văn bản UTF-8. ' +
          '/ The workbook is damaged: its part xl/worksheets/sheet1.xml is not UTF-8 text.',
      );
    }
    const strings = strToU8(STRINGS);
    const cut = new Uint8Array([...strings.subarray(0, 300), 0xe1, 0xbb, ...strings.subarray(300)]); // a 3-byte sequence cut short
    expect(readXlsx(parts(undefined, cut), WORKBOOK_LIMITS, codec)).toMatchObject({
      ok: false,
      error: { code: 'workbook-damaged', part: 'xl/sharedStrings.xml' },
    });
  });
});
