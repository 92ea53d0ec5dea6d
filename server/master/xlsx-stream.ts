// A small .xlsx writer for the master: sheets of plain cells (inline text, numbers), a handful of fixed styles,
// frozen headers, an autofilter, conditional fills and landscape print setup. A sheet is a sequence of compressed
// pieces — each deflated natively and flushed at a byte boundary, so pieces concatenate into one deflate stream, their
// CRC-32s combined — and rows carry no row or cell numbers (each follows the last), so a piece does not depend on where
// it lands: the master keeps each block of agencies' rows as a finished piece and re-renders only the blocks that
// changed (ExcelJS took most of a 10,000-agency build and could not do either).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { constants, crc32 as zlibCrc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { columnLetter } from '../../shared/workbook/spec.ts';
import type { Row } from '../../shared/master/master-rows.ts';
import { crc32Combine } from '../../shared/xlsx/crc32.ts';
import { zipPieces } from '../workbook/zip-write.ts';
import { assertWritable, CELL_TEXT_MAX } from '../../shared/text/clean-text.ts';
import { xmlText } from '../../shared/text/xml-safe.ts';
import { encodeXstring } from '../../shared/xlsx/xstring.ts';
import { CHART_TYPE, DRAWING_TYPE, relsXml } from './chart-parts.ts';

/** The styles a cell may have (indexes of cellXfs in styles.xml). */
export const STYLE = { top: 1, wrapped: 2, title: 3, header: 4, boldWrapped: 5, label: 6 } as const;
export type Style = (typeof STYLE)[keyof typeof STYLE];
/** Conditional fills (indexes of dxfs). */
export const FILL = { red: 0, amber: 1, green: 2 } as const;

/** Rows of a sheet, compressed: raw DEFLATE data ending at a byte boundary, the CRC-32 and size of its XML. */
export interface Piece {
  data: Buffer[];
  crc: number;
  size: number;
  rows: number;
}

/** Where rows go: a piece being written, or a sheet. */
export interface RowSink {
  add(values: Row, style: Style | ((column: number) => Style), height?: number): void;
}

// What may need more than copying: markup, what XML may not hold (and DEL), or a `_` that may start an escape. One
// character class, as fast as xmlText's own test (an alternation with "_x" took twice as long): most texts hold none.
const SPECIAL = new RegExp(String.raw`[<>&"_\u0000-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]`);

/** A text cell's XML: what XML cannot hold or Excel cannot hold in a cell is a fault of ours; a literal `_xHHHH_` is escaped. */
function textCell(text: string, s: Style, column: number): string {
  let xml = text;
  if (text.length > CELL_TEXT_MAX || SPECIAL.test(text)) {
    assertWritable(text, 'master writer', `column ${columnLetter(column)} ("${text.slice(0, 40)}")`, {
      max: CELL_TEXT_MAX,
    });
    xml = xmlText(encodeXstring(text));
  }
  return `<c s="${s}" t="inlineStr"><is><t xml:space="preserve">${xml}</t></is></c>`;
}

/** The XML of one row, without row or cell numbers: an empty cell stands for each null before the last value. */
function rowXml(values: Row, style: Style | ((column: number) => Style), height?: number): string {
  let xml = height ? `<row ht="${height}" customHeight="1">` : '<row>';
  let last = values.length - 1;
  while (last >= 0 && (values[last] === null || values[last] === undefined)) last -= 1;
  for (let i = 0; i <= last; i++) {
    const v = values[i];
    const s = typeof style === 'number' ? style : style(i + 1);
    xml +=
      v === null || v === undefined
        ? `<c s="${s}"/>`
        : typeof v === 'number'
          ? `<c s="${s}"><v>${v}</v></c>`
          : textCell(String(v), s, i);
  }
  return `${xml}</row>`;
}

const CHUNK = 1 << 18;
const DEFLATE = { level: 4, finishFlush: constants.Z_SYNC_FLUSH };

/**
 * Deflating off the main thread: each chunk goes to libuv's thread pool, so rendering the next rows and compressing
 * the last ones run on both cores. `room()` holds the writer back while too many chunks wait, and the chunks' buffers
 * are reused once compressed (fresh ones each time waited for the collector: a 10,000-agency build peaked ~80 MB higher).
 */
class Deflater {
  private waiting = 0;
  private readonly blocked: (() => void)[] = [];
  private readonly free: Buffer[] = [];
  constructor(private readonly limit = 8) {}

  buffer(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(CHUNK);
  }

  /** Compresses `length` bytes of a buffer from `buffer()`, which comes back to the pool afterwards. */
  compress(buffer: Buffer, length: number): Promise<Buffer> {
    this.waiting += 1;
    // zlib allocates an output buffer of chunkSize per call (64 KB, 2,400 calls: 150 MB of garbage in a 10,000-agency
    // build); an eighth of the input holds most chunks' output (the XML compresses 5–10×), more output takes more buffers.
    const options = { ...DEFLATE, chunkSize: Math.max(1024, length >> 3) };
    return new Promise((resolve, reject) =>
      deflateRaw(buffer.subarray(0, length), options, (error, out) => {
        this.waiting -= 1;
        if (this.free.length < this.limit * 2) this.free.push(buffer);
        while (this.waiting <= this.limit && this.blocked.length > 0) this.blocked.shift()!();
        if (error) reject(error);
        else resolve(out);
      }),
    );
  }

  /** Resolves once the chunks waiting to be compressed are under the limit. */
  room(): Promise<void> {
    return this.waiting <= this.limit ? Promise.resolve() : new Promise((resolve) => this.blocked.push(resolve));
  }
}
export const deflater = new Deflater();

/** Writes rows (and raw sheet XML) into one compressed piece: UTF-8 straight into 256 KB chunks, each deflated apart. */
export class PieceWriter implements RowSink {
  private readonly chunks: Promise<Buffer>[] = [];
  private crc = 0;
  private size = 0;
  private rows = 0;
  private buffer: Buffer | null = null;
  private used = 0;

  add(values: Row, style: Style | ((column: number) => Style), height?: number) {
    this.rows += 1;
    this.write(rowXml(values, style, height));
  }

  write(text: string) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8; a text longer than a chunk is cut (at a code unit that does not
    // split a surrogate pair).
    if (text.length * 3 > CHUNK) {
      const cut =
        text.charCodeAt(CHUNK / 4 - 1) >= 0xd800 && text.charCodeAt(CHUNK / 4 - 1) < 0xdc00 ? CHUNK / 4 - 1 : CHUNK / 4;
      this.write(text.slice(0, cut));
      this.write(text.slice(cut));
      return;
    }
    if (this.used + text.length * 3 > CHUNK) this.flush();
    this.buffer ??= deflater.buffer();
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private flush() {
    if (!this.buffer || this.used === 0) return;
    this.crc = zlibCrc32(this.buffer.subarray(0, this.used), this.crc);
    this.size += this.used;
    const chunk = deflater.compress(this.buffer, this.used);
    chunk.catch(() => undefined); // awaited by finish(); not an unhandled rejection meanwhile
    this.chunks.push(chunk);
    this.buffer = null;
    this.used = 0;
  }

  get empty() {
    return this.used === 0 && this.size === 0;
  }

  async finish(): Promise<Piece> {
    this.flush();
    return { data: await Promise.all(this.chunks), crc: this.crc >>> 0, size: this.size, rows: this.rows };
  }
}

interface SheetOptions {
  widths: number[];
  headerRow: number;
  columns: number;
  landscape?: boolean;
  /** A sheet of several tables (the overview): no frozen header, no autofilter, printed on one page. */
  summary?: boolean;
  /** Whether the sheet has a drawing (its relationship is rId1). */
  drawing?: boolean;
}

/** One worksheet: its own rows and appended pieces, in order; `end` closes the XML and the deflate stream. */
export class SheetStream implements RowSink {
  private readonly pieces: (Piece | Promise<Piece>)[] = [];
  private writer = new PieceWriter();
  private rows = 0;
  private readonly rules: { ref: string; rules: [string, number][] }[] = [];
  private ended = false;

  constructor(
    readonly name: string,
    private readonly o: SheetOptions,
  ) {
    const cols = o.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    const top = `A${o.headerRow + 1}`;
    const view = o.summary
      ? '<sheetView showGridLines="0" workbookViewId="0"/>'
      : `<sheetView workbookViewId="0"><pane ySplit="${o.headerRow}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView>`;
    this.writer.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews>${view}</sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`,
    );
  }

  /** Appends a row: text as inline strings (never a formula), numbers as numbers, null as an empty cell. */
  add(values: Row, style: Style | ((column: number) => Style), height?: number) {
    this.rows += 1;
    this.writer.add(values, style, height);
  }

  /** Appends rows already written and compressed (a cached block). */
  append(piece: Piece) {
    if (piece.size === 0) return;
    if (!this.writer.empty) {
      this.pieces.push(this.writer.finish());
      this.writer = new PieceWriter();
    }
    this.pieces.push(piece);
    this.rows += piece.rows;
  }

  /** Fills the cells of a column below the header whose text equals one of the rules' words. */
  highlight(column: number, rules: [string, number][]) {
    if (this.rows <= this.o.headerRow) return;
    this.highlightRange(column, this.o.headerRow + 1, this.rows, rules);
  }

  /** Fills the cells of a column's rows `from`..`to` whose text equals one of the rules' words. */
  highlightRange(column: number, from: number, to: number, rules: [string, number][]) {
    const letter = columnLetter(column - 1);
    this.rules.push({ ref: `${letter}${from}:${letter}${to}`, rules });
  }

  /** Ends the sheet's XML and its deflate stream (a final empty block). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const last = columnLetter(this.o.columns - 1);
    let priority = 0;
    const conditional = this.rules
      .map(
        ({ ref, rules }) =>
          `<conditionalFormatting sqref="${ref}">${rules
            .map(
              ([text, dxf]) =>
                `<cfRule type="cellIs" dxfId="${dxf}" priority="${++priority}" operator="equal"><formula>"${xmlText(text)}"</formula></cfRule>`,
            )
            .join('')}</conditionalFormatting>`,
      )
      .join('');
    const filter = this.o.summary ? '' : `<autoFilter ref="A${this.o.headerRow}:${last}${this.o.headerRow}"/>`;
    this.writer.write(
      `</sheetData>${filter}${conditional}` +
        '<pageMargins left="0.5" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
        `<pageSetup paperSize="9" orientation="${this.o.landscape === false ? 'portrait' : 'landscape'}" fitToWidth="1" fitToHeight="${this.o.summary ? 1 : 0}"/>` +
        `${this.o.drawing ? '<drawing r:id="rId1"/>' : ''}</worksheet>`,
    );
    this.pieces.push(this.writer.finish());
  }

  /** The compressed part (the pieces and a final empty block), its CRC-32 and size. */
  async part() {
    let crc = 0;
    let size = 0;
    const pieces = await Promise.all(this.pieces);
    for (const p of pieces) {
      crc = crc32Combine(crc, p.crc, p.size);
      size += p.size;
    }
    return { data: [...pieces.flatMap((p) => p.data), FINAL_BLOCK], crc, size };
  }
  get headerRow() {
    return this.o.headerRow;
  }
  get summary() {
    return this.o.summary === true;
  }
  get lastColumn() {
    return columnLetter(this.o.columns - 1);
  }
}

/** An empty final DEFLATE block: ends a stream of sync-flushed pieces. */
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0), { level: 1 });

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="3"><font><sz val="11"/><name val="Times New Roman"/><family val="1"/></font><font><b/><sz val="11"/><name val="Times New Roman"/><family val="1"/></font><font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
<dxfs count="3"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFF8CBAD"/></patternFill></fill></dxf><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFE699"/></patternFill></fill></dxf><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFC6EFCE"/></patternFill></fill></dxf></dxfs>
</styleSheet>`;

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
