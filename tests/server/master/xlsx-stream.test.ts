// The master's sheet writer: pieces compressed apart (on the thread pool, buffers reused) concatenate into one valid
// deflate stream whose CRC and size are those of the whole XML — however long the texts, wherever a chunk ends.
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PieceWriter } from '../../../server/master/xlsx-pieces.ts';
import { SheetStream } from '../../../server/master/xlsx-stream.ts';
import { STYLE } from '../../../server/master/xlsx-styles.ts';

const inflate = (data: Buffer[]) => inflateRawSync(Buffer.concat(data)).toString('utf8');

describe('PieceWriter', () => {
  it('holds every row and text as written, across chunk ends and surrogate pairs', async () => {
    const w = new PieceWriter();
    const long = `${'Kết quả thực hiện '.repeat(3000)}😀${'x'.repeat(65_535)}😀 cuối`;
    w.add(['Mã', 1.5, null, 'a<b'], STYLE.top);
    for (let i = 0; i < 3000; i++)
      w.add([`Hàng ${i}`, i, 'Tổ chức triển khai, kiểm tra, đôn đốc'], STYLE.wrapped, i % 7 ? undefined : 30);
    w.write(long);
    const piece = await w.finish();
    const text = inflateRawSync(Buffer.concat([...piece.data, Buffer.from([3, 0])])).toString('utf8');
    expect(piece.rows).toBe(3001);
    expect(
      text.startsWith(
        '<row><c s="1" t="inlineStr"><is><t xml:space="preserve">Mã</t></is></c><c s="1"><v>1.5</v></c><c s="1"/><c s="1" t="inlineStr"><is><t xml:space="preserve">a&lt;b</t></is></c></row>',
      ),
    ).toBe(true);
    expect(text.endsWith(long)).toBe(true);
    expect(text).toContain(
      '<row ht="30" customHeight="1"><c s="2" t="inlineStr"><is><t xml:space="preserve">Hàng 2996</t>',
    );
    expect(piece.size).toBe(Buffer.byteLength(text));
    expect(piece.crc).toBe(crc32(text) >>> 0);
  });
});

describe('SheetStream', () => {
  it('stitches its own rows and appended pieces into one sheet, CRC combined', async () => {
    const blocks = await Promise.all(
      [0, 1, 2].map(async (b) => {
        const w = new PieceWriter();
        for (let i = 0; i < 500; i++) w.add([`Khối ${b}`, i], STYLE.top);
        return w.finish();
      }),
    );
    const sheet = new SheetStream('Thử', { widths: [10, 10], headerRow: 2, columns: 2 });
    sheet.add(['Tiêu đề'], STYLE.title);
    sheet.add(['A', 'B'], STYLE.header);
    for (const piece of blocks) sheet.append(piece);
    sheet.add(['cuối', 0], STYLE.top);
    sheet.highlight(1, [['Khối 1', 0]]);
    sheet.end();
    const part = await sheet.part();
    const xml = inflate(part.data);
    expect(part.crc).toBe(crc32(xml) >>> 0);
    expect(part.size).toBe(Buffer.byteLength(xml));
    expect(xml.match(/<row[ >]/g)).toHaveLength(2 + 1500 + 1);
    expect(xml.indexOf('Khối 2')).toBeGreaterThan(xml.indexOf('Khối 1'));
    expect(xml).toContain('<conditionalFormatting sqref="A3:A1503">');
    expect(xml.endsWith('</worksheet>')).toBe(true);
  });
});
