// The sidebar's calls to the sync service, made on the add-on's server side (UrlFetchApp): the page names a path
// under /api/v1 and never an address, and the access code is taken from the user's properties, so after sign-in
// it is not in the page. Everything the page sends is checked here, since the page is not trusted to.

export interface PageRequest { path: string; method: string; headers: Record<string, string>; body: string | null }
export interface PageResponse { status: number; body: string; contentType: string }

export interface Fetched { status: number; body: string; contentType: string }
/** UrlFetchApp.fetch, narrowed: throws when the service cannot be reached. */
export type Fetch = (url: string, init: { method: 'get' | 'post'; headers: Record<string, string>; payload?: string; contentType?: string }) => Fetched;

export const CODE_PROPERTY = 'plan-reporting.code';
const PATH = /^\/api\/v1\/[A-Za-z0-9._~%/-]{1,300}$/;
const FORWARDED = new Set(['idempotency-key']);

export class BadPageRequest extends Error {}

/** The Bearer code the page sent (only while signing in), else the stored one. */
function codeFor(headers: Record<string, string>, stored: string | null): string | null {
  const sent = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  const typed = /^Bearer\s+(\S{1,200})$/i.exec(sent.trim())?.[1];
  return typed ?? stored;
}

export function callService(serviceUrl: string, request: PageRequest, stored: string | null, fetch: Fetch): PageResponse {
  if (typeof request?.path !== 'string' || !PATH.test(request.path) || request.path.includes('..') || request.path.includes('//')) {
    throw new BadPageRequest(`path ${JSON.stringify(String(request?.path).slice(0, 80))}`);
  }
  const method = String(request.method).toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw new BadPageRequest(`method ${method.slice(0, 10)}`);
  if (request.body !== null && typeof request.body !== 'string') throw new BadPageRequest('body');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) if (FORWARDED.has(k.toLowerCase()) && typeof v === 'string') headers[k] = v.slice(0, 200);
  const code = codeFor(request.headers ?? {}, stored);
  if (code) headers.Authorization = `Bearer ${code}`;
  const contentType = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  try {
    const res = fetch(`${serviceUrl.replace(/\/+$/, '')}${request.path}`, {
      method: method === 'GET' ? 'get' : 'post', headers,
      ...(request.body !== null ? { payload: request.body, contentType: typeof contentType === 'string' && contentType.length < 100 ? contentType : 'application/json' } : {}),
    });
    return { status: res.status, body: res.body, contentType: res.contentType };
  } catch {
    return { status: 0, body: '', contentType: '' };
  }
}
