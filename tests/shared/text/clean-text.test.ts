import { describe, expect, it } from 'vitest';
import { cleanString } from '../../../shared/text/clean-string.ts';
import { assertWritable, cleanText, UnwritableText, unwritableReason } from '../../../shared/text/clean-text.ts';
import { xmlSafe } from '../../../shared/text/xml-safe.ts';
import { cellText } from '../../../shared/workbook/cell-values.ts';
import { CorrectionsPatch } from '../../../shared/plan/corrections.ts';
import { ReviewRequest } from '../../../shared/api/contract.ts';
import { AgencyContact, Directory } from '../../../shared/directory/agency.ts';
import { VUNG_TAU_2023 } from '../../../shared/directory/vung-tau-2023.ts';

describe('cleanText, the one gate', () => {
  it('drops what XML 1.0 cannot hold and DEL, makes CR LF and a lone CR LF, and keeps tab, LF, C1 and astral characters', () => {
    expect(cleanText('x\u0001\u0002\u001b\uffff\ufffe')).toBe('x');
    expect(cleanText('Rà soát\u007f thủ tục\r\nhành chính\rmới')).toBe('Rà soát thủ tục\nhành chính\nmới');
    expect(cleanText('a\tb\nc\u0085d\u009Fe😀\uD800')).toBe('a\tb\nc\u0085d\u009Fe😀');
  });

  it('normalises to NFC after dropping, so a dropped character cannot leave a decomposed letter', () => {
    expect(cleanText('Pho\u0300ng')).toBe('Phòng');
    expect(cleanText('e\u0001\u0301')).toBe('\u00E9');
    expect(cleanText('e\u007F\u0301')).toBe('\u00E9');
  });

  it('leaves clean text as it is and is idempotent on every UTF-16 code unit', () => {
    expect(cleanText('Phường Thắng Nhất')).toBe('Phường Thắng Nhất');
    for (let code = 0; code <= 0xffff; code++) {
      const once = cleanText(`a${String.fromCharCode(code)}b\u0301`);
      if (cleanText(once) !== once || xmlSafe(once) !== once || /[\r\u007F]/.test(once))
        throw new Error(`U+${code.toString(16)}: ${JSON.stringify(once)}`);
    }
  });

  it('is what every cell read from a workbook goes through', () => {
    expect(cellText(' Kết quả\u007F\r\nhai\u0008 ')).toBe('Kết quả\nhai');
  });

  it('is in the request schemas: corrections, review comments, contacts', () => {
    expect(
      CorrectionsPatch.parse({
        tasks: { NV1: { title: ' x\u0001\uffff ' } },
        aliases: { 'Phòng\u0007 Nội vụ': 'phong-noi-vu' },
      }),
    ).toEqual({ tasks: { NV1: { title: 'x' } }, aliases: { 'Phòng Nội vụ': 'phong-noi-vu' } });
    expect(CorrectionsPatch.safeParse({ tasks: { NV1: { title: '\u0001\uffff' } } }).success).toBe(false);
    expect(
      ReviewRequest.parse({ decision: 'return', comment: 'Sửa\u001b lại', comments: [{ text: 'ô\uFFFE G7' }] }),
    ).toMatchObject({ comment: 'Sửa lại', comments: [{ text: 'ô G7' }] });
    expect(AgencyContact.parse({ name: 'Chị\u0000 Lan', email: 'lan@vungtau.gov.vn\u0001' })).toEqual({
      name: 'Chị Lan',
      email: 'lan@vungtau.gov.vn',
    });
    expect(cleanString(5, 1).safeParse('\u0001').success).toBe(false);
  });

  it("is in the directory's schema: a directory given to the CLI, or stored before the gate, has its names cleaned when read", () => {
    const [first, ...rest] = VUNG_TAU_2023.agencies;
    const dirty = {
      ...VUNG_TAU_2023,
      agencies: [{ ...first!, name: 'Phòng\u0001 Nội vụ\u007f', aliases: ['Nội\uFFFF vụ'] }, ...rest],
      groups: VUNG_TAU_2023.groups.map((g, i) => (i === 0 ? { ...g, name: `${g.name}\u001b` } : g)),
    };
    const read = Directory.parse(dirty);
    expect(read.agencies[0]).toMatchObject({ name: 'Phòng Nội vụ', aliases: ['Nội vụ'] });
    expect(read.groups[0]!.name).toBe(VUNG_TAU_2023.groups[0]!.name);
  });
});

describe('assertWritable, what every writer checks before it writes', () => {
  it('names the character, where it is, the writer and the place', () => {
    expect(unwritableReason('Phường 1')).toBeNull();
    expect(unwritableReason('a\u007Fb\rc')).toBeNull();
    expect(unwritableReason('ab\uFFFF')).toBe('U+FFFF at 3, which XML 1.0 cannot hold');
    expect(unwritableReason('😀\uD800')).toBe('U+D800 at 3, which XML 1.0 cannot hold');
    expect(unwritableReason('a\u007Fb', { exact: true })).toBe('U+007F at 2, which would not read back as written');
    expect(unwritableReason('x'.repeat(32_768), { max: 32_767 })).toBe('32,768 characters (at most 32,767)');
    expect(() => assertWritable('x\u0001', 'template writer', 'Nhiệm vụ!B5')).toThrow(UnwritableText);
    expect(() => assertWritable('x\u0001', 'template writer', 'Nhiệm vụ!B5')).toThrow(
      'template writer: asked to write U+0001 at 2, which XML 1.0 cannot hold in Nhiệm vụ!B5',
    );
  });
});
