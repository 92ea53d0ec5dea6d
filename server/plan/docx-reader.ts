// .docx → paragraphs and tables in reading order, with Word's automatic numbering written out ("1.", "a)").
import type { Block } from '../../shared/plan/document.ts';
import { safeUnzip, type ZipError } from '../zip/safe-unzip.ts';
import { decodeXml } from '../xml/xml-text.ts';

export type DocxRead = { ok: true; blocks: Block[] } | { ok: false; error: ZipError | { code: 'not-a-docx' } };

const LIMITS = { maxEntries: 2000, maxUncompressed: 60 * 1024 * 1024 };

interface Level { format: string; text: string; start: number }

/** Reads numbering.xml: numId → level → format ("decimal", "lowerLetter", "bullet"…) and text ("%1."). */
function readNumbering(xml: string): Map<string, Level[]> {
  const abstract = new Map<string, Level[]>();
  for (const m of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels: Level[] = [];
    for (const lvl of m[2]!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = lvl[2]!;
      levels[Number(lvl[1])] = {
        format: /<w:numFmt\b[^>]*w:val="([^"]+)"/.exec(body)?.[1] ?? 'decimal',
        text: decodeXml(/<w:lvlText\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? ''),
        start: Number(/<w:start\b[^>]*w:val="(\d+)"/.exec(body)?.[1] ?? 1),
      };
    }
    abstract.set(m[1]!, levels);
  }
  const nums = new Map<string, Level[]>();
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const ref = /<w:abstractNumId\b[^>]*w:val="(\d+)"/.exec(m[2]!)?.[1];
    if (ref && abstract.has(ref)) nums.set(m[1]!, abstract.get(ref)!);
  }
  return nums;
}

const ROMAN = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']] as const;
function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) while (n >= value) { out += letters; n -= value; }
  return out;
}
function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman': return roman(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'lowerLetter': return String.fromCharCode(96 + ((n - 1) % 26) + 1);
    case 'upperLetter': return String.fromCharCode(64 + ((n - 1) % 26) + 1);
    case 'bullet': return '-';
    default: return String(n);
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
    counts[ilvl] = (counts[ilvl] ?? (level.start - 1)) + 1;
    counts.length = ilvl + 1;
    this.counters.set(numId, counts);
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(counts[i] ?? levels[i]?.start ?? 1, levels[i]?.format ?? 'decimal');
    });
  }
}

function paragraphText(xml: string, numbering: Numbering): string {
  let text = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
    text += m[1] !== undefined ? decodeXml(m[1]) : m[2] === 'tab' ? '\t' : '\n';
  }
  const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(xml)?.[1];
  if (numPr) {
    const numId = /<w:numId\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1];
    const ilvl = Number(/<w:ilvl\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1] ?? 0);
    const label = numId && numId !== '0' ? numbering.label(numId, ilvl) : '';
    if (label) text = `${label} ${text}`;
  }
  return text;
}

/** Top-level children of the body (or of a cell), keeping nested tables whole. */
function* children(xml: string): Generator<{ kind: 'p' | 'tbl'; xml: string }> {
  const open = /<w:(p|tbl)\b[^>]*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = open.exec(xml))) {
    const kind = m[1] as 'p' | 'tbl';
    if (m[2] === '/') { yield { kind, xml: m[0] }; continue; }
    const tag = new RegExp(`<w:${kind}\\b[^>]*?(/?)>|</w:${kind}>`, 'g');
    tag.lastIndex = open.lastIndex;
    let depth = 1;
    let t: RegExpExecArray | null;
    while (depth > 0 && (t = tag.exec(xml))) {
      if (t[0].startsWith('</')) depth -= 1;
      else if (t[1] !== '/') depth += 1;
    }
    const end = tag.lastIndex || xml.length;
    yield { kind, xml: xml.slice(m.index, end) };
    open.lastIndex = end;
  }
}

/** Reads a .docx file's body. Paragraph numbers stand in for lines. */
export function readDocx(bytes: Uint8Array): DocxRead {
  const zip = safeUnzip(bytes, (name) => name === 'word/document.xml' || name === 'word/numbering.xml', LIMITS);
  if (!zip.ok) return zip;
  const documentXml = zip.files['word/document.xml'];
  if (!documentXml) return { ok: false, error: { code: 'not-a-docx' } };
  const decoder = new TextDecoder('utf-8');
  const numberingXml = zip.files['word/numbering.xml'];
  const numbering = new Numbering(readNumbering(numberingXml ? decoder.decode(numberingXml) : ''));
  const xml = decoder.decode(documentXml);
  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? '';
  const blocks: Block[] = [];
  let paragraph = 0;
  let tables = 0;
  for (const child of children(body)) {
    if (child.kind === 'p') {
      paragraph += 1;
      const text = paragraphText(child.xml, numbering);
      if (text.trim()) blocks.push({ type: 'paragraph', text: text.normalize('NFC'), line: paragraph });
      continue;
    }
    const rows: string[][] = [];
    for (const row of child.xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)) {
      const cells = [...row[0].matchAll(/<w:tc\b[\s\S]*?<\/w:tc>/g)].map((cell) =>
        [...children(cell[0])].filter((c) => c.kind === 'p').map((p) => paragraphText(p.xml, numbering)).join('\n').normalize('NFC'));
      rows.push(cells);
    }
    blocks.push({ type: 'table', index: ++tables, rows, line: paragraph + 1 });
  }
  return { ok: true, blocks };
}
