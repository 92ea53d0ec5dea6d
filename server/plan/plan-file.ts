// Reading a plan document from disk: size checked before reading, .docx by its content, text otherwise.
import { open, stat } from 'node:fs/promises';
import { decodePlanText, type SourceTextError } from './source-text.ts';
import { textToBlocks, type Block } from '../../shared/plan/document.ts';
import { readDocx } from './docx-reader.ts';
import type { ZipError } from '../../shared/xlsx/safe-unzip.ts';
import { PLAN_FILE_LIMITS } from '../config.ts';
import { PLAN_LIMITS, textTooLong } from '../../shared/plan/plan-limits.ts';

export const PLAN_FILE_LIMIT = PLAN_FILE_LIMITS.maxBytes;

export type PlanFileError =
  | { code: 'file-not-found'; path: string }
  | { code: 'not-a-file'; path: string }
  | { code: 'file-too-large'; bytes: number; limit: number }
  | { code: 'docx-unreadable'; detail: ZipError | { code: 'not-a-docx' } }
  | { code: 'text-too-long'; chars: number; limit: number }
  | SourceTextError;

export type PlanFileRead = { ok: true; blocks: Block[]; format: 'docx' | 'text' } | { ok: false; error: PlanFileError };

/** Reads a .txt or .docx plan into blocks; never reads more than the limit into memory. */
export async function readPlanFile(path: string, limit = PLAN_FILE_LIMIT): Promise<PlanFileRead> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: { code: 'not-a-file', path } };
    size = info.size;
  } catch {
    return { ok: false, error: { code: 'file-not-found', path } };
  }
  if (size > limit) return { ok: false, error: { code: 'file-too-large', bytes: size, limit } };
  const handle = await open(path, 'r');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(size);
    await handle.read(bytes, 0, size, 0);
  } finally {
    await handle.close();
  }
  return readPlanBytes(bytes, path);
}

/** Real plans hold tens of thousands of characters; a document of more than the plan's limit is refused before parsing. */
export const PLAN_TEXT_LIMIT = PLAN_LIMITS.maxChars;

/** The same for bytes already in memory (an upload). */
export function readPlanBytes(bytes: Uint8Array, name = ''): PlanFileRead {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  let read: PlanFileRead;
  if (isZip || /\.docx$/i.test(name)) {
    const docx = readDocx(bytes);
    read = docx.ok
      ? { ok: true, blocks: docx.blocks, format: 'docx' }
      : { ok: false, error: { code: 'docx-unreadable', detail: docx.error } };
  } else {
    // Refused before decoding when even at 3 bytes a character it would be too long (Vietnamese is mostly 1–3).
    if (bytes.length > PLAN_TEXT_LIMIT * 3)
      return {
        ok: false,
        error: { code: 'text-too-long', chars: Math.round(bytes.length / 3), limit: PLAN_TEXT_LIMIT },
      };
    const text = decodePlanText(bytes);
    if (text.ok && textTooLong(text.text.length))
      return { ok: false, error: { code: 'text-too-long', chars: text.text.length, limit: PLAN_TEXT_LIMIT } };
    read = text.ok ? { ok: true, blocks: textToBlocks(text.text), format: 'text' } : { ok: false, error: text.error };
  }
  if (!read.ok) return read;
  const chars = read.blocks.reduce(
    (sum, b) => sum + (b.type === 'paragraph' ? b.text.length : b.rows.flat().reduce((n, c) => n + c.length, 0)),
    0,
  );
  return textTooLong(chars) ? { ok: false, error: { code: 'text-too-long', chars, limit: PLAN_TEXT_LIMIT } } : read;
}

/** One sentence, Vietnamese then English, for a file that cannot be read. */
export function describePlanFileError(error: PlanFileError): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  switch (error.code) {
    case 'file-not-found':
      return `Không tìm thấy tệp ${error.path}. / File not found: ${error.path}.`;
    case 'not-a-file':
      return `${error.path} không phải là tệp. / ${error.path} is not a file.`;
    case 'file-too-large':
    case 'too-large':
      return `Tệp quá lớn (${mb(error.bytes)}, tối đa ${mb(error.limit)}). / The file is too large (${mb(error.bytes)}; the limit is ${mb(error.limit)}).`;
    case 'empty-file':
      return 'Tệp trống. / The file is empty.';
    case 'text-too-long':
      return (
        `Văn bản quá dài cho một kế hoạch (${error.chars.toLocaleString('en')} ký tự, tối đa ${error.limit.toLocaleString('en')}). / ` +
        `The text is too long for a plan (${error.chars.toLocaleString('en')} characters; the limit is ${error.limit.toLocaleString('en')}).`
      );
    case 'binary-file':
      return `Tệp không phải văn bản (.txt) hay .docx: có vẻ là ${error.kind}. / Not a text or .docx plan: it looks like ${error.kind}.`;
    case 'legacy-encoding':
      return (
        `Văn bản dùng bảng mã cũ ${error.encoding}; hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi thử lại. / ` +
        `The text is in the legacy Vietnamese encoding ${error.encoding}; convert it to Unicode (e.g. with Unikey's converter) and try again.`
      );
    case 'not-utf8':
      return (
        `Tệp không phải UTF-8 (byte lỗi ở vị trí ${error.offset}); hãy lưu lại dưới dạng UTF-8. / ` +
        `The file is not UTF-8 (invalid byte at offset ${error.offset}); save it as UTF-8.`
      );
    case 'docx-unreadable': {
      const d = error.detail;
      const why =
        d.code === 'not-a-docx'
          ? 'no word/document.xml'
          : d.code === 'too-many-entries'
            ? `more than ${d.limit} entries`
            : d.code === 'too-large-uncompressed'
              ? `more than ${mb(d.limit)} uncompressed`
              : d.code === 'corrupt-zip'
                ? `corrupt archive (${d.detail})`
                : 'not a zip archive';
      return `Không đọc được tệp .docx (${why}). / Cannot read the .docx file (${why}).`;
    }
  }
}
