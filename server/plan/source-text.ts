// Bytes of a plain-text plan → text, refusing what is not Unicode text (binary, legacy Vietnamese encodings).
import { cleanText } from '../../shared/text/clean-text.ts';

export type SourceTextError =
  | { code: 'empty-file' }
  | { code: 'too-large'; bytes: number; limit: number }
  | { code: 'binary-file'; kind: string }
  | { code: 'legacy-encoding'; encoding: 'TCVN3' | 'VNI' }
  | { code: 'not-utf8'; offset: number };

export type SourceText = { ok: true; text: string } | { ok: false; error: SourceTextError };

export const PLAN_TEXT_LIMIT = 5 * 1024 * 1024;

const MAGIC: ReadonlyArray<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (.docx, .xlsx, .zip)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'a legacy Office file (.doc, .xls)'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

// Vietnamese-only letters of Unicode: ă â đ ê ô ơ ư and the precomposed toned vowels.
const UNICODE_VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]/g;
// Bytes that TCVN3 (ABC) uses for à á ả ã ạ ă â đ ê ô ơ ư and Đ: never letters of Western text.
const TCVN3_MARKERS = /[µ¸¶·¹¨©®ª«¬­§]/g;
// VNI writes a base vowel followed by a Latin-1 letter that stands for the mark: "Vieät", "hoøa", "ñ" for đ.
const VNI_DIGRAPHS = /[aeiouyAEIOUY][øùúûõïâäêëöôòóìíå]|ñ|Ñ/g;

/**
 * Tells whether text is Vietnamese in a legacy 8-bit font encoding (as decoded from Latin-1, or
 * pasted into a UTF-8 file unchanged): it has hardly any Unicode Vietnamese letters and many markers.
 */
export function detectLegacyEncoding(text: string): 'TCVN3' | 'VNI' | null {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < 20) return null;
  const unicode = (text.match(UNICODE_VIETNAMESE) ?? []).length;
  const tcvn3 = (text.match(TCVN3_MARKERS) ?? []).length;
  const vni = (text.match(VNI_DIGRAPHS) ?? []).length;
  if (unicode > (tcvn3 + vni) / 4) return null;
  if (tcvn3 / letters > 0.01) return 'TCVN3';
  if (vni / letters > 0.02) return 'VNI';
  return null;
}

/** Decodes a .txt plan: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodePlanText(bytes: Uint8Array, limit = PLAN_TEXT_LIMIT): SourceText {
  if (bytes.length === 0) return { ok: false, error: { code: 'empty-file' } };
  if (bytes.length > limit) return { ok: false, error: { code: 'too-large', bytes: bytes.length, limit } };
  for (const [magic, kind] of MAGIC) {
    if (startsWith(bytes, magic)) return { ok: false, error: { code: 'binary-file', kind } };
  }
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const head = bytes.subarray(0, 8192);
    if (head.includes(0)) return { ok: false, error: { code: 'binary-file', kind: 'a binary file' } };
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      const latin = new TextDecoder('windows-1252').decode(bytes);
      const legacy = detectLegacyEncoding(latin);
      if (legacy) return { ok: false, error: { code: 'legacy-encoding', encoding: legacy } };
      return { ok: false, error: { code: 'not-utf8', offset: firstInvalidUtf8(bytes) } };
    }
  }
  if (text.trim().length === 0) return { ok: false, error: { code: 'empty-file' } };
  const legacy = detectLegacyEncoding(text);
  if (legacy) return { ok: false, error: { code: 'legacy-encoding', encoding: legacy } };
  return { ok: true, text: cleanText(text) };
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}
