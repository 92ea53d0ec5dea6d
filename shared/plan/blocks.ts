// What a plan document is made of for the parser: paragraphs and tables in reading order, with where they came from
// (read from .txt by document.ts and wrapped-text.ts, from .docx by the server's reader).

export interface Paragraph {
  type: 'paragraph';
  text: string;
  /** 1-based line (for .txt) or paragraph number (for .docx). */
  line: number;
}

export interface Table {
  type: 'table';
  /** 1-based table number in the document. */
  index: number;
  rows: string[][];
  line: number;
}

export type Block = Paragraph | Table;
