// The Sheets and Drive calls the service makes, through Google's own client libraries (@googleapis/sheets and
// @googleapis/drive): authorised by a service-account key that signs its own tokens (a self-signed JWT, no round
// trip to a token endpoint), paced within the quotas, retried on 429 and 5xx, and pointed at another root URL when
// GOOGLE_API_ROOT_URL says so (set per client and per call: the generated APIs ignore a global rootUrl for uploads).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { drive as driveApi, type drive_v3 } from '@googleapis/drive';
import { sheets as sheetsApi, type sheets_v4 } from '@googleapis/sheets';
import { JWT } from 'google-auth-library';
import * as z from 'zod';
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import { RateLimiter, realClock, withBackoff, type BackoffOptions, type Clock } from './pace.ts';

export const SCOPES = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'application/vnd.google-apps.spreadsheet';

const ServiceAccountKey = z.object({
  type: z.literal('service_account'),
  client_email: z.string().email(),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().min(1),
});

export class GoogleConfigError extends Error {}

/** Reads a service-account key file; a bad one is an error naming the field. */
export function readServiceAccount(path: string): z.infer<typeof ServiceAccountKey> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GoogleConfigError(
      `GOOGLE_APPLICATION_CREDENTIALS: ${path} is not a readable JSON key file (${(error as Error).message})`,
    );
  }
  const key = ServiceAccountKey.safeParse(raw);
  if (!key.success)
    throw new GoogleConfigError(
      `GOOGLE_APPLICATION_CREDENTIALS: ${path}: ${key.error.issues.map((i) => i.path.join('.') || 'key').join(', ')} missing or invalid`,
    );
  return key.data;
}

export interface GoogleApiOptions {
  keyFile: string;
  /** Another root URL for every Sheets and Drive call (a test server); Google's own when absent. */
  rootUrl?: string | null;
  readsPerMinute?: number;
  writesPerMinute?: number;
  backoff?: Partial<BackoffOptions>;
  clock?: Clock;
}

/** Quotes a sheet name for an A1 range ('Nhiệm vụ', apostrophes doubled). */
export const sheetRange = (name: string) => `'${name.replaceAll("'", "''")}'`;

export class GoogleApi {
  readonly account: string;
  private readonly sheets: sheets_v4.Sheets;
  private readonly drive: drive_v3.Drive;
  private readonly call: { rootUrl?: string; retry: false };
  private readonly reads: RateLimiter;
  private readonly writes: RateLimiter;
  private readonly clock: Clock;
  private readonly backoff: BackoffOptions;
  /** Retries made, by status ("429", "503", "network"): for the pull's report. */
  readonly retries = new Map<string, number>();

  constructor(o: GoogleApiOptions) {
    const key = readServiceAccount(o.keyFile);
    this.account = key.client_email;
    const auth = new JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id, scopes: SCOPES });
    // Sign each token here with the scopes in it: no call to Google's token endpoint.
    auth.useJWTAccessWithScope = true;
    const root = o.rootUrl ? o.rootUrl.replace(/\/*$/, '/') : undefined;
    this.call = { ...(root ? { rootUrl: root } : {}), retry: false };
    this.sheets = sheetsApi({ version: 'v4', auth, ...(root ? { rootUrl: root } : {}) });
    this.drive = driveApi({ version: 'v3', auth, ...(root ? { rootUrl: root } : {}) });
    this.clock = o.clock ?? realClock;
    this.reads = new RateLimiter(o.readsPerMinute ?? 60, this.clock);
    this.writes = new RateLimiter(o.writesPerMinute ?? 60, this.clock);
    this.backoff = {
      attempts: 5,
      baseMs: 1000,
      maxMs: 32_000,
      ...o.backoff,
      onRetry: (_a, status) => {
        const k = status === null ? 'network' : String(status);
        this.retries.set(k, (this.retries.get(k) ?? 0) + 1);
      },
    };
  }

  private paced<T>(bucket: RateLimiter | null, fn: () => Promise<{ data: T }>): Promise<T> {
    return withBackoff(
      async () => {
        if (bucket) await bucket.take();
        return (await fn()).data;
      },
      this.clock,
      this.backoff,
    );
  }

  /** Uploads an .xlsx converted to a Google Sheet; its id. */
  async uploadAsSheet(name: string, xlsx: Uint8Array, folderId: string | null): Promise<string> {
    const file = await this.paced(null, () =>
      this.drive.files.create(
        {
          requestBody: { name, mimeType: SHEET, ...(folderId ? { parents: [folderId] } : {}) },
          media: { mimeType: XLSX, body: Readable.from([Buffer.from(xlsx)]) },
          fields: 'id',
          supportsAllDrives: true,
        },
        this.call,
      ),
    );
    if (!file.id) throw new Error('Drive gave no id for the uploaded file');
    return file.id;
  }

  /** The sheets of a spreadsheet: title → sheetId. */
  async sheetIds(spreadsheetId: string): Promise<Map<string, number>> {
    const book = await this.paced(this.reads, () =>
      this.sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title)' }, this.call),
    );
    return new Map((book.sheets ?? []).map((s) => [s.properties?.title ?? '', s.properties?.sheetId ?? -1]));
  }

  async batchUpdate(spreadsheetId: string, requests: sheets_v4.Schema$Request[]): Promise<void> {
    await this.paced(this.writes, () =>
      this.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } }, this.call),
    );
  }

  async share(fileId: string, email: string): Promise<void> {
    await this.paced(null, () =>
      this.drive.permissions.create(
        {
          fileId,
          sendNotificationEmail: true,
          supportsAllDrives: true,
          requestBody: { type: 'user', role: 'writer', emailAddress: email },
        },
        this.call,
      ),
    );
  }

  /** Drive's modifiedTime of a file (RFC 3339). */
  async modifiedTime(fileId: string): Promise<string> {
    const file = await this.paced(null, () =>
      this.drive.files.get({ fileId, fields: 'modifiedTime', supportsAllDrives: true }, this.call),
    );
    if (!file.modifiedTime) throw new Error('Drive gave no modifiedTime');
    return file.modifiedTime;
  }

  /**
   * The named sheets' values in one batchGet: unformatted, dates as serial numbers, as Excel's cells hold them.
   * Sheets has no `_xHHHH_` escapes (Drive's conversion of an .xlsx decodes them), so nothing is decoded here: a
   * literal `_x000D_` an agency types stays that text. The shared reader's text gate cleans every cell.
   */
  async readSheets(spreadsheetId: string, names: readonly string[]): Promise<Grid> {
    const answer = await this.paced(this.reads, () =>
      this.sheets.spreadsheets.values.batchGet(
        {
          spreadsheetId,
          ranges: names.map(sheetRange),
          valueRenderOption: 'UNFORMATTED_VALUE',
          dateTimeRenderOption: 'SERIAL_NUMBER',
          majorDimension: 'ROWS',
        },
        this.call,
      ),
    );
    const grid: Grid = {};
    names.forEach((name, i) => {
      const rows = (answer.valueRanges?.[i]?.values ?? []) as unknown[][];
      grid[name] = rows.map((row) =>
        row.map((v): CellValue => (v === '' || v === undefined ? null : (v as CellValue))),
      );
    });
    return grid;
  }

  async createSpreadsheet(title: string, sheetTitles: string[]): Promise<string> {
    const book = await this.paced(this.writes, () =>
      this.sheets.spreadsheets.create(
        {
          requestBody: {
            properties: { title, locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' },
            sheets: sheetTitles.map((t) => ({ properties: { title: t } })),
          },
        },
        this.call,
      ),
    );
    if (!book.spreadsheetId) throw new Error('Sheets gave no id for the new spreadsheet');
    return book.spreadsheetId;
  }

  /** Replaces the values of the named sheets (cleared first), in two calls. */
  async replaceValues(spreadsheetId: string, grid: Grid): Promise<void> {
    const names = Object.keys(grid);
    await this.paced(this.writes, () =>
      this.sheets.spreadsheets.values.batchClear(
        { spreadsheetId, requestBody: { ranges: names.map(sheetRange) } },
        this.call,
      ),
    );
    await this.paced(this.writes, () =>
      this.sheets.spreadsheets.values.batchUpdate(
        {
          spreadsheetId,
          requestBody: {
            valueInputOption: 'RAW',
            data: names.map((n) => ({
              range: `${sheetRange(n)}!A1`,
              majorDimension: 'ROWS',
              values: grid[n]!.map((r) => r.map((v) => (v === null ? '' : v))),
            })),
          },
        },
        this.call,
      ),
    );
  }
}
