// Builds small but valid .docx files for the plan-reader tests (WordprocessingML written out by hand).
import { strToU8, zipSync } from 'fflate';

/** A table cell: its text, or a cell merged across columns (`span`) or down from the cell above (`merge: 'continue'`). */
export type DocxCell = string | { text: string; span?: number; merge?: 'restart' | 'continue' };

export type DocxPart = string | { numbered: string; level?: number; numId?: number } | { table: DocxCell[][] };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string) =>
  text
    .split('\n')
    .map((line, i) => `${i > 0 ? '<w:r><w:br/></w:r>' : ''}<w:r><w:t xml:space="preserve">${esc(line)}</w:t></w:r>`)
    .join('');
const paragraph = (text: string, numPr = '') => `<w:p><w:pPr>${numPr}</w:pPr>${run(text)}</w:p>`;

function part(p: DocxPart): string {
  if (typeof p === 'string') return paragraph(p);
  if ('numbered' in p) {
    return paragraph(
      p.numbered,
      `<w:numPr><w:ilvl w:val="${p.level ?? 0}"/><w:numId w:val="${p.numId ?? 1}"/></w:numPr>`,
    );
  }
  const rows = p.table.map(
    (row) =>
      `<w:tr>${row
        .map((raw) => {
          const cell = typeof raw === 'string' ? { text: raw } : raw;
          const props = `${cell.span ? `<w:gridSpan w:val="${cell.span}"/>` : ''}${cell.merge ? `<w:vMerge${cell.merge === 'restart' ? ' w:val="restart"' : ''}/>` : ''}`;
          // Word writes a continuing merged cell with one empty paragraph.
          const text = cell.merge === 'continue' ? '' : cell.text;
          return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>${props}</w:tcPr>${text
            .split('\n\n')
            .map((c) => paragraph(c))
            .join('')}</w:tc>`;
        })
        .join('')}</w:tr>`,
  );
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.join('')}</w:tbl>`;
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;

/** A .docx holding the given paragraphs and tables, with one multi-level list (I., 1., -) as numId 1. */
export function buildDocx(parts: DocxPart[]): Uint8Array {
  const body = parts.map(part).join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
    ),
    'word/document.xml': strToU8(document),
    'word/numbering.xml': strToU8(NUMBERING),
  });
}
