// A small reader of the PDFs LibreOffice writes (no PDF tool on the machine): each page's size and its content stream,
// inflated, so a test can see what was drawn on it (fill colours: "0.439 0.678 0.278 rg").
import { inflateSync } from 'node:zlib';

export interface PdfPage {
  width: number;
  height: number;
  content: string;
}

export function pdfPages(bytes: Buffer): PdfPage[] {
  const text = bytes.toString('latin1');
  const object = (n: string) => {
    const at = text.search(new RegExp(`(^|\\n)${n} 0 obj\\b`));
    if (at < 0) throw new Error(`PDF object ${n} not found`);
    return text.slice(at, text.indexOf('endobj', at));
  };
  const stream = (n: string) => {
    const body = object(n);
    const start = body.indexOf('stream') + 'stream'.length;
    const from = body[start] === '\r' ? start + 2 : start + 1;
    const raw = Buffer.from(body.slice(from, body.lastIndexOf('endstream')), 'latin1');
    return /\/FlateDecode/.test(body.slice(0, start)) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
  };
  const kids = /\/Type\s*\/Pages[\s\S]*?\/Kids\s*\[([^\]]*)\]/.exec(text);
  if (!kids) throw new Error('no page tree');
  return [...kids[1]!.matchAll(/(\d+) 0 R/g)].map(([, n]) => {
    const page = object(n!);
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(page)!;
    const contents = /\/Contents\s+(\d+) 0 R/.exec(page)!;
    return {
      width: Number(box[3]) - Number(box[1]),
      height: Number(box[4]) - Number(box[2]),
      content: stream(contents[1]!),
    };
  });
}

/** Whether a page's content fills with a colour "RRGGBB" (LibreOffice writes "0.439 0.678 0.278 rg"), to 1/255. */
export function fills(content: string, hex: string): boolean {
  const want = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return [...content.matchAll(/(?:^|\s)([\d.]+) ([\d.]+) ([\d.]+) rg\b/g)].some((m) =>
    want.every((v, i) => Math.abs(Number(m[i + 1]) - v) < 0.004),
  );
}

/** The size of the body text drawn on a page, in points: the most frequent font size of its text ("/F1 8.4 Tf"). */
export function bodyFontSize(content: string): number {
  const sizes = new Map<string, number>();
  for (const m of content.matchAll(/\/F\d+ ([\d.]+) Tf/g)) sizes.set(m[1]!, (sizes.get(m[1]!) ?? 0) + 1);
  return Number([...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0);
}
