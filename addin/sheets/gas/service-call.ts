// The sidebar's calls to the sync service, made on the add-on's server side (UrlFetchApp): the page names a path
// under /api/v1 and never an address, and the access code is taken from the user's properties, so after sign-in
// it is not in the page. Everything the page sends is checked here, since the page is not trusted to.

export interface PageRequest {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}
export interface PageResponse {
  status: number;
  body: string;
  contentType: string;
}

export interface Fetched {
  status: number;
  body: string;
  contentType: string;
}
/** UrlFetchApp.fetch, narrowed: throws when the service cannot be reached. */
export type Fetch = (
  url: string,
  init: { method: 'get' | 'post'; headers: Record<string, string>; payload?: string; contentType?: string },
) => Fetched;

export const CODE_PROPERTY = 'plan-reporting.code';
/** A segment of a path under /api/v1 once decoded: the service's ids are slugs, its files plain names ('.', '..' never). */
const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,99}$/;
/** RFC 9110 token characters: a header value made of them cannot carry CR, LF or anything that splits a header. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const HEADER_VALUES: Record<string, RegExp> = {
  'idempotency-key': new RegExp(`^${TOKEN}$`),
  // type/subtype, then parameters whose values are tokens or quoted strings of printable ASCII.
  'content-type': new RegExp(`^${TOKEN}/${TOKEN}(?:[ \t]*;[ \t]*${TOKEN}=(?:${TOKEN}|"[ !#-\\[\\]-~]*"))*$`),
};

export class BadPageRequest extends Error {}

/** The Bearer code the page sent (only while signing in), else the stored one. */
function codeFor(headers: Record<string, string>, stored: string | null): string | null {
  const sent = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  const typed = /^Bearer\s+(\S{1,200})$/i.exec(sent.trim())?.[1];
  return typed ?? stored;
}

/**
 * The path the page asked for, decoded and checked segment by segment, as the service's URL parser would see it once
 * normalised: '%2e%2e' is '..' here too. What is sent is the checked path itself, so the two cannot differ.
 */
function checkedPath(path: unknown): string {
  const refuse = () => new BadPageRequest(`path ${JSON.stringify(String(path).slice(0, 80))}`);
  if (typeof path !== 'string' || path.length > 300 || !path.startsWith('/api/v1/')) throw refuse();
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw refuse();
  }
  const segments = decoded.slice('/api/v1/'.length).split('/');
  if (!segments.every((s) => SEGMENT.test(s))) throw refuse();
  return `/api/v1/${segments.join('/')}`;
}

/** The headers the page may set, their values tokens only (a CR or LF would add headers of its own). */
function checkedHeader(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).filter(([k]) => k.toLowerCase() === name);
  if (found.length === 0) return undefined;
  const value = found[0]![1];
  if (found.length > 1 || typeof value !== 'string' || value.length > 200 || !HEADER_VALUES[name]!.test(value))
    throw new BadPageRequest(`header ${name}`);
  return value;
}

export function callService(
  serviceUrl: string,
  request: PageRequest,
  stored: string | null,
  fetch: Fetch,
): PageResponse {
  const path = checkedPath(request?.path);
  const method = String(request.method).toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw new BadPageRequest(`method ${method.slice(0, 10)}`);
  if (request.body !== null && typeof request.body !== 'string') throw new BadPageRequest('body');
  const headers: Record<string, string> = {};
  const key = checkedHeader(request.headers, 'idempotency-key');
  if (key !== undefined) headers['Idempotency-Key'] = key;
  const contentType = checkedHeader(request.headers, 'content-type');
  const code = codeFor(request.headers ?? {}, stored);
  if (code) headers.Authorization = `Bearer ${code}`;
  try {
    const res = fetch(`${serviceUrl.replace(/\/+$/, '')}${path}`, {
      method: method === 'GET' ? 'get' : 'post',
      headers,
      ...(request.body !== null ? { payload: request.body, contentType: contentType ?? 'application/json' } : {}),
    });
    return { status: res.status, body: res.body, contentType: res.contentType };
  } catch {
    return { status: 0, body: '', contentType: '' };
  }
}
