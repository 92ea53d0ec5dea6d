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
});
