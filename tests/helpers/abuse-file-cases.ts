// The abuse suite's hostile files: upload bodies (multipart, sizes, types), zip tricks and XML tricks, each with the
// status the service must answer; run by tests/server/http/abuse-files.test.ts, counted by abuse.test.ts.
import { strToU8, zipSync } from 'fflate';
import { agency, multipart, sheet, upload, xlsxWith, XLSX, type Case } from './abuse-service.ts';
import { buildDocx } from './docx.ts';
import { rawZip } from './zip-tricks.ts';

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `xl/media/f${i}.bin`, data: strToU8('x') }));

export const FILE_CASES: Case[] = [
  // Upload bodies
  [
    'multipart without its closing boundary',
    (a) => multipart(a, '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc'),
    400,
  ],
  [
    'multipart without a boundary parameter',
    (a) => ({ ...multipart(a, 'abc'), headers: { ...agency(a), 'Content-Type': 'multipart/form-data' } }),
    400,
  ],
  [
    'multipart with two files',
    (a) =>
      multipart(
        a,
        `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc\r\n--XYZ\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\n\r\ndef\r\n--XYZ--\r\n`,
      ),
    400,
  ],
  [
    'multipart with an empty file',
    (a) =>
      multipart(a, '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n\r\n--XYZ--\r\n'),
    422,
  ],
  ['an empty body', (a) => upload(a, ''), 422],
  ['an upload over 10 MB', (a) => upload(a, new Uint8Array(11 * 1024 * 1024)), 413],
  [
    'a Content-Length that claims 1 GB',
    (a) => ({ ...upload(a, 'abc'), headers: { ...agency(a), 'Content-Type': XLSX, 'Content-Length': 1024 ** 3 } }),
    413,
  ],
  ['a CSV', (a) => ({ ...upload(a, 'a,b'), headers: { ...agency(a), 'Content-Type': 'text/csv' } }), 415],
  [
    'a legacy .xls',
    (a) => upload(a, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600)])),
    422,
  ],
  ['a .docx', (a) => upload(a, buildDocx(['KẾ HOẠCH'])), 422],
  // Zip tricks
  [
    'a zip that lies about its size (64 MB declared as 22 KB)',
    (a) =>
      upload(
        a,
        rawZip([
          { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(64 * 1024 * 1024).fill(32), declaredSize: 22_000 },
        ]),
      ),
    422,
  ],
  [
    'a zip entry with a bad CRC',
    (a) => upload(a, rawZip([{ name: 'xl/workbook.xml', data: strToU8('<workbook/>'), crc: 7 }])),
    422,
  ],
  [
    'overlapping zip entries',
    (a) =>
      upload(
        a,
        rawZip(
          Array.from({ length: 50 }, (_, i) => ({ name: `xl/worksheets/s${i}.xml`, data: new Uint8Array(100_000) })),
          { overlapAll: true },
        ),
      ),
    422,
  ],
  ['a zip with 5,000 entries', (a) => upload(a, rawZip(many(5000))), 422],
  [
    'an entry named ../../etc/passwd',
    (a) => upload(a, rawZip([{ name: '../../etc/passwd', data: strToU8('root') }])),
    422,
  ],
  ['an archive inside an archive', (a) => upload(a, zipSync({ 'inner.xlsx': a.own })), 422],
  [
    'an encrypted entry',
    (a) => upload(a, rawZip([{ name: 'xl/workbook.xml', data: strToU8('<workbook/>'), flags: 1 }])),
    422,
  ],
  ['a truncated workbook', (a) => upload(a, a.own.subarray(0, Math.floor(a.own.length / 2))), 422],
  [
    'a zip bomb of zeros (60 MB)',
    (a) => upload(a, zipSync({ 'xl/workbook.xml': new Uint8Array(60 * 1024 * 1024) })),
    422,
  ],
  // XML tricks
  [
    'unclosed <si> repeated (800 KB)',
    (a) => upload(a, xlsxWith({ 'xl/sharedStrings.xml': `<sst>${'<si><t>a</t>'.repeat(70_000)}` })),
    422,
  ],
  [
    'unclosed rows repeated',
    (a) =>
      upload(a, xlsxWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${'<row><c><v>1</v>'.repeat(50_000)}` })),
    422,
  ],
  [
    'XML nested 100,000 deep',
    (a) => upload(a, xlsxWith({ 'xl/styles.xml': `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}` })),
    422,
  ],
  [
    'entity expansion (billion laughs)',
    (a) =>
      upload(
        a,
        xlsxWith({
          'xl/sharedStrings.xml': `<!DOCTYPE s [<!ENTITY a "${'a'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}"><!ENTITY c "${'&b;'.repeat(100)}">]><sst><si><t>&c;</t></si></sst>`,
        }),
      ),
    422,
  ],
  [
    'an external entity',
    (a) =>
      upload(
        a,
        xlsxWith({
          'xl/sharedStrings.xml':
            '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>',
        }),
      ),
    422,
  ],
  [
    'a 5 MB attribute',
    (a) =>
      upload(
        a,
        xlsxWith({
          'xl/workbook.xml': `<workbook x="${'a'.repeat(5 * 1024 * 1024)}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        }),
      ),
    422,
  ],
  [
    'a character reference outside Unicode',
    (a) => upload(a, sheet('<c r="A1" t="inlineStr"><is><t>&#x110000;</t></is></c>')),
    422,
  ],
  ['a reference to U+FFFF', (a) => upload(a, sheet('<c r="A1" t="inlineStr"><is><t>&#xFFFF;</t></is></c>')), 422],
  [
    'a 20-digit character reference',
    (a) => upload(a, sheet('<c r="A1" t="inlineStr"><is><t>&#99999999999999999999;</t></is></c>')),
    422,
  ],
  [
    'a row number of 99,999,999,999',
    (a) =>
      upload(
        a,
        xlsxWith({
          'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="99999999999"/></sheetData></worksheet>',
        }),
      ),
    422,
  ],
  [
    'a cell at XFD1048576 (a grid of a billion cells)',
    (a) =>
      upload(
        a,
        xlsxWith({
          'xl/worksheets/sheet1.xml':
            '<worksheet><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
        }),
      ),
    422,
  ],
  [
    'a sheet whose relationship points outside the package',
    (a) =>
      upload(
        a,
        xlsxWith({
          'xl/_rels/workbook.xml.rels':
            '<Relationships><Relationship Id="rId1" Target="../../../etc/passwd"/></Relationships>',
        }),
      ),
    422,
  ],
];
