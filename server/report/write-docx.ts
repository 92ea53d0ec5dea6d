// The consolidated report as a Word document in the layout of Nghị định 30/2020: A4 portrait, margins 20/20/30/15 mm,
// Times New Roman 14 pt with a first-line indent, the borderless two-column header, "BÁO CÁO" and its summary line,
// the body, then "Nơi nhận:" beside the signature block.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Block, ConsolidatedReport } from '../../shared/report/consolidated.ts';
import { assertWritable } from '../../shared/text/clean-text.ts';

const FONT = 'Times New Roman';
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const BODY = 28; // half-points: 14 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold ?? false, italics: o.italics ?? false });
/** A centred paragraph; new lines in the text become line breaks. */
const centered = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: text.split('\n').flatMap((line, i) => (i ? [new TextRun({ break: 1 }), run(line, o)] : [run(line, o)])),
  });

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: 160, after: 80 },
          indent: { firstLine: mm(12.7) },
          children: [run(b.text, { bold: true })],
        }),
      ];
    case 'subheading':
      return [
        new Paragraph({
          spacing: { before: 120, after: 60 },
          indent: { firstLine: mm(12.7) },
          children: [run(b.text, { bold: true })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 60 },
          indent: { firstLine: mm(12.7) },
          children: [...(b.lead ? [run(`${b.lead} `, { bold: true })] : []), run(b.text)],
        }),
      ];
    case 'table': {
      const cell = (text: string, bold = false) =>
        new TableCell({ children: [new Paragraph({ children: [run(text, { bold, size: 26 })] })] });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    }
  }
}

/** Every text of the report is one XML 1.0 can hold (the docx library writes what it is given): else a fault of ours, named. */
function assertTexts(value: unknown, where: string): void {
  if (typeof value === 'string') assertWritable(value, 'report writer', where);
  else if (Array.isArray(value)) value.forEach((v, i) => assertTexts(v, `${where}[${i}]`));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) assertTexts(v, `${where}.${k}`);
}

export function consolidatedDocument(r: ConsolidatedReport): Document {
  assertTexts(r, 'report');
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    columnWidths: [mm(70), mm(95)],
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            width: { size: 42, type: WidthType.PERCENTAGE },
            children: [
              centered(r.issuer, { bold: true, size: 26 }),
              centered('───────', { size: 26 }),
              centered(r.number, { size: 26 }),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            width: { size: 58, type: WidthType.PERCENTAGE },
            children: [
              centered(r.nation[0], { bold: true, size: 26 }),
              centered(r.nation[1], { bold: true }),
              centered('───────────────', { size: 26 }),
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(r.placeDate, { italics: true })] }),
            ],
          }),
        ],
      }),
    ],
  });
  const closing = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            width: { size: 50, type: WidthType.PERCENTAGE },
            children: [
              new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
              ...r.recipients.map((x) => new Paragraph({ children: [run(`- ${x};`, { size: 22 })] })),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            width: { size: 50, type: WidthType.PERCENTAGE },
            children: [
              centered(r.signature.capacity, { bold: true }),
              centered(r.signature.role, { bold: true }),
              new Paragraph({ children: [] }),
              new Paragraph({ children: [] }),
              centered(r.signature.name, { italics: true }),
            ],
          }),
        ],
      }),
    ],
  });
  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: mm(210), height: mm(297) },
        margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
      },
    },
    children: [
      header,
      new Paragraph({ children: [] }),
      centered(r.title, { bold: true }),
      centered(r.summary, { bold: true }),
      centered('───────', {}),
      ...r.body.flatMap(block),
      new Paragraph({ children: [] }),
      closing,
    ],
  };
  return new Document({
    creator: 'Plan Reporting',
    title: `${r.title} — ${r.summary}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [section],
  });
}

export async function consolidatedDocx(r: ConsolidatedReport): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(consolidatedDocument(r)));
}
