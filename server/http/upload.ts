// Reading an uploaded workbook: the raw .xlsx body, or the multipart field "file"; capped in size.
import busboy from 'busboy';
import type { Request, Response } from 'express';
import type { ReportPayload } from '../../shared/api/contract.ts';
import type { Principal } from './auth.ts';
import { readReportBody } from '../../shared/api/json-body.ts';
import { HttpProblem, problem, worded } from './problem.ts';
import type { Grid } from '../../shared/workbook/grid.ts';
import type { AppContext } from '../service/context.ts';
import { ReaderBusy, type JobOwner } from '../workbook/upload-reader.ts';
import { WORKBOOK_LIMITS } from '../workbook/xlsx-reader.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const tooLarge = (limit: number) => problem('body-too-large', { limit });

const malformed = () => problem('malformed-multipart');
const incomplete = () => problem('body-incomplete');

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The uploaded bytes; throws a problem for a missing file, a wrong type, a body cut short or over the limit. */
export async function uploadedWorkbook(req: Request, limit: number): Promise<Uint8Array> {
  return (await uploadedFile(req, limit, [XLSX_TYPE], 'xlsx')).bytes;
}

/** An uploaded file: a raw body of one of `rawTypes`, or the multipart field "file" (with its file name). */
export async function uploadedFile(
  req: Request,
  limit: number,
  rawTypes: string[],
  kind: 'xlsx' | 'plan',
): Promise<{ bytes: Uint8Array; name: string | null }> {
  const type = req.get('content-type') ?? '';
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > limit + 64 * 1024) {
    // A body a little over the limit is read to its end so the sender sees the answer; a huge one is not.
    if (declared <= limit * 4) await discard(req, limit * 4);
    throw tooLarge(limit);
  }
  if (rawTypes.some((t) => type.startsWith(t))) return { bytes: await rawBody(req, limit), name: null };
  if (type.startsWith('multipart/form-data')) return multipartFile(req, limit);
  throw kind === 'xlsx'
    ? problem('unsupported-media-type', { workbookType: XLSX_TYPE })
    : problem('unsupported-media-type', { plan: true });
}

async function rawBody(req: Request, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) break;
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw incomplete();
  }
  if (size > limit) {
    await discard(req, limit * 4);
    throw tooLarge(limit);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Reads and drops the rest of a refused body, so that the client, still sending, gets to read the
 * answer instead of a reset connection; past `max` bytes the connection is simply closed after it.
 */
function discard(req: Request, max: number): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      req.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > max) {
        req.pause();
        done();
      }
    };
    req.on('data', onData);
    req.once('end', done);
    req.once('error', done);
    req.once('close', done);
    req.resume();
  });
}

/** The field "file" of a multipart body. Every stream on the way (request, parser, file) has its errors handled. */
function multipartFile(req: Request, limit: number): Promise<{ bytes: Uint8Array; name: string | null }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let fileName: string | null = null;
    const settle = (outcome: Uint8Array | Error) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) {
        req.unpipe();
        req.resume();
        reject(outcome);
      } else resolve({ bytes: outcome, name: fileName });
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: limit, files: 1, fields: 10, parts: 12, fieldSize: 64 * 1024 },
      });
    } catch {
      settle(malformed());
      return;
    }
    let file: Uint8Array | null = null;
    parser.on('file', (name, stream, info) => {
      stream.on('error', () => settle(malformed()));
      if (name !== 'file') {
        stream.resume();
        return;
      }
      fileName = info.filename ? info.filename.normalize('NFC').slice(0, 200) : null;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => settle(tooLarge(limit)));
      stream.on('end', () => {
        if (!settled) file = new Uint8Array(Buffer.concat(chunks));
      });
    });
    parser.on('filesLimit', () => settle(problem('too-many-files')));
    parser.on('partsLimit', () => settle(malformed()));
    parser.on('fieldsLimit', () => settle(malformed()));
    parser.on('error', () => settle(malformed()));
    parser.on('close', () => settle(file ?? problem('file-missing')));
    req.on('error', () => settle(incomplete()));
    req.on('aborted', () => settle(incomplete()));
    req.pipe(parser);
  });
}

/** Who a pooled job is for: an agency's jobs take turns with the other agencies' and are bounded; a staff member's
 * (a download of every workbook, one at a time) wait their turn without a bound. */
export function jobOwner(res: Response): JobOwner {
  const p = res.locals.principal as Principal;
  return p.role === 'agency' ? { key: `agency:${p.agencyId}` } : { key: `staff:${p.accountId}`, bounded: false };
}

/** A job of the reader pool; a full queue is a problem: 429 for a code with its own jobs waiting, 503 for the service. */
export async function pooled<T>(job: () => Promise<T>): Promise<T> {
  try {
    return await job();
  } catch (error) {
    if (!(error instanceof ReaderBusy)) throw error;
    if (error.scope === 'code') {
      throw problem(
        'busy',
        { scope: 'code', limit: error.limit, retryAfterS: error.retryAfterS },
        { limit: error.limit, retryAfter: error.retryAfterS },
      );
    }
    throw problem(
      'busy',
      { scope: 'service', limit: error.limit, retryAfterS: error.retryAfterS },
      { limit: error.limit, retryAfter: error.retryAfterS },
    );
  }
}

/** The grid of an uploaded workbook, read in the reader pool (a worker with a deadline); refusals as problems. */
export async function readUpload(ctx: AppContext, bytes: Uint8Array, owner: JobOwner): Promise<{ grid: Grid }> {
  const read = await pooled(() =>
    ctx.uploads.read(bytes, { ...WORKBOOK_LIMITS, maxBytes: ctx.config.workbookLimitBytes }, owner),
  );
  if (read.ok) return { grid: read.grid };
  throw problem(read.error.code, read.error);
}

/**
 * Report bodies up to this size are read on the service's thread: a city's agency sends 12–15 KB, which takes 0.2 ms
 * to count, parse and check — less than handing it to a reader and back (sequential submissions: ~480/s here, ~250/s
 * through the pool). At 32 KB it is under half a millisecond, so no number of them stalls the service for long.
 */
export const INLINE_REPORT_BYTES = 32 * 1024;

/** An agency's report body (kept as bytes by the app), counted, parsed and checked; in the reader pool when large. */
export async function readReport(ctx: AppContext, req: Request, owner: JobOwner): Promise<ReportPayload> {
  if (!Buffer.isBuffer(req.body)) {
    throw problem('bad-payload', { body: 'report-json' });
  }
  const body = req.body;
  const read =
    body.length <= INLINE_REPORT_BYTES
      ? readReportBody(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
      : await pooled(() => ctx.uploads.readReport(body, owner));
  if (read.ok) return read.payload;
  throw worded(read.refusal, read.refusal.extra);
}
