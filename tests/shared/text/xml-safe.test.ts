import { describe, expect, it } from 'vitest';
import { xmlSafe, xmlText } from '../../../shared/text/xml-safe.ts';
import { cellText } from '../../../shared/workbook/cell-values.ts';

describe('xmlSafe', () => {
  it('drops what XML 1.0 forbids and keeps everything else', () => {
    expect(xmlSafe('a\uFFFFb\uFFFEc\u0001d\u0000e')).toBe('abcde');
    expect(xmlSafe('lẻ \uD800 cặp')).toBe('lẻ  cặp');
    expect(xmlSafe('Tab\tdòng\nmới\r😀 Phường 1')).toBe('Tab\tdòng\nmới\r😀 Phường 1');
  });

  it('is applied to every cell text the shared reader takes in', () => {
    expect(cellText(' Kết quả\uFFFF\u0008 ')).toBe('Kết quả');
  });
});

describe('xmlText', () => {
  it('escapes markup and drops what XML forbids in one pass; other text comes back as it is', () => {
    expect(xmlText('=HYPERLINK("x")<b>&\u0001\uFFFE')).toBe('=HYPERLINK(&quot;x&quot;)&lt;b&gt;&amp;');
    expect(xmlText('Tỷ lệ 😀 đạt')).toBe('Tỷ lệ 😀 đạt');
    expect(xmlText('a\uD800b')).toBe('ab');
  });

  it('treats every UTF-16 code unit as the exact rule does (the quick pre-test lets nothing through)', () => {
    const forbidden = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
    const escapes: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      const expected = text.replace(forbidden, '').replace(/[<>&"]/g, (c) => escapes[c]!);
      if (xmlText(text) !== expected)
        throw new Error(`U+${code.toString(16)}: ${JSON.stringify(xmlText(text))} ≠ ${JSON.stringify(expected)}`);
      if (xmlSafe(text) !== text.replace(forbidden, '')) throw new Error(`xmlSafe U+${code.toString(16)}`);
    }
  });
});
