// Rows of a sheet into compressed pieces: a row's XML (inline text, numbers), UTF-8 into chunks deflated on the thread
// pool, each flushed at a byte boundary so pieces concatenate into one deflate stream.
import { constants, crc32 as zlibCrc32, deflateRaw } from 'node:zlib';
import { columnLetter } from '../../shared/workbook/spec.ts';
import type { Row } from '../../shared/master/master-rows.ts';
import { assertWritable, CELL_TEXT_MAX } from '../../shared/text/clean-text.ts';
import { xmlText } from '../../shared/text/xml-safe.ts';
import { encodeXstring } from '../../shared/xlsx/xstring.ts';
import type { Style } from './xlsx-styles.ts';

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
