// A small .xlsx writer for the master: sheets of plain cells (inline text, numbers), a handful of fixed styles,
// frozen headers, an autofilter, conditional fills and landscape print setup. A sheet is a sequence of compressed
// pieces — each deflated natively and flushed at a byte boundary, so pieces concatenate into one deflate stream, their
// CRC-32s combined — and rows carry no row or cell numbers (each follows the last), so a piece does not depend on where
// it lands: the master keeps each block of agencies' rows as a finished piece and re-renders only the blocks that
// changed (ExcelJS took most of a 10,000-agency build and could not do either). This file holds one sheet; its rows are
// written by xlsx-pieces.ts, its styles are in xlsx-styles.ts, and xlsx-workbook.ts zips the sheets into a workbook.
import { deflateRawSync } from 'node:zlib';
import { columnLetter } from '../../shared/workbook/spec.ts';
import type { Row } from '../../shared/master/master-rows.ts';
import { crc32Combine } from '../../shared/xlsx/crc32.ts';
import { xmlText } from '../../shared/text/xml-safe.ts';
import { PieceWriter, type Piece, type RowSink } from './xlsx-pieces.ts';
import type { Style } from './xlsx-styles.ts';

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
