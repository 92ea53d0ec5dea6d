// .docx → paragraphs and tables in reading order, with Word's automatic numbering written out ("1.", "a)").
import type { Block } from '../../shared/plan/document.ts';
import { cleanText } from '../../shared/text/clean-text.ts';
import { safeUnzip, type ZipError } from '../../shared/xlsx/safe-unzip.ts';
import { NODE_CODEC } from '../workbook/node-codec.ts';
import { PLAN_FILE_LIMITS } from '../config.ts';
import { attributeByLocalName, scanXml, XmlError } from '../../shared/xlsx/xml-scan.ts';

export type DocxRead = { ok: true; blocks: Block[] } | { ok: false; error: ZipError | { code: 'not-a-docx' } };

interface Level {
  format: string;
  text: string;
  start: number;
}

/** Reads numbering.xml: numId → level → format ("decimal", "lowerLetter", "bullet"…) and text ("%1."). */
function readNumbering(xml: string): Map<string, Level[]> {
  const abstract = new Map<string, Level[]>();
  const refs = new Map<string, string>();
  let levels: Level[] | null = null;
  let level: Level | null = null;
  let num: string | null = null;
  const val = (a: Record<string, string>, name = 'val') => attributeByLocalName(a, name);
  scanXml(xml, 'word/numbering.xml', {
    open(name, a) {
      if (name === 'abstractNum') {
        levels = [];
        abstract.set(val(a, 'abstractNumId') ?? '', levels);
      } else if (name === 'lvl' && levels) {
        level = { format: 'decimal', text: '', start: 1 };
        levels[Number(val(a, 'ilvl') ?? 0) % 10] = level;
      } else if (name === 'numFmt' && level) level.format = val(a) ?? 'decimal';
      else if (name === 'lvlText' && level) level.text = val(a) ?? '';
      else if (name === 'start' && level) level.start = Number(val(a) ?? 1) || 1;
      else if (name === 'num') num = val(a, 'numId') ?? null;
      else if (name === 'abstractNumId' && num !== null) refs.set(num, val(a) ?? '');
    },
    close(name) {
      if (name === 'abstractNum') levels = null;
      else if (name === 'lvl') level = null;
      else if (name === 'num') num = null;
    },
  });
  const nums = new Map<string, Level[]>();
  for (const [id, ref] of refs) if (abstract.has(ref)) nums.set(id, abstract.get(ref)!);
  return nums;
}

const ROMAN = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
] as const;
function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN)
    while (n >= value) {
      out += letters;
      n -= value;
    }
  return out;
}
function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'lowerLetter':
      return String.fromCharCode(96 + ((n - 1) % 26) + 1);
    case 'upperLetter':
      return String.fromCharCode(64 + ((n - 1) % 26) + 1);
    case 'bullet':
      return '-';
    default:
      return String(n);
  }
}

class Numbering {
  private counters = new Map<string, number[]>();
  constructor(private readonly nums: Map<string, Level[]>) {}
  /** The label Word would show before a paragraph with this numId and level. */
  label(numId: string, ilvl: number): string {
    const levels = this.nums.get(numId);
    const level = levels?.[ilvl];
    if (!levels || !level) return '';
    if (level.format === 'bullet') return '-';
    const counts = this.counters.get(numId) ?? [];
    counts[ilvl] = (counts[ilvl] ?? level.start - 1) + 1;
    counts.length = ilvl + 1;
    this.counters.set(numId, counts);
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(counts[i] ?? levels[i]?.start ?? 1, levels[i]?.format ?? 'decimal');
    });
  }
}

/** Reads a .docx file's body. Paragraph numbers stand in for lines. */
export function readDocx(bytes: Uint8Array): DocxRead {
  const zip = safeUnzip(
    bytes,
    (name) => name === 'word/document.xml' || name === 'word/numbering.xml',
    PLAN_FILE_LIMITS,
    NODE_CODEC,
  );
  if (!zip.ok) return zip;
  const documentXml = zip.files['word/document.xml'];
  if (!documentXml) return { ok: false, error: { code: 'not-a-docx' } };
  const numberingXml = zip.files['word/numbering.xml'];
  try {
    const numbering = new Numbering(readNumbering(numberingXml ? NODE_CODEC.utf8(numberingXml) : '<numbering/>'));
    return { ok: true, blocks: readBody(NODE_CODEC.utf8(documentXml), numbering) };
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, error: { code: 'corrupt-zip', detail: error.message } };
    throw error;
  }
}

/**
 * One pass over document.xml: top-level paragraphs and tables; a cell's paragraphs joined by new lines. A cell merged
 * across columns (gridSpan) keeps its columns, the ones it covers empty; a cell that continues a vertical merge
 * (vMerge) takes the text of the cell above it, as it reads on the page.
 */
function readBody(xml: string, numbering: Numbering): Block[] {
  const blocks: Block[] = [];
  let paragraphs = 0;
  let tables = 0;
  let tableDepth = 0;
  let rows: string[][] = [];
  let cell: string[] | null = null;
  let span = 1;
  let continues = false;
  // The text at each grid column of the row above, for the cells that continue it.
  let above: string[] = [];
  let column = 0;
  let p: { text: string; numId: string | null; ilvl: number } | null = null;
  let inText = false;
  scanXml(xml, 'word/document.xml', {
    open(name, a) {
      if (name === 'tbl') {
        tableDepth += 1;
        if (tableDepth === 1) {
          rows = [];
          above = [];
        }
      } else if (tableDepth === 1 && name === 'tr') {
        rows.push([]);
        column = 0;
      } else if (tableDepth === 1 && name === 'tc') {
        cell = [];
        span = 1;
        continues = false;
      } else if (tableDepth === 1 && cell && !p && name === 'gridSpan')
        span = Math.min(Math.max(Number(attributeByLocalName(a, 'val') ?? 1) || 1, 1), 64);
      else if (tableDepth === 1 && cell && !p && name === 'vMerge')
        continues = (attributeByLocalName(a, 'val') ?? 'continue') === 'continue';
      else if (name === 'p' && (tableDepth === 0 || (tableDepth === 1 && cell))) p = { text: '', numId: null, ilvl: 0 };
      else if (!p) return;
      else if (name === 't') inText = true;
      else if (name === 'tab') p.text += '\t';
      else if (name === 'br' || name === 'cr') p.text += '\n';
      else if (name === 'numId') p.numId = attributeByLocalName(a, 'val') ?? null;
      else if (name === 'ilvl') p.ilvl = Number(attributeByLocalName(a, 'val') ?? 0) % 10 || 0;
    },
    text(text) {
      if (inText && p) p.text += text;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'p' && p) {
        const label = p.numId && p.numId !== '0' ? numbering.label(p.numId, p.ilvl) : '';
        const text = label ? `${label} ${p.text}` : p.text;
        p = null;
        if (tableDepth === 0) {
          paragraphs += 1;
          if (text.trim()) blocks.push({ type: 'paragraph', text: cleanText(text), line: paragraphs });
        } else cell?.push(text);
      } else if (name === 'tc' && tableDepth === 1 && cell) {
        const own = cleanText(cell.join('\n'));
        const text = continues && !own.trim() ? (above[column] ?? '') : own;
        const row = rows.at(-1);
        row?.push(text, ...new Array<string>(span - 1).fill(''));
        for (let k = 0; k < span; k++) above[column + k] = k === 0 ? text : '';
        column += span;
        cell = null;
      } else if (name === 'tbl') {
        tableDepth -= 1;
        if (tableDepth === 0) blocks.push({ type: 'table', index: ++tables, rows, line: paragraphs + 1 });
      }
    },
  });
  return blocks;
}
