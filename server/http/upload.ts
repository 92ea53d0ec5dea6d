// Reading an uploaded workbook: the raw .xlsx body, or the multipart field "file"; capped in size.
import busboy from 'busboy';
import type { Request } from 'express';
import { problem } from './problem.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const tooLarge = (limit: number) => problem(413, 'body-too-large', `Tệp quá lớn (tối đa ${limit / 1024 / 1024} MB).`, `The file is too large (limit ${limit / 1024 / 1024} MB).`);

/** The uploaded bytes; throws a problem for a missing file, a wrong type or a body over the limit. */
export async function uploadedWorkbook(req: Request, limit: number): Promise<Uint8Array> {
  const type = req.get('content-type') ?? '';
  if (type.startsWith(XLSX_TYPE)) {
    if (Number(req.get('content-length') ?? 0) > limit) throw tooLarge(limit);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
  if (type.startsWith('multipart/form-data')) return multipartFile(req, limit);
  throw problem(415, 'unsupported-media-type', `Hãy gửi tệp .xlsx (Content-Type: ${XLSX_TYPE}) hoặc multipart với trường "file".`,
    `Send an .xlsx body (Content-Type: ${XLSX_TYPE}) or multipart/form-data with the field "file".`);
}

function multipartFile(req: Request, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: limit, files: 1, fields: 10, parts: 12 } });
    } catch {
      reject(problem(400, 'malformed-multipart', 'Dữ liệu multipart không hợp lệ.', 'Malformed multipart body.'));
      return;
    }
    let file: Uint8Array | null = null;
    let failure: Error | null = null;
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => { failure ??= tooLarge(limit); });
      stream.on('end', () => { if (name === 'file' && !failure) file = new Uint8Array(Buffer.concat(chunks)); });
    });
    parser.on('error', () => reject(problem(400, 'malformed-multipart', 'Dữ liệu multipart không hợp lệ.', 'Malformed multipart body.')));
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!file) reject(problem(400, 'file-missing', 'Thiếu trường "file" chứa tệp .xlsx.', 'The multipart field "file" with the .xlsx is missing.'));
      else resolve(file);
    });
    req.pipe(parser);
  });
}
