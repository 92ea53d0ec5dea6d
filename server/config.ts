// The service's configuration, read once from the environment by one schema; every limit and the store's
// file name live here. A malformed value stops the start with one line that names the variable.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import * as z from 'zod';

/** The SQLite file under DATA_DIR. */
export const STORE_FILE = 'plan-reporting.sqlite';
export const storePathIn = (dataDir: string) => join(dataDir, STORE_FILE);

const MB = 1024 * 1024;

/** Bounds on what an .xlsx may unpack to; the upload size itself is `workbookLimitBytes`. */
export const WORKBOOK_UNPACK_LIMITS = { maxEntries: 1000, maxUncompressed: 50 * MB, maxCells: 1_000_000 };
/** A plan document (.txt or .docx) and what a .docx may unpack to. */
export const PLAN_FILE_LIMITS = { maxBytes: 20 * MB, maxEntries: 2000, maxUncompressed: 20 * MB };

export interface ServiceConfig {
  /** Origins allowed to call the API from a browser: the task pane's and Google's add-on origins. */
  allowedOrigins: string[];
  /** Origin patterns (Apps Script serves add-on HTML from *.googleusercontent.com). */
  allowedOriginPatterns: RegExp[];
  /** Express's "trust proxy": false (the socket's address is the client), a hop count, or proxy addresses. */
  trustProxy: boolean | number | string;
  jsonLimitBytes: number;
  workbookLimitBytes: number;
  /** Worker threads that read uploads and report bodies and generate workbooks (by default one per core). */
  uploadReaders: number;
  /** Requests of one access code waiting for a reader beyond this many are answered 429 at once. */
  uploadQueuePerCode: number;
  /** The time an uploaded workbook may take to be read, in its worker, before it is refused. */
  uploadReadTimeoutMs: number;
  /** Heap of the upload reader's worker (MB): a workbook that needs more is refused, the service goes on. */
  uploadReaderHeapMb: number;
  /** Uploads waiting for the reader beyond this many are answered 503 at once. */
  uploadQueueLimit: number;
  /** The time a plan document may take to be read and parsed, in its worker, before it is refused. */
  planReadTimeoutMs: number;
  /** Heap of the plan reader's worker (MB). */
  planReaderHeapMb: number;
  /** Plan readings waiting beyond this many are answered 503 at once. */
  planQueueLimit: number;
  /** A request whose body has not arrived by then is dropped (slow senders). */
  requestTimeoutMs: number;
  /** Wrong codes per address in the window before it is throttled; then each attempt waits `delayMs` (at most `maxWaiting` at once). */
  throttle: { maxFailures: number; windowMs: number; delayMs?: number; maxWaiting?: number };
  contact: string;
  /** Quiet time after a submission before the master is rebuilt (a burst gives one build). */
  masterDelayMs: number;
  /** Office.js for the task pane: Microsoft's CDN, or the copy of @microsoft/office-js (networks without internet). */
  officeJs: 'cdn' | 'local';
  /** The service's public https URL, for the add-in manifest; the request's own URL when unset. */
  publicUrl: string | null;
  /** Where reminders are sent through (smtp://user:pass@host:587); none: nothing is sent, the page shows what would be. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Google Sheets (created sheets, pulls, the published master); null: nothing Google-related starts. */
  google: GoogleConfig | null;
}

export interface GoogleConfig {
  /** A service-account key file (JSON); its tokens are signed here (self-signed JWT). */
  keyFile: string;
  /** Another root URL for every Sheets and Drive call, uploads included (a test server); Google's own when null. */
  rootUrl: string | null;
  /** How often every registered sheet is pulled; 0: only on demand (`plan-reporting pull`). */
  pullIntervalMs: number;
  readsPerMinute: number;
  writesPerMinute: number;
  /** The Drive folder created sheets go into; the service account's own Drive when null. */
  folderId: string | null;
  /** Also publish each master into a Google Sheet. */
  publishMaster: boolean;
}

export const DEFAULT_CONFIG: ServiceConfig = {
  allowedOrigins: ['https://localhost:3000', 'https://script.google.com'],
  allowedOriginPatterns: [/^https:\/\/[a-z0-9-]+-script\.googleusercontent\.com$/],
  trustProxy: false,
  jsonLimitBytes: 2 * MB,
  workbookLimitBytes: 10 * MB,
  uploadReaders: Math.max(1, availableParallelism()),
  uploadQueuePerCode: 4,
  uploadReadTimeoutMs: 1500,
  uploadReaderHeapMb: 256,
  uploadQueueLimit: 16,
  planReadTimeoutMs: 3000,
  planReaderHeapMb: 256,
  planQueueLimit: 8,
  requestTimeoutMs: 60_000,
  throttle: { maxFailures: 10, windowMs: 15 * 60 * 1000, delayMs: 1000, maxWaiting: 100 },
  contact: 'Phòng Nội vụ thành phố (cơ quan tổng hợp báo cáo)',
  masterDelayMs: 250,
  officeJs: 'cdn',
  publicUrl: null,
  smtpUrl: null,
  mailFrom: 'Phòng Nội vụ <bao-cao@localhost>',
  google: null,
};

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const integer = (min: number, max: number) =>
  z.preprocess(blankAsUndefined, z.coerce.number().int().min(min).max(max).optional());
const origin = z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'an origin such as https://addin.example.vn');

const Env = z.object({
  PORT: integer(0, 65535),
  HOST: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address')
      .optional(),
  ),
  DATA_DIR: z.preprocess(blankAsUndefined, z.string().optional()),
  PLAN_FILE: z.preprocess(blankAsUndefined, z.string().optional()),
  TRUST_PROXY: z.preprocess(
    blankAsUndefined,
    z
      .union([
        z.enum(['true', 'false']).transform((v) => v === 'true'),
        z
          .string()
          .regex(/^\d{1,2}$/, 'a hop count')
          .transform(Number),
        z
          .string()
          .regex(
            /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/,
            'true, false, a hop count or proxy addresses',
          ),
      ])
      .optional(),
  ),
  CORS_ORIGINS: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(origin))
      .optional(),
  ),
  JSON_LIMIT_MB: integer(1, 50),
  UPLOAD_LIMIT_MB: integer(1, 100),
  UPLOAD_READERS: integer(1, 64),
  UPLOAD_READ_TIMEOUT_MS: integer(100, 60_000),
  PLAN_READ_TIMEOUT_MS: integer(100, 120_000),
  REQUEST_TIMEOUT_MS: integer(1000, 3_600_000),
  OFFICE_JS: z.preprocess(blankAsUndefined, z.enum(['cdn', 'local']).optional()),
  SMTP_URL: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'an SMTP URL such as smtp://user:pass@mail.example.vn:587')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(blankAsUndefined, z.string().max(200).optional()),
  TLS_CERT_FILE: z.preprocess(blankAsUndefined, z.string().optional()),
  TLS_KEY_FILE: z.preprocess(blankAsUndefined, z.string().optional()),
  GOOGLE_APPLICATION_CREDENTIALS: z.preprocess(blankAsUndefined, z.string().optional()),
  GOOGLE_API_ROOT_URL: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, 'a root URL such as http://127.0.0.1:9000/')
      .optional(),
  ),
  GOOGLE_PULL_INTERVAL_MIN: integer(0, 24 * 60),
  GOOGLE_READS_PER_MINUTE: integer(1, 6000),
  GOOGLE_WRITES_PER_MINUTE: integer(1, 6000),
  GOOGLE_FOLDER_ID: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'a Drive folder id')
      .optional(),
  ),
  GOOGLE_PUBLISH_MASTER: z.preprocess(
    blankAsUndefined,
    z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[\w./-]*)?$/, 'a URL such as https://baocao.example.gov.vn')
      .optional(),
  ),
});

export interface RuntimeConfig {
  port: number;
  host: string;
  dataDir: string;
  planFile: string;
  service: ServiceConfig;
  tls: { certFile: string; keyFile: string } | null;
}

/** The configuration from the environment, or one line naming the first bad variable. */
export function configFromEnv(
  env: Record<string, string | undefined>,
  cwd: string,
  seedPlan: string,
): { ok: true; config: RuntimeConfig } | { ok: false; message: string } {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const value = String(env[name] ?? '').slice(0, 60);
    return {
      ok: false,
      message: `Cấu hình không hợp lệ: ${name}="${value}" (${issue.message}). / Invalid configuration: ${name}="${value}" (${issue.message}).`,
    };
  }
  const e = parsed.data;
  const service: ServiceConfig = {
    ...DEFAULT_CONFIG,
    ...(e.TRUST_PROXY !== undefined ? { trustProxy: e.TRUST_PROXY } : {}),
    ...(e.CORS_ORIGINS ? { allowedOrigins: e.CORS_ORIGINS } : {}),
    ...(e.JSON_LIMIT_MB ? { jsonLimitBytes: e.JSON_LIMIT_MB * MB } : {}),
    ...(e.UPLOAD_LIMIT_MB ? { workbookLimitBytes: e.UPLOAD_LIMIT_MB * MB } : {}),
    ...(e.UPLOAD_READERS ? { uploadReaders: e.UPLOAD_READERS } : {}),
    ...(e.UPLOAD_READ_TIMEOUT_MS ? { uploadReadTimeoutMs: e.UPLOAD_READ_TIMEOUT_MS } : {}),
    ...(e.PLAN_READ_TIMEOUT_MS ? { planReadTimeoutMs: e.PLAN_READ_TIMEOUT_MS } : {}),
    ...(e.REQUEST_TIMEOUT_MS ? { requestTimeoutMs: e.REQUEST_TIMEOUT_MS } : {}),
    ...(e.OFFICE_JS ? { officeJs: e.OFFICE_JS } : {}),
    ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
    ...(e.MAIL_FROM ? { mailFrom: e.MAIL_FROM } : {}),
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    google: e.GOOGLE_APPLICATION_CREDENTIALS
      ? {
          keyFile: resolve(cwd, e.GOOGLE_APPLICATION_CREDENTIALS),
          rootUrl: e.GOOGLE_API_ROOT_URL ?? null,
          pullIntervalMs: (e.GOOGLE_PULL_INTERVAL_MIN ?? 15) * 60_000,
          readsPerMinute: e.GOOGLE_READS_PER_MINUTE ?? 60,
          writesPerMinute: e.GOOGLE_WRITES_PER_MINUTE ?? 60,
          folderId: e.GOOGLE_FOLDER_ID ?? null,
          publishMaster: e.GOOGLE_PUBLISH_MASTER ?? false,
        }
      : null,
  };
  if (!!e.TLS_CERT_FILE !== !!e.TLS_KEY_FILE) {
    return {
      ok: false,
      message:
        'Cấu hình không hợp lệ: cần cả TLS_CERT_FILE và TLS_KEY_FILE. / Invalid configuration: set both TLS_CERT_FILE and TLS_KEY_FILE.',
    };
  }
  const tls =
    e.TLS_CERT_FILE && e.TLS_KEY_FILE
      ? { certFile: resolve(cwd, e.TLS_CERT_FILE), keyFile: resolve(cwd, e.TLS_KEY_FILE) }
      : null;
  return {
    ok: true,
    config: {
      port: e.PORT ?? 8080,
      host: e.HOST ?? '127.0.0.1',
      dataDir: resolve(cwd, e.DATA_DIR ?? 'data'),
      planFile: resolve(cwd, e.PLAN_FILE ?? seedPlan),
      service,
      tls,
    },
  };
}
