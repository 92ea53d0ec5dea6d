// The package around the master's sheets: content types, relationships, workbook.xml with its defined names, styles,
// core properties and the overview's drawing and charts, zipped with the sheets' compressed parts to a file or a stream.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';
import { zipPieces } from '../workbook/zip-write.ts';
import { xmlText } from '../../shared/text/xml-safe.ts';
import { CHART_TYPE, DRAWING_TYPE, relsXml } from './chart-parts.ts';
import type { SheetStream } from './xlsx-stream.ts';
import { STYLES } from './xlsx-styles.ts';

/**
 * Parts beside the sheets: the first sheet's drawing and its charts (xl/drawings/drawing1.xml, xl/charts/chartN.xml),
 * with their relationships and content types. The sheet must have been opened with `drawing: true`.
 */
export interface Drawing {
  drawing: string;
  charts: string[];
}

/** Writes the workbook of the ended sheets, in order, to a file or a stream. */
export async function writeWorkbook(
  sheets: SheetStream[],
  output: { filename: string } | { stream: NodeJS.WritableStream },
  created: Date,
  drawing?: Drawing,
) {
  for (const s of sheets) s.end();
  const sheetEntries = sheets
    .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const names = sheets
    .map((s, i) => {
      const quoted = `'${s.name.replaceAll("'", "''")}'`;
      if (s.summary) return '';
      return (
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(quoted)}!$A$${s.headerRow}:$${s.lastColumn}$${s.headerRow}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(quoted)}!$${s.headerRow}:$${s.headerRow}</definedName>`
      );
    })
    .join('');
  const text: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        (drawing
          ? `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${DRAWING_TYPE}"/>` +
            drawing.charts
              .map((_, i) => `<Override PartName="/xl/charts/chart${i + 1}.xml" ContentType="${CHART_TYPE}"/>`)
              .join('')
          : '') +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    ],
    [
      'docProps/core.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>Plan Reporting</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created.toISOString().replace(/\.\d{3}Z$/, 'Z')}</dcterms:created></cp:coreProperties>`,
    ],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetEntries}</sheets><definedNames>${names}</definedNames><calcPr calcId="0"/></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    ['xl/styles.xml', STYLES],
  ];
  if (drawing) {
    text.push(
      ['xl/worksheets/_rels/sheet1.xml.rels', relsXml('drawing', ['../drawings/drawing1.xml'])],
      ['xl/drawings/drawing1.xml', drawing.drawing],
      [
        'xl/drawings/_rels/drawing1.xml.rels',
        relsXml(
          'chart',
          drawing.charts.map((_, i) => `../charts/chart${i + 1}.xml`),
        ),
      ],
      ...drawing.charts.map((xml, i): [string, string] => [`xl/charts/chart${i + 1}.xml`, xml]),
    );
  }
  const parts = [
    ...text.map(([name, xml]) => {
      const raw = Buffer.from(xml, 'utf8');
      return { name, data: [deflateRawSync(raw, { level: 6 })], crc: zlibCrc32(raw) >>> 0, size: raw.length };
    }),
    ...(await Promise.all(
      sheets.map(async (s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, ...(await s.part()) })),
    )),
  ];
  // A master holds every agency's report: created owner-only (0600 under any umask), never readable while half written.
  const out = 'filename' in output ? createWriteStream(output.filename, { mode: 0o600 }) : output.stream;
  for (const piece of zipPieces(parts)) if (!out.write(piece)) await once(out, 'drain');
  if ('filename' in output) {
    (out as NodeJS.WritableStream).end();
    await once(out, 'finish');
  }
}
