import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeXlsxError, readXlsx, WORKBOOK_LIMITS, type XlsxError } from '../../../server/workbook/xlsx-reader.ts';
import { GRID_LIMITS } from '../../../shared/workbook/grid-payload.ts';
import { buildDocx } from '../../helpers/docx.ts';

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Trang &amp; 1" sheetId="1" r:id="rId1"/><sheet name="Ẩn" sheetId="2" state="veryHidden" r:id="rId2"/></sheets></workbook>`;
const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x" Target="/xl/worksheets/sheet2.xml"/></Relationships>`;
const STYLES = `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
const STRINGS = `<sst><si><t>Tình trạng</t></si><si><r><t>Đang </t></r><r><t xml:space="preserve">thực hiện</t></r><rPh><t>x</t></rPh></si></sst>`;
const SHEET1 = `<worksheet><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
<row r="3"><c r="A3"><f>40+40</f><v>80</v></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#DIV/0!</v></c></row>
<row r="4"><c r="A4" s="1"><v>44999</v></c><c r="B4" s="2"><v>45000.5</v></c><c r="C4" t="inlineStr"><is><t>nội dòng</t></is></c><c r="D4" s="0"><v>0.8</v></c></row>
</sheetData></worksheet>`;
const SHEET2 = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c></row></sheetData></worksheet>`;

function workbook(extra: Record<string, Uint8Array> = {}) {
  return zipSync({
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(RELS),
    'xl/styles.xml': strToU8(STYLES),
    'xl/sharedStrings.xml': strToU8(STRINGS),
    'xl/worksheets/sheet1.xml': strToU8(SHEET1),
    'xl/worksheets/sheet2.xml': strToU8(SHEET2),
    ...extra,
  });
}

describe('readXlsx', () => {
  it('reads shared, rich and inline strings, cached formula values, booleans, errors and dates', () => {
    const read = readXlsx(workbook());
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.sheets).toEqual([
      { name: 'Trang & 1', state: 'visible' },
      { name: 'Ẩn', state: 'veryHidden' },
    ]);
    expect(read.grid['Trang & 1']).toEqual([
      ['Tình trạng', null, 'Đang thực hiện'],
      [],
      [80, 'ab', true, '#DIV/0!'],
      ['14/03/2023', '15/03/2023 12:00', 'nội dòng', 0.8],
    ]);
    expect(read.grid['Ẩn']).toEqual([['key']]);
  });
});

describe('readXlsx refuses, with one clear sentence', () => {
  const refusal = (bytes: Uint8Array) => {
    const read = readXlsx(bytes);
    if (read.ok) throw new Error('expected a refusal');
    return { code: read.error.code, message: describeXlsxError(read.error) };
  };

  it('an empty file and a text file', () => {
    expect(refusal(new Uint8Array())).toEqual({ code: 'workbook-empty', message: 'Tệp trống. / The file is empty.' });
    expect(refusal(strToU8('STT,Nhiệm vụ\n1,abc\n'))).toEqual({
      code: 'not-a-workbook',
      message: 'Tệp không phải là bảng tính .xlsx. / The file is not an .xlsx workbook.',
    });
  });

  it('a .docx, which is a zip but not a workbook', () => {
    expect(refusal(buildDocx(['KẾ HOẠCH'])).message).toBe(
      'Tệp không phải là bảng tính .xlsx (no xl/workbook.xml). / The file is not an .xlsx workbook (no xl/workbook.xml).',
    );
  });

  it('a password-protected workbook and a legacy .xls (both OLE compound files)', () => {
    const cfb = (stream: string) => {
      const bytes = new Uint8Array(4096);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      bytes.set(
        [...stream].flatMap((ch) => [ch.charCodeAt(0), 0]),
        1024,
      );
      return bytes;
    };
    expect(refusal(cfb('EncryptedPackage'))).toEqual({
      code: 'workbook-encrypted',
      message:
        'Tệp được đặt mật khẩu mở; hãy gỡ mật khẩu rồi nộp lại. / The workbook is password-protected; remove the password and submit again.',
    });
    expect(refusal(cfb('Workbook')).code).toBe('workbook-xls');
  });

  it('a workbook over 10 MB, before unzipping anything', () => {
    expect(refusal(new Uint8Array(10 * 1024 * 1024 + 1))).toEqual({
      code: 'workbook-too-large',
      message: 'Tệp quá lớn (10.0 MB, tối đa 10.0 MB). / The workbook is too large (10.0 MB; the limit is 10.0 MB).',
    });
  });

  it('a zip bomb: 60 MB of zeros in a few kilobytes', () => {
    const bomb = workbook({ 'xl/worksheets/sheet9.xml': new Uint8Array(60 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(bomb)).toEqual({
      code: 'workbook-zip-bomb',
      message:
        'Tệp bị từ chối vì bất thường (giải nén hơn 50.0 MB). / The file was refused as abnormal (over 50.0 MB uncompressed).',
    });
  });

  it('an archive with too many entries', () => {
    const entries = Object.fromEntries(
      Array.from({ length: 1001 }, (_, i) => [`xl/media/x${i}.bin`, new Uint8Array(1)]),
    );
    expect(refusal(workbook(entries)).code).toBe('workbook-zip-bomb');
  });

  it('a truncated workbook', () => {
    const bytes = workbook();
    expect(refusal(bytes.subarray(0, bytes.length - 30)).code).toBe('not-a-workbook');
  });
});

describe('readXlsx on hostile XML: linear time, clear refusals', () => {
  const refused = (parts: Record<string, string>) => {
    const started = performance.now();
    const read = readXlsx(workbook(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)]))));
    const ms = performance.now() - started;
    if (read.ok) throw new Error('expected a refusal');
    return { error: read.error, ms, message: describeXlsxError(read.error) };
  };

  it('500 KB of unclosed <si> in the shared strings is refused in well under a second', () => {
    // Fewer than a template's cells (more are refused by their count, before the XML is read: see below).
    const r = refused({ 'xl/sharedStrings.xml': `<sst>${'<si><t>a</t>'.repeat(40_000)}` });
    expect(r.error.code).toBe('not-a-workbook');
    expect(r.message).toContain('xl/sharedStrings.xml');
    expect(r.ms).toBeLessThan(1000);
  });

  it('the same shape in sheet rows and cells', () => {
    const rows = refused({
      'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${'<row><c t="s"><v>0</v>'.repeat(40_000)}`,
    });
    expect(rows.error.code).toBe('not-a-workbook');
    expect(rows.ms).toBeLessThan(1000);
  });

  it.each([['&#x110000;'], ['&#99999999999999999999;'], ['&#xFFFF;'], ['&#0;'], ['&nosuch;'], ['\u0001']])(
    'refuses the text %j inside a cell',
    (text) => {
      const r = refused({
        'xl/worksheets/sheet2.xml': `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`,
      });
      expect(r.error.code).toBe('not-a-workbook');
      expect(r.message).toContain('xl/worksheets/sheet2.xml');
    },
  );

  it('refuses a DOCTYPE (entity expansion) and nesting deeper than Office needs', () => {
    const laughs = `<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>`;
    expect(refused({ 'xl/sharedStrings.xml': laughs }).message).toContain('DOCTYPE is not allowed');
    expect(refused({ 'xl/styles.xml': `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}` }).message).toContain(
      'nested deeper than 64',
    );
  });

  it("refuses rows and columns beyond Excel's bounds, and grids over the cell budget", () => {
    expect(
      refused({ 'xl/worksheets/sheet2.xml': '<worksheet><sheetData><row r="99999999999"/></sheetData></worksheet>' })
        .message,
    ).toContain('bad row number');
    expect(
      refused({
        'xl/worksheets/sheet2.xml':
          '<worksheet><sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>',
      }).message,
    ).toContain('bad cell reference');
    const far = refused({
      'xl/worksheets/sheet2.xml':
        '<worksheet><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
    });
    expect(far.error).toEqual({ code: 'workbook-too-many-cells', limit: 1_000_000 });
  });

  it('a huge attribute is read in linear time and does not break the grid', () => {
    const read = readXlsx(
      workbook({
        'xl/worksheets/sheet2.xml': strToU8(
          `<worksheet><sheetData><row r="1" x="${'a'.repeat(2_000_000)}"><c r="A1" t="inlineStr"><is><t>key</t></is></c></row></sheetData></worksheet>`,
        ),
      }),
    );
    expect(read.ok && read.grid['Ẩn']).toEqual([['key']]);
  });
});

describe('readXlsx counts shared strings and cells before it reads them (issue 20, item 2)', () => {
  const strings = (count: number, si = '<si><t></t></si>') =>
    workbook({ 'xl/sharedStrings.xml': strToU8(`<sst>${si.repeat(count)}</sst>`) });

  it('3 million empty shared strings (94 KB zipped) are refused at once, naming the part, without inflating it whole', () => {
    const bytes = zipSync(
      {
        ...Object.fromEntries(Object.entries(unzipSync(workbook())).filter(([k]) => k !== 'xl/sharedStrings.xml')),
        'xl/sharedStrings.xml': strToU8(`<sst>${'<si><t></t></si>'.repeat(3_000_000)}</sst>`),
      },
      { level: 9 },
    );
    expect(bytes.length).toBeLessThan(100_000);
    const started = performance.now();
    const read = readXlsx(bytes);
    const ms = performance.now() - started;
    expect(read).toEqual({
      ok: false,
      error: {
        code: 'workbook-too-many-elements',
        part: 'xl/sharedStrings.xml',
        element: 'si',
        limit: GRID_LIMITS.cells,
      },
    });
    expect(describeXlsxError((read as { error: XlsxError }).error)).toContain('xl/sharedStrings.xml');
    // Inflating the part whole (48 MB) and reading it took 0.2–1.5 s; its first 4 MB are enough to count.
    expect(ms).toBeLessThan(100);
  });

  it('as many shared strings as a template has cells are read; one more, with or without a prefix, is refused', () => {
    expect(readXlsx(strings(GRID_LIMITS.cells)).ok).toBe(true);
    expect(readXlsx(strings(GRID_LIMITS.cells + 1))).toMatchObject({
      ok: false,
      error: { code: 'workbook-too-many-elements', element: 'si' },
    });
    expect(readXlsx(strings(GRID_LIMITS.cells + 1, '<x:si><x:t>a</x:t></x:si>'))).toMatchObject({
      ok: false,
      error: { code: 'workbook-too-many-elements' },
    });
    // Other elements whose names start the same are not counted.
    expect(
      readXlsx(workbook({ 'xl/sharedStrings.xml': strToU8(`<sst>${'<sis/>'.repeat(GRID_LIMITS.cells + 1)}</sst>`) }))
        .ok,
    ).toBe(true);
  });

  it('empty <c> elements count against the cell budget, over all sheets', () => {
    const limits = { ...WORKBOOK_LIMITS, maxCells: 100 };
    const cells = (n: number) =>
      strToU8(`<worksheet><sheetData><row r="1">${'<c s="1"/>'.repeat(n)}</row></sheetData></worksheet>`);
    expect(readXlsx(workbook({ 'xl/worksheets/sheet2.xml': cells(90) }), limits).ok).toBe(true);
    expect(readXlsx(workbook({ 'xl/worksheets/sheet2.xml': cells(101) }), limits)).toMatchObject({
      ok: false,
      error: { code: 'workbook-too-many-elements', part: 'xl/worksheets/sheet2.xml', element: 'c' },
    });
    // sheet1 has 10 cells: 91 more in sheet2 pass the budget of both.
    expect(readXlsx(workbook({ 'xl/worksheets/sheet2.xml': cells(91) }), limits)).toMatchObject({
      ok: false,
      error: { part: 'xl/worksheets/sheet2.xml' },
    });
  });
});
