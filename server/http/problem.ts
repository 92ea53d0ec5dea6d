// One error shape everywhere: RFC 9457 problem details (application/problem+json), thrown at the edge.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { Problem } from '../../shared/api/contract.ts';
import { UnwritableText } from '../../shared/text/clean-text.ts';
import { unwritable } from '../store/storage-error.ts';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

/** What a caller sent, echoed back at most `max` characters long. */
export const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Vietnamese first, English second, in one title. */
export const problem = (status: number, code: string, vi: string, en: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(status, code, `${vi} / ${en}`, extra);

export function sendProblem(res: Parameters<RequestHandler>[1], p: HttpProblem, requestId: string | undefined) {
  if (typeof p.extra.retryAfter === 'number') res.set('Retry-After', String(p.extra.retryAfter));
  res.status(p.status).type('application/problem+json').json(Problem.parse({
    type: `https://plan-reporting.invalid/problems/${p.code}`, title: p.title, status: p.status, code: p.code,
    ...(requestId ? { requestId } : {}), ...p.extra,
  }));
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(problem(404, 'not-found', `Không có đường dẫn ${req.method} ${clip(req.path, 80)}.`, `No route ${req.method} ${clip(req.path, 80)}.`));
};

interface BodyParserError { type?: string; status?: number; expose?: boolean }

/** The one error handler, registered last: known problems as they are, body-parser errors mapped, the rest 500. */
export function problemHandler(log: (entry: Record<string, unknown>) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const requestId = res.locals.requestId as string | undefined;
    if (error instanceof HttpProblem) return sendProblem(res, error, requestId);
    const e = error as BodyParserError;
    if (e?.type === 'entity.too.large') {
      return sendProblem(res, problem(413, 'body-too-large', 'Dữ liệu gửi lên quá lớn.', 'The request body is too large.'), requestId);
    }
    const forbidden = e?.type === 'entity.parse.failed' ? /^forbidden key "([^"]+)"$/.exec((error as Error).message) : null;
    if (forbidden) {
      return sendProblem(res, problem(400, 'forbidden-key', `Dữ liệu JSON có khóa không được phép "${forbidden[1]}".`, `The JSON has a key that is not allowed: "${forbidden[1]}".`, { field: forbidden[1] }), requestId);
    }
    if (e?.type === 'entity.parse.failed') {
      return sendProblem(res, problem(400, 'malformed-json', 'Dữ liệu JSON không hợp lệ.', 'The body is not valid JSON.'), requestId);
    }
    if (error instanceof URIError || (e?.status === 400 && (error as Error)?.message?.startsWith('Failed to decode param'))) {
      return sendProblem(res, problem(400, 'malformed-path', 'Đường dẫn có mã hóa % không hợp lệ.', 'The path has broken percent-encoding.'), requestId);
    }
    if (e?.status && e.status >= 400 && e.status < 500 && e.expose) {
      return sendProblem(res, problem(e.status, 'bad-request', 'Yêu cầu không hợp lệ.', 'Bad request.'), requestId);
    }
    const storage = unwritable(error);
    if (storage) {
      // The operator's to fix: said with the path to staff and in the log; an agency is told only that it is not its fault.
      log({ level: 'error', requestId, code: 'storage-unwritable', path: storage.path, reason: storage.reason, message: (error as Error)?.message });
      const where = storage.path && (res.locals.principal as { role?: string } | undefined)?.role !== 'agency' ? storage.path : null;
      return sendProblem(res, problem(503, 'storage-unwritable',
        `Máy chủ không ghi được dữ liệu${where ? ` vào ${where}` : ''} (${storage.reason}): thư mục dữ liệu chỉ đọc hoặc không có quyền ghi; hãy báo quản trị máy chủ.`,
        `The service cannot write its data${where ? ` to ${where}` : ''} (${storage.reason}): the data folder is read-only or not writable; tell the server's administrator.`,
        { reason: storage.reason, ...(where ? { path: where } : {}) }), requestId);
    }
    if (error instanceof UnwritableText) {
      // Text stored before the gate existed (a correction's control character): a writer refuses it rather than write
      // a damaged file; one correction of that text mends it.
      log({ level: 'error', requestId, code: 'text-unwritable', message: error.message });
      return sendProblem(res, problem(500, 'text-unwritable',
        `Nội dung đã lưu có ký tự không ghi được vào tệp (${error.message}); Phòng Nội vụ cần sửa lại nội dung đó, rồi thử lại.`,
        `Stored text holds a character the file cannot hold (${error.message}); the coordinator needs to correct that text, then try again.`), requestId);
    }
    log({ level: 'error', requestId, message: (error as Error)?.message ?? String(error) });
    return sendProblem(res, problem(500, 'internal', 'Lỗi máy chủ; báo cáo chưa bị ảnh hưởng, hãy thử lại.', 'Server error; nothing stored was changed, try again.'), requestId);
  };
}
