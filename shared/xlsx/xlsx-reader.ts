// The workbook reader: .xlsx bytes → Grid, in bounded memory, without ExcelJS (a second, independent reader).
// Shared by the server (uploads, the CLI) and the file pane in a browser; the host gives its Codec.
import type { CellValue, Grid } from '../workbook/grid.ts';
import type { Codec } from './codec.ts';
import { countElements } from './count-elements.ts';
import { safeUnzip, type ZipError } from './safe-unzip.ts';
import { attributeByLocalName, scanXml, XmlError } from './xml-scan.ts';
import { decodeXstring } from './xstring.ts';

export interface WorkbookLimits {
  maxBytes: number;
  maxEntries: number;
  maxUncompressed: number;
  /** Cells a grid may hold, empty ones padded in included; also the <c> elements its sheets may have, empty ones included. */
  maxCells: number;
  /** Shared strings (<si>) the workbook may have, counted before they are read; `maxCells` when not given. */
  maxStrings?: number;
}

export type XlsxError =
  | { code: 'workbook-empty' }
  | { code: 'workbook-too-large'; bytes: number; limit: number }
  | { code: 'workbook-encrypted' }
  | { code: 'workbook-xls' }
  | { code: 'not-a-workbook'; detail?: string }
  /** A part that cannot be what it says it is (its bytes are not UTF-8): Excel refuses such a file as damaged. */
  | { code: 'workbook-damaged'; part: string; detail: 'not UTF-8' }
  | { code: 'workbook-zip-bomb'; detail: ZipError }
  | { code: 'workbook-too-many-cells'; limit: number }
  | { code: 'workbook-too-many-elements'; part: string; element: string; limit: number }
  | { code: 'workbook-timeout'; limitMs: number }
  | { code: 'workbook-too-complex' };

export interface SheetInfo {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}
export type XlsxRead = { ok: true; grid: Grid; sheets: SheetInfo[] } | { ok: false; error: XlsxError };

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = new Uint8Array([...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]));

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

// Built-in number formats that show dates (ECMA-376 §18.8.30), and custom ones with day/month/year codes.
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const isDateCode = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

// Excel's own bounds: a cell beyond them is not a cell of a workbook.
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

class Refused extends Error {
  constructor(readonly error: XlsxError) {
    super(error.code);
  }
}

/** A part's text; bytes that are not UTF-8 refuse the workbook as damaged, naming the part (never U+FFFD in a cell). */
function partText(files: Record<string, Uint8Array>, name: string, codec: Codec): string | null {
  const bytes = files[name];
  if (!bytes) return null;
  try {
    return codec.utf8(bytes, { fatal: true });
  } catch {
    throw new Refused({ code: 'workbook-damaged', part: name, detail: 'not UTF-8' });
  }
}

function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  scanXml(stylesXml, 'xl/styles.xml', {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats.map((id) => DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateCode(custom.get(id)!)));
}

/** The shared strings: each <si>'s text runs joined, phonetic runs (<rPh>) left out, Excel's `_xHHHH_` escapes decoded. */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | null = null;
  let phonetic = 0;
  let inText = false;
  scanXml(xml, 'xl/sharedStrings.xml', {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't') inText = current !== null && phonetic === 0;
    },
    close(name) {
      if (name === 'si' && current) {
        strings.push(decodeXstring(current.join('')));
        current = null;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText) current!.push(text);
    },
  });
  return strings;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A date serial as "dd/mm/yyyy" (with "hh:mm" when it has a time of day), in the 1900 or 1904 system. */
function serialToText(serial: number, date1904: boolean): string {
  const ms = Math.round((serial + (date1904 ? 1462 : 0)) * 86_400_000) + Date.UTC(1899, 11, 30);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(serial);
  const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return d.getUTCHours() || d.getUTCMinutes() ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

/** "AB12" → column 27 (0-based), or -1 when the reference is not a cell reference. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return i === 0 ? -1 : n - 1;
}

interface SheetContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
  budget: { cells: number; limit: number };
}

function readSheet(xml: string, part: string, c: SheetContext): CellValue[][] {
  const rows: CellValue[][] = [];
  let row: CellValue[] | null = null;
  let rowIndex = -1;
  let nextRow = 0;
  let nextColumn = 0;
  let cell: { column: number; type: string; style: number; raw: string | null; inline: string[] | null } | null = null;
  let inValue = false;
  let inInlineText = false;
  let phonetic = 0;
  const spend = (slots: number) => {
    c.budget.cells -= slots;
    if (c.budget.cells < 0) throw new Refused({ code: 'workbook-too-many-cells', limit: c.budget.limit });
  };
  scanXml(xml, part, {
    open(name, a) {
      if (name === 'row') {
        rowIndex = a.r === undefined ? nextRow : Number(a.r) - 1;
        if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= MAX_ROWS || rowIndex < nextRow)
          throw new XmlError(`${part}: bad row number "${String(a.r).slice(0, 20)}"`);
        nextRow = rowIndex + 1;
        nextColumn = 0;
        row = [];
      } else if (name === 'c' && row) {
        const column = a.r === undefined ? nextColumn : columnOf(a.r);
        if (column < 0 || column >= MAX_COLUMNS || column < nextColumn)
          throw new XmlError(`${part}: bad cell reference "${String(a.r).slice(0, 20)}"`);
        nextColumn = column + 1;
        cell = { column, type: a.t ?? 'n', style: Number(a.s ?? 0), raw: null, inline: null };
      } else if (name === 'v' && cell) {
        inValue = true;
        cell.raw = '';
      } else if (name === 'is' && cell) cell.inline = [];
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && cell?.inline) inInlineText = phonetic === 0;
    },
    text(text) {
      if (inValue) cell!.raw += text;
      else if (inInlineText) cell!.inline!.push(text);
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 't') inInlineText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'c' && cell && row) {
        const value = cellValue(cell, c);
        if (value !== null && value !== '') {
          spend(cell.column + 1 - row.length);
          while (row.length < cell.column) row.push(null);
          row[cell.column] = value;
        }
        cell = null;
      } else if (name === 'row' && row) {
        spend(rowIndex + 1 - rows.length);
        while (rows.length < rowIndex) rows.push([]);
        rows[rowIndex] = row;
        row = null;
      }
    },
  });
  return rows;
}

function cellValue(
  cell: { type: string; style: number; raw: string | null; inline: string[] | null },
  c: SheetContext,
): CellValue {
  const { type, raw } = cell;
  if (type === 'inlineStr') return cell.inline ? decodeXstring(cell.inline.join('')) : null;
  if (raw === null) return null;
  if (type === 's') return c.strings[Number(raw)] ?? null;
  if (type === 'b') return raw === '1';
  if (type === 'str') return decodeXstring(raw);
  if (type === 'e') return raw;
  const n = Number(raw);
  return Number.isFinite(n) && raw.trim() !== '' ? (c.dates[cell.style] ? serialToText(n, c.date1904) : n) : raw;
}

/** Reads every sheet of an .xlsx (hidden ones too) into a grid: formulas by their cached value, dates as text. */
export function readXlsx(bytes: Uint8Array, limits: WorkbookLimits, codec: Codec): XlsxRead {
  if (bytes.length === 0) return { ok: false, error: { code: 'workbook-empty' } };
  if (bytes.length > limits.maxBytes)
    return { ok: false, error: { code: 'workbook-too-large', bytes: bytes.length, limit: limits.maxBytes } };
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    return {
      ok: false,
      error: { code: contains(bytes.subarray(0, 1 << 20), ENCRYPTED_PACKAGE) ? 'workbook-encrypted' : 'workbook-xls' },
    };
  }
  // Shared strings and sheets are counted on their first bytes before any part is inflated whole, then in full.
  let zip: ReturnType<typeof safeUnzip>;
  try {
    zip = safeUnzip(
      bytes,
      (name) => (name.startsWith('xl/') && name.endsWith('.xml')) || name.endsWith('.rels'),
      limits,
      codec,
      (name, head) => checkCounts({ [name]: head }, limits),
    );
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error };
    throw error;
  }
  if (!zip.ok) {
    if (zip.error.code === 'not-a-zip' || zip.error.code === 'corrupt-zip') {
      return {
        ok: false,
        error: { code: 'not-a-workbook', ...(zip.error.code === 'corrupt-zip' ? { detail: zip.error.detail } : {}) },
      };
    }
    return { ok: false, error: { code: 'workbook-zip-bomb', detail: zip.error } };
  }
  try {
    checkCounts(zip.files, limits);
    return readParts(zip.files, limits.maxCells, codec);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error };
    if (error instanceof XmlError) return { ok: false, error: { code: 'not-a-workbook', detail: error.message } };
    throw error;
  }
}

/** Refuses a part with more `element`s than `limit`, counted on its bytes before anything is decoded. */
function checkCount(files: Record<string, Uint8Array>, part: string, element: string, limit: number): number {
  const bytes = files[part];
  const count = bytes ? countElements(bytes, element, limit) : 0;
  if (count > limit) throw new Refused({ code: 'workbook-too-many-elements', part, element, limit });
  return count;
}

/** The shared strings (no more than `maxStrings`) and the cells of all sheets (no more than `maxCells`) of these parts. */
function checkCounts(files: Record<string, Uint8Array>, limits: WorkbookLimits) {
  checkCount(files, 'xl/sharedStrings.xml', 'si', limits.maxStrings ?? limits.maxCells);
  let cells = 0;
  for (const part of Object.keys(files))
    if (part.startsWith('xl/worksheets/') && part.endsWith('.xml'))
      cells += checkCount(files, part, 'c', limits.maxCells - cells);
}

function readParts(files: Record<string, Uint8Array>, maxCells: number, codec: Codec): XlsxRead {
  const text = (name: string) => partText(files, name, codec);
  const workbookXml = text('xl/workbook.xml');
  const relsXml = text('xl/_rels/workbook.xml.rels');
  if (!workbookXml || !relsXml) return { ok: false, error: { code: 'not-a-workbook', detail: 'no xl/workbook.xml' } };
  const targets = new Map<string, string>();
  scanXml(relsXml, 'xl/_rels/workbook.xml.rels', {
    open(name, a) {
      if (name === 'Relationship' && a.Id) targets.set(a.Id, a.Target ?? '');
    },
  });
  const declared: { name: string; state: SheetInfo['state']; target: string }[] = [];
  let date1904 = false;
  scanXml(workbookXml, 'xl/workbook.xml', {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet') {
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        declared.push({
          name: (a.name ?? '').normalize('NFC'),
          state,
          target: targets.get(attributeByLocalName(a, 'id') ?? '') ?? '',
        });
      }
    },
  });
  const strings = sharedStrings(text('xl/sharedStrings.xml') ?? '<sst/>');
  const dates = dateStyles(text('xl/styles.xml') ?? '<styleSheet/>');
  const context: SheetContext = { strings, dates, date1904, budget: { cells: maxCells, limit: maxCells } };
  const grid: Grid = Object.create(null) as Grid;
  const sheets: SheetInfo[] = [];
  for (const sheet of declared) {
    const path = sheet.target.startsWith('/') ? sheet.target.slice(1) : `xl/${sheet.target}`;
    const xml = text(path);
    if (xml === null || Object.hasOwn(grid, sheet.name)) continue;
    grid[sheet.name] = readSheet(xml, path, context);
    sheets.push({ name: sheet.name, state: sheet.state });
  }
  if (sheets.length === 0) return { ok: false, error: { code: 'not-a-workbook', detail: 'no worksheets' } };
  return { ok: true, grid: { ...grid }, sheets };
}

/** Vietnamese and English wording for a workbook that cannot be opened. */
export function xlsxErrorWording(error: XlsxError): { vi: string; en: string } {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  switch (error.code) {
    case 'workbook-empty':
      return { vi: 'Tệp trống.', en: 'The file is empty.' };
    case 'workbook-too-large':
      return {
        vi: `Tệp quá lớn (${mb(error.bytes)}, tối đa ${mb(error.limit)}).`,
        en: `The workbook is too large (${mb(error.bytes)}; the limit is ${mb(error.limit)}).`,
      };
    case 'workbook-encrypted':
      return {
        vi: 'Tệp được đặt mật khẩu mở; hãy gỡ mật khẩu rồi nộp lại.',
        en: 'The workbook is password-protected; remove the password and submit again.',
      };
    case 'workbook-xls':
      return {
        vi: 'Đây là tệp Excel cũ (.xls); hãy dùng mẫu .xlsx được cấp.',
        en: 'This is a legacy .xls file; use the .xlsx template you were given.',
      };
    case 'not-a-workbook': {
      const detail = error.detail ? ` (${error.detail})` : '';
      return { vi: `Tệp không phải là bảng tính .xlsx${detail}.`, en: `The file is not an .xlsx workbook${detail}.` };
    }
    case 'workbook-damaged':
      return {
        vi: `Tệp bảng tính bị hỏng: phần ${error.part} không phải văn bản UTF-8.`,
        en: `The workbook is damaged: its part ${error.part} is not UTF-8 text.`,
      };
    case 'workbook-too-many-cells':
      return {
        vi: `Bảng tính có quá nhiều ô (hơn ${error.limit.toLocaleString('en')} ô).`,
        en: `The workbook has too many cells (more than ${error.limit.toLocaleString('en')}).`,
      };
    case 'workbook-timeout':
      return {
        vi: `Đọc tệp quá lâu (hơn ${error.limitMs / 1000} giây); tệp bị từ chối. Hãy nộp lại mẫu báo cáo được cấp.`,
        en: `Reading the file took too long (over ${error.limitMs / 1000} s); it was refused. Submit the workbook you were given.`,
      };
    case 'workbook-too-complex':
      return {
        vi: 'Tệp cần quá nhiều bộ nhớ để đọc; tệp bị từ chối.',
        en: 'The file needs too much memory to read; it was refused.',
      };
    case 'workbook-too-many-elements': {
      const n = error.limit.toLocaleString('en');
      return {
        vi: `Phần ${error.part} của tệp có hơn ${n} phần tử <${error.element}>, nhiều hơn mọi mẫu báo cáo có thể chứa; tệp bị từ chối.`,
        en: `The part ${error.part} holds more than ${n} <${error.element}> elements, more than any reporting workbook can hold; the file was refused.`,
      };
    }
    case 'workbook-zip-bomb': {
      const d = error.detail;
      const [vi, en] =
        d.code === 'too-many-entries'
          ? [`hơn ${d.limit} tệp con`, `more than ${d.limit} entries`]
          : d.code === 'too-large-uncompressed'
            ? [`giải nén hơn ${mb(d.limit)}`, `over ${mb(d.limit)} uncompressed`]
            : [d.code, d.code];
      return { vi: `Tệp bị từ chối vì bất thường (${vi}).`, en: `The file was refused as abnormal (${en}).` };
    }
  }
}

/** One sentence, Vietnamese then English, for a workbook that cannot be opened. */
export function describeXlsxError(error: XlsxError): string {
  const { vi, en } = xlsxErrorWording(error);
  return `${vi} / ${en}`;
}
