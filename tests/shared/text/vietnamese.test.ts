import { describe, expect, it } from 'vitest';
import { compareVietnamese, hasPhrase, matchKey, nfc, slug } from '../../../shared/text/vietnamese.ts';

describe('matchKey', () => {
  it('makes case, spacing, composition and tone placement irrelevant', () => {
    const decomposed = 'Pho\u0300ng Nô\u0323i vu\u0323';
    expect(decomposed).not.toBe('Phòng Nội vụ');
    const keys = ['Phòng Nội Vụ', 'phòng nội vụ', decomposed, '  Phòng   Nội vụ. '].map(matchKey);
    expect(new Set(keys).size).toBe(1);
    expect(matchKey('Văn hoá')).toBe(matchKey('Văn hóa'));
    expect(matchKey('Uỷ ban')).toBe(matchKey('Ủy ban'));
    expect(matchKey('Phòng\u200B Nội v\u00ADụ\uFEFF')).toBe(matchKey('Phòng Nội vụ'));
  });

  it('expands the usual abbreviations and ignores dashes', () => {
    expect(matchKey('UBND Phường 1')).toBe(matchKey('Ủy ban nhân dân phường 1'));
    expect(matchKey('Phòng Tài chính – Kế hoạch')).toBe(matchKey('Phòng Tài chính - Kế hoạch'));
    expect(matchKey('Ủy ban MTTQVN thành phố')).toBe(matchKey('Ủy ban Mặt trận Tổ quốc Việt Nam TP'));
  });

  it('keeps different letters apart (đ/d, ư/u, tones)', () => {
    expect(matchKey('Đông')).not.toBe(matchKey('Dông'));
    expect(matchKey('Thắng Nhất')).not.toBe(matchKey('Thắng Nhì'));
    expect(matchKey('bà')).not.toBe(matchKey('bá'));
  });
});

describe('text helpers', () => {
  it('normalises to NFC', () => {
    expect(nfc('Vie\u0302\u0323t')).toBe('Việt');
  });
  it('makes ASCII slugs', () => {
    expect(slug('Phường Thắng Nhất')).toBe('phuong-thang-nhat');
    expect(slug('Xã Long Sơn')).toBe('xa-long-son');
    expect(slug('Đội Quản lý')).toBe('doi-quan-ly');
  });
  it('finds phrases by key', () => {
    expect(hasPhrase('*Thực hiện Thường xuyên.*', 'thường xuyên')).toBe(true);
    expect(hasPhrase('thường xuyênnn', 'thường xuyên')).toBe(false);
  });
  it('sorts the Vietnamese way with numbers in order', () => {
    const names = ['Phường 10', 'Phường 2', 'Phường Đông', 'Phường Dương', 'Phường Ánh'];
    expect([...names].sort(compareVietnamese)).toEqual([
      'Phường 2',
      'Phường 10',
      'Phường Ánh',
      'Phường Dương',
      'Phường Đông',
    ]);
  });
});

describe('nfc', () => {
  it('leaves alone only what NFC leaves alone: every character of the fast path, alone and beside a combining mark', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}`, `${ch}\u0301`, `${ch}\u0323\u0302`, `\u1EA0${ch}`]) {
        if (nfc(text) !== text.normalize('NFC')) throw new Error(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
  });

  it('composes decomposed Vietnamese and keeps precomposed text as it is', () => {
    expect(nfc('Tie\u0302\u0301n đô\u0323')).toBe('Tiến độ');
    expect(nfc('Tiến độ thực hiện')).toBe('Tiến độ thực hiện');
    expect(nfc('\u212B')).toBe('\u00C5');
  });
});
