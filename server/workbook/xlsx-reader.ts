// The upload parser: .xlsx bytes → Grid, in bounded memory, without ExcelJS (a second, independent reader).
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import { safeUnzip, type ZipError } from '../zip/safe-unzip.ts';
import { attribute, decodeXml } from '../xml/xml-text.ts';

export const WORKBOOK_LIMITS = { maxBytes: 10 * 1024 * 1024, maxEntries: 1000, maxUncompressed: 50 * 1024 * 1024 };

export type XlsxError =
  | { code: 'workbook-empty' }
  | { code: 'workbook-too-large'; bytes: number; limit: number }
  | { code: 'workbook-encrypted' }
  | { code: 'workbook-xls' }
  | { code: 'not-a-workbook'; detail?: string }
  | { code: 'workbook-zip-bomb'; detail: ZipError };

export interface SheetInfo { name: string; state: 'visible' | 'hidden' | 'veryHidden' }
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

function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    custom.set(Number(attribute(m[0], 'numFmtId')), attribute(m[0], 'formatCode') ?? '');
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attribute(m[0], 'numFmtId') ?? 0);
    return DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateCode(custom.get(id)!));
  });
}

function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([^<]*)<\/t>/g)].map((t) => decodeXml(t[1]!)).join(''));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A date serial as "dd/mm/yyyy" (with "hh:mm" when it has a time of day), in the 1900 or 1904 system. */
function serialToText(serial: number, date1904: boolean): string {
  const ms = Math.round((serial + (date1904 ? 1462 : 0)) * 86_400_000) + Date.UTC(1899, 11, 30);
  const d = new Date(ms);
  const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return d.getUTCHours() || d.getUTCMinutes() ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function readSheet(xml: string, strings: string[], dates: boolean[], date1904: boolean): CellValue[][] {
  const rows: CellValue[][] = [];
  const data = /<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml)?.[1] ?? '';
  let nextRow = 0;
  for (const rowMatch of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attribute(`<row${rowMatch[1]}>`, 'r') ?? nextRow + 1) - 1;
    nextRow = r + 1;
    const body = rowMatch[2] ?? '';
    const row: CellValue[] = [];
    let nextColumn = 0;
    for (const cellMatch of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = `<c${cellMatch[1]}>`;
      const ref = attribute(tag, 'r');
      const c = ref ? columnNumber(/^[A-Z]+/.exec(ref)![0]) : nextColumn;
      nextColumn = c + 1;
      const inner = cellMatch[2] ?? '';
      const type = attribute(tag, 't') ?? 'n';
      const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value: CellValue;
      if (type === 'inlineStr') {
        value = [...inner.matchAll(/<t\b[^>]*>([^<]*)<\/t>/g)].map((t) => decodeXml(t[1]!)).join('');
      } else if (raw === undefined) {
        continue;
      } else if (type === 's') {
        value = strings[Number(raw)] ?? null;
      } else if (type === 'b') {
        value = raw === '1';
      } else if (type === 'str' || type === 'e') {
        value = decodeXml(raw);
      } else {
        const n = Number(raw);
        const style = Number(attribute(tag, 's') ?? 0);
        value = Number.isFinite(n) ? (dates[style] ? serialToText(n, date1904) : n) : decodeXml(raw);
      }
      if (value !== null && value !== '') {
        while (row.length < c) row.push(null);
        row[c] = value;
      }
    }
    while (rows.length < r) rows.push([]);
    rows[r] = row;
  }
  return rows;
}

/** Reads every sheet of an .xlsx (hidden ones too) into a grid: formulas by their cached value, dates as text. */
export function readXlsx(bytes: Uint8Array, limits = WORKBOOK_LIMITS): XlsxRead {
  if (bytes.length === 0) return { ok: false, error: { code: 'workbook-empty' } };
  if (bytes.length > limits.maxBytes) return { ok: false, error: { code: 'workbook-too-large', bytes: bytes.length, limit: limits.maxBytes } };
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    return { ok: false, error: { code: contains(bytes.subarray(0, 1 << 20), ENCRYPTED_PACKAGE) ? 'workbook-encrypted' : 'workbook-xls' } };
  }
  const zip = safeUnzip(bytes, (name) => name.startsWith('xl/') && name.endsWith('.xml') || name.endsWith('.rels'), limits);
  if (!zip.ok) {
    if (zip.error.code === 'not-a-zip' || zip.error.code === 'corrupt-zip') {
      return { ok: false, error: { code: 'not-a-workbook', ...(zip.error.code === 'corrupt-zip' ? { detail: zip.error.detail } : {}) } };
    }
    return { ok: false, error: { code: 'workbook-zip-bomb', detail: zip.error } };
  }
  const decoder = new TextDecoder('utf-8');
  const text = (name: string) => { const f = zip.files[name]; return f ? decoder.decode(f) : null; };
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return { ok: false, error: { code: 'not-a-workbook', detail: 'no xl/workbook.xml' } };
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attribute(m[0], 'Id'), attribute(m[0], 'Target') ?? '']));
  const strings = sharedStrings(text('xl/sharedStrings.xml') ?? '');
  const dates = dateStyles(text('xl/styles.xml') ?? '');
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
  const grid: Grid = {};
  const sheets: SheetInfo[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(m[0], 'name') ?? '';
    const state = (attribute(m[0], 'state') ?? 'visible') as SheetInfo['state'];
    const target = targets.get(attribute(m[0], 'r:id')) ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const xml = text(path);
    if (xml === null) continue;
    grid[name.normalize('NFC')] = readSheet(xml, strings, dates, date1904);
    sheets.push({ name: name.normalize('NFC'), state });
  }
  if (sheets.length === 0) return { ok: false, error: { code: 'not-a-workbook', detail: 'no worksheets' } };
  return { ok: true, grid, sheets };
}

/** Vietnamese and English wording for a workbook that cannot be opened. */
export function xlsxErrorWording(error: XlsxError): { vi: string; en: string } {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  switch (error.code) {
    case 'workbook-empty': return { vi: 'Tệp trống.', en: 'The file is empty.' };
    case 'workbook-too-large': return { vi: `Tệp quá lớn (${mb(error.bytes)}, tối đa ${mb(error.limit)}).`, en: `The workbook is too large (${mb(error.bytes)}; the limit is ${mb(error.limit)}).` };
    case 'workbook-encrypted': return { vi: 'Tệp được đặt mật khẩu mở; hãy gỡ mật khẩu rồi nộp lại.', en: 'The workbook is password-protected; remove the password and submit again.' };
    case 'workbook-xls': return { vi: 'Đây là tệp Excel cũ (.xls); hãy dùng mẫu .xlsx được cấp.', en: 'This is a legacy .xls file; use the .xlsx template you were given.' };
    case 'not-a-workbook': {
      const detail = error.detail ? ` (${error.detail})` : '';
      return { vi: `Tệp không phải là bảng tính .xlsx${detail}.`, en: `The file is not an .xlsx workbook${detail}.` };
    }
    case 'workbook-zip-bomb': {
      const d = error.detail;
      const [vi, en] = d.code === 'too-many-entries' ? [`hơn ${d.limit} tệp con`, `more than ${d.limit} entries`]
        : d.code === 'too-large-uncompressed' ? [`giải nén hơn ${mb(d.limit)}`, `over ${mb(d.limit)} uncompressed`] : [d.code, d.code];
      return { vi: `Tệp bị từ chối vì bất thường (${vi}).`, en: `The file was refused as abnormal (${en}).` };
    }
  }
}

/** One sentence, Vietnamese then English, for a workbook that cannot be opened. */
export function describeXlsxError(error: XlsxError): string {
  const { vi, en } = xlsxErrorWording(error);
  return `${vi} / ${en}`;
}
