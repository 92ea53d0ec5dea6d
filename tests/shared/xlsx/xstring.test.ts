import { describe, expect, it } from 'vitest';
import { decodeXstring, encodeXstring } from '../../../shared/xlsx/xstring.ts';

describe("Excel's _xHHHH_ escapes (ST_Xstring)", () => {
  it('decodes what Excel and LibreOffice write, in either case of hex digits; a malformed escape stays text', () => {
    expect(decodeXstring('Đã triển khai_x000D_\nbước 2')).toBe('Đã triển khai\nbước 2');
    expect(decodeXstring('a_x0001_b_x000b_c')).toBe('abc');
    expect(decodeXstring('_x005F_x000D_')).toBe('_x000D_');
    expect(decodeXstring('_xD83D__xDE00_')).toBe('😀');
    expect(decodeXstring('_x12_ _xZZZZ_ _x0041')).toBe('_x12_ _xZZZZ_ _x0041');
  });

  it('encodes a literal escape so it decodes back as typed, and leaves other text as it is', () => {
    expect(encodeXstring('_x000D_')).toBe('_x005F_x000D_');
    expect(encodeXstring('_x005F_x000D_')).toBe('_x005F_x005F_x005F_x000D_');
    expect(encodeXstring('Phường_1 _x')).toBe('Phường_1 _x');
    for (const text of [
      '_x000D_',
      '__x0041__',
      '_x005F_',
      '_x005F_x005F_',
      'a_x0001_b_X0001_',
      '_x_x0041_',
      '_xd83d__xde00_',
    ]) {
      expect(decodeXstring(encodeXstring(text))).toBe(text);
    }
  });
});
