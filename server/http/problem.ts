// One error shape everywhere: RFC 9457 problem details (application/problem+json), thrown at the edge.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { Problem } from '../../shared/api/contract.ts';
import { wordProblem, type ProblemArgs, type ProblemCode, type WordedProblem } from '../../shared/api/problems.ts';
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

export { clip } from '../../shared/api/problems.ts';

type Extra = Record<string, unknown>;

/** A problem of the catalogue (shared/api/problems.ts): its status and words, Vietnamese first, English second, in one title. */
export function problem<C extends ProblemCode>(
  code: C,
  ...[params, extra]: ProblemArgs<C, [extra?: Extra]>
): HttpProblem {
  return worded((wordProblem as (c: C, p: unknown) => WordedProblem)(code, params), extra);
}

/** A problem already worded from the catalogue as data (a refusal that crossed from a reader's thread). */
export const worded = (p: WordedProblem, extra: Extra = {}) =>
  new HttpProblem(p.status, p.code, `${p.vi} / ${p.en}`, extra);

export function sendProblem(res: Parameters<RequestHandler>[1], p: HttpProblem, requestId: string | undefined) {
  if (typeof p.extra.retryAfter === 'number') res.set('Retry-After', String(p.extra.retryAfter));
  res
    .status(p.status)
    .type('application/problem+json')
    .json(
      Problem.parse({
        type: `https://plan-reporting.invalid/problems/${p.code}`,
        title: p.title,
        status: p.status,
        code: p.code,
        ...(requestId ? { requestId } : {}),
        ...p.extra,
      }),
    );
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(problem('not-found', { method: req.method, path: req.path }));
};

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** The one error handler, registered last: known problems as they are, body-parser errors mapped, the rest 500. */
export function problemHandler(log: (entry: Record<string, unknown>) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const requestId = res.locals.requestId as string | undefined;
    if (error instanceof HttpProblem) return sendProblem(res, error, requestId);
    const e = error as BodyParserError;
    if (e?.type === 'entity.too.large') {
      return sendProblem(res, problem('body-too-large'), requestId);
    }
    const forbidden =
      e?.type === 'entity.parse.failed' ? /^forbidden key "([^"]+)"$/.exec((error as Error).message) : null;
    if (forbidden) {
      return sendProblem(res, problem('forbidden-key', { key: forbidden[1]! }, { field: forbidden[1] }), requestId);
    }
    if (e?.type === 'entity.parse.failed') {
      return sendProblem(res, problem('malformed-json'), requestId);
    }
    if (
      error instanceof URIError ||
      (e?.status === 400 && (error as Error)?.message?.startsWith('Failed to decode param'))
    ) {
      return sendProblem(res, problem('malformed-path'), requestId);
    }
    if (e?.status && e.status >= 400 && e.status < 500 && e.expose) {
      return sendProblem(res, problem('bad-request', { status: e.status }), requestId);
    }
    const storage = unwritable(error);
    if (storage) {
      // The operator's to fix: said with the path to staff and in the log; an agency is told only that it is not its fault.
      log({
        level: 'error',
        requestId,
        code: 'storage-unwritable',
        path: storage.path,
        reason: storage.reason,
        message: (error as Error)?.message,
      });
      const where =
        storage.path && (res.locals.principal as { role?: string } | undefined)?.role !== 'agency'
          ? storage.path
          : null;
      return sendProblem(
        res,
        problem(
          'storage-unwritable',
          { where, reason: storage.reason },
          { reason: storage.reason, ...(where ? { path: where } : {}) },
        ),
        requestId,
      );
    }
    if (error instanceof UnwritableText) {
      // Text stored before the gate existed (a correction's control character): a writer refuses it rather than write
      // a damaged file; one correction of that text mends it.
      log({ level: 'error', requestId, code: 'text-unwritable', message: error.message });
      return sendProblem(res, problem('text-unwritable', { message: error.message }), requestId);
    }
    log({ level: 'error', requestId, message: (error as Error)?.message ?? String(error) });
    return sendProblem(res, problem('internal'), requestId);
  };
}
