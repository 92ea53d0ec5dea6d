// A local HTTP server answering the Sheets v4 and Drive v3 calls the service makes, so that the real googleapis
// clients run end to end: multipart uploads converted to spreadsheets (an .xlsx becomes its sheets' values),
// batchUpdate requests kept as sent, values read and written, permissions, modifiedTime. Every request must carry
// a self-signed JWT that verifies against the service account's public key. Faults (429, 5xx) can be queued.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createPublicKey, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CellValue, Grid } from '../../shared/workbook/grid.ts';
import { readXlsx } from '../../server/workbook/xlsx-reader.ts';

export interface StandinSheet {
  sheetId: number;
  title: string;
  hidden: boolean;
  values: CellValue[][];
}
export interface StandinBook {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  sheets: StandinSheet[];
  version: number;
  requests: Record<string, unknown>[];
  permissions: { emailAddress: string; role: string }[];
}

export const SERVICE_ACCOUNT = 'bao-cao@plan-reporting-test.iam.gserviceaccount.com';

/** A service-account key file (a fresh RSA key) in `dir`; its public key for the stand-in to verify tokens. */
export function serviceAccountKey(dir: string): { path: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const path = join(dir, 'service-account.json');
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: 'plan-reporting-test',
      private_key_id: 'key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: SERVICE_ACCOUNT,
      client_id: '1',
    }),
    { mode: 0o600 },
  );
  return { path, publicKey: createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })) };
}

const b64url = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

function a1ToIndex(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return { row: Number(m[2]) - 1, col: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 };
}
const unquote = (range: string) => {
  const name = range.split('!')[0]!;
  return name.startsWith("'") ? name.slice(1, -1).replaceAll("''", "'") : name;
};

export class GoogleStandin {
  readonly books = new Map<string, StandinBook>();
  readonly calls: { method: string; path: string }[] = [];
  private readonly faults: number[] = [];
  private server!: Server;
  url = '';
  private next = 1;

  constructor(private readonly publicKey: KeyObject) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests are answered with `status`. */
  failNext(count: number, status: number) {
    for (let i = 0; i < count; i++) this.faults.push(status);
  }

  /** A spreadsheet made by hand (an agency's own copy). */
  addBook(name: string, grid: Grid): string {
    const id = `sheet${String(this.next++).padStart(8, '0')}xyz`;
    this.books.set(id, {
      id,
      name,
      mimeType: 'application/vnd.google-apps.spreadsheet',
      parents: [],
      version: 1,
      requests: [],
      permissions: [],
      sheets: Object.entries(grid).map(([title, values], i) => ({
        sheetId: 1000 + i,
        title,
        hidden: false,
        values: values.map((r) => [...r]),
      })),
    });
    return id;
  }

  /** The user types into a sheet: values set from A1 (or one cell), the file's modifiedTime moves. */
  edit(id: string, title: string, change: { cell: string; value: CellValue } | { rows: CellValue[][] }) {
    const book = this.books.get(id)!;
    const sheet = book.sheets.find((s) => s.title === title)!;
    if ('rows' in change) sheet.values = change.rows.map((r) => [...r]);
    else {
      const { row, col } = a1ToIndex(change.cell);
      while (sheet.values.length <= row) sheet.values.push([]);
      while (sheet.values[row]!.length <= col) sheet.values[row]!.push(null);
      sheet.values[row]![col] = change.value;
    }
    book.version++;
  }

  count(method: string, pattern: RegExp) {
    return this.calls.filter((c) => c.method === method && pattern.test(c.path)).length;
  }

  private verify(req: IncomingMessage): string | null {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return 'no bearer token';
    const [h, p, sig] = token.split('.');
    if (!h || !p || !sig) return 'not a JWT';
    const header = JSON.parse(b64url(h).toString()) as { alg?: string; kid?: string };
    const claims = JSON.parse(b64url(p).toString()) as { iss?: string; sub?: string; scope?: string; exp?: number };
    if (header.alg !== 'RS256' || header.kid !== 'key-1') return 'wrong header';
    if (!createVerify('RSA-SHA256').update(`${h}.${p}`).verify(this.publicKey, b64url(sig))) return 'bad signature';
    if (claims.iss !== SERVICE_ACCOUNT || !claims.scope?.includes('https://www.googleapis.com/auth/spreadsheets'))
      return 'wrong claims';
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url!, 'http://x');
    const path = decodeURIComponent(url.pathname);
    this.calls.push({ method: req.method!, path });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
    };
    const fault = this.faults.shift();
    if (fault)
      return send(fault, {
        error: { code: fault, message: 'stand-in fault', status: fault === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE' },
      });
    const unauthorised = this.verify(req);
    if (unauthorised) return send(401, { error: { code: 401, message: unauthorised } });
    try {
      const answer = this.route(req.method!, path, url.searchParams, body, req.headers['content-type'] ?? '');
      return answer
        ? send(200, answer)
        : send(404, { error: { code: 404, message: `not found: ${req.method} ${path}` } });
    } catch (error) {
      return send(400, { error: { code: 400, message: (error as Error).message } });
    }
  }

  private book(id: string): StandinBook {
    const book = this.books.get(id);
    if (!book) throw new Error(`Requested entity was not found: ${id}`);
    return book;
  }
  private modified = (b: StandinBook) => new Date(Date.UTC(2026, 10, 1) + b.version * 1000).toISOString();

  private route(method: string, path: string, q: URLSearchParams, body: Buffer, type: string): unknown {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/upload/drive/v3/files') {
      const boundary = /boundary=([^;]+)/.exec(type)?.[1];
      if (q.get('uploadType') !== 'multipart' || !boundary) throw new Error('multipart upload expected');
      const parts = body
        .toString('latin1')
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => {
          const at = p.indexOf('\r\n\r\n');
          return { head: p.slice(0, at), body: Buffer.from(p.slice(at + 4).replace(/\r\n$/, ''), 'latin1') };
        });
      const meta = JSON.parse(parts[0]!.body.toString('utf8')) as {
        name: string;
        mimeType: string;
        parents?: string[];
      };
      if (meta.mimeType !== 'application/vnd.google-apps.spreadsheet')
        throw new Error('only conversions to Sheets are served here');
      const read = readXlsx(new Uint8Array(parts[1]!.body));
      if (!read.ok) throw new Error(`not an xlsx: ${read.error.code}`);
      const id = this.addBook(meta.name, read.grid);
      this.book(id).parents = meta.parents ?? [];
      return { id };
    }
    if (method === 'GET' && (m = /^\/drive\/v3\/files\/([\w-]+)$/.exec(path))) {
      const b = this.book(m[1]!);
      return { modifiedTime: this.modified(b) };
    }
    if (method === 'POST' && (m = /^\/drive\/v3\/files\/([\w-]+)\/permissions$/.exec(path))) {
      const p = JSON.parse(body.toString()) as { emailAddress: string; role: string };
      this.book(m[1]!).permissions.push({ emailAddress: p.emailAddress, role: p.role });
      return { id: `perm-${this.next++}` };
    }
    if (method === 'POST' && path === '/v4/spreadsheets') {
      const spec = JSON.parse(body.toString()) as {
        properties: { title: string };
        sheets: { properties: { title: string } }[];
      };
      const id = this.addBook(
        spec.properties.title,
        Object.fromEntries(spec.sheets.map((s) => [s.properties.title, []])),
      );
      return { spreadsheetId: id };
    }
    if (method === 'GET' && (m = /^\/v4\/spreadsheets\/([\w-]+)$/.exec(path))) {
      return {
        sheets: this.book(m[1]!).sheets.map((s) => ({
          properties: { sheetId: s.sheetId, title: s.title, hidden: s.hidden },
        })),
      };
    }
    if (method === 'POST' && (m = /^\/v4\/spreadsheets\/([\w-]+):batchUpdate$/.exec(path))) {
      const b = this.book(m[1]!);
      type Req = {
        updateSheetProperties?: { properties: { sheetId: number; hidden: boolean } };
        addSheet?: { properties: { title: string } };
      };
      const { requests } = JSON.parse(body.toString()) as { requests: (Req & Record<string, unknown>)[] };
      for (const r of requests) {
        if (r.updateSheetProperties) {
          const p = r.updateSheetProperties.properties;
          const s = b.sheets.find((x) => x.sheetId === p.sheetId);
          if (!s) throw new Error('no such sheet');
          s.hidden = p.hidden;
        }
        if (r.addSheet)
          b.sheets.push({
            sheetId: 2000 + b.sheets.length,
            title: r.addSheet.properties.title,
            hidden: false,
            values: [],
          });
        b.requests.push(r);
      }
      b.version++;
      return { replies: requests.map(() => ({})) };
    }
    if (method === 'GET' && (m = /^\/v4\/spreadsheets\/([\w-]+)\/values:batchGet$/.exec(path))) {
      const b = this.book(m[1]!);
      if (q.get('valueRenderOption') !== 'UNFORMATTED_VALUE' || q.get('dateTimeRenderOption') !== 'SERIAL_NUMBER')
        throw new Error('unformatted values expected');
      return {
        spreadsheetId: b.id,
        valueRanges: q.getAll('ranges').map((range) => {
          const s = b.sheets.find((x) => x.title === unquote(range));
          if (!s) throw new Error(`Unable to parse range: ${range}`);
          // As the API answers: empty cells as "", trailing ones and empty trailing rows left out, no "values" when empty.
          const rows = s.values.map((r) => {
            const out = r.map((v) => (v === null ? '' : v));
            while (out.length && out.at(-1) === '') out.pop();
            return out;
          });
          while (rows.length && rows.at(-1)!.length === 0) rows.pop();
          return { range, majorDimension: 'ROWS', ...(rows.length ? { values: rows } : {}) };
        }),
      };
    }
    if (method === 'POST' && (m = /^\/v4\/spreadsheets\/([\w-]+)\/values:batchClear$/.exec(path))) {
      const b = this.book(m[1]!);
      for (const range of (JSON.parse(body.toString()) as { ranges: string[] }).ranges) {
        const s = b.sheets.find((x) => x.title === unquote(range));
        if (s) s.values = [];
      }
      b.version++;
      return { spreadsheetId: b.id };
    }
    if (method === 'POST' && (m = /^\/v4\/spreadsheets\/([\w-]+)\/values:batchUpdate$/.exec(path))) {
      const b = this.book(m[1]!);
      const { data, valueInputOption } = JSON.parse(body.toString()) as {
        valueInputOption: string;
        data: { range: string; values: CellValue[][] }[];
      };
      if (valueInputOption !== 'RAW') throw new Error('RAW expected');
      for (const d of data) {
        const s = b.sheets.find((x) => x.title === unquote(d.range));
        if (!s) throw new Error(`Unable to parse range: ${d.range}`);
        s.values = d.values.map((r) => r.map((v) => (v === '' ? null : v)));
      }
      b.version++;
      return { spreadsheetId: b.id };
    }
    return null;
  }
}
