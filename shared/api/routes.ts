// The route table of the API under /api/v1: each route's method, path, the role it serves and its request and answer
// schemas. The server registers every route from it (server/http/route.ts), the panes' client and the city page build
// their URLs from it (`pathOf`): a path is written here once.
import type * as z from 'zod';
import {
  ContactsRequest, CorrectionsPatch, ExceptionRequest, MasterSourceRequest, MeAnswer, NewAccount, NewAgency, OpenPeriod,
  PeriodDuty, Receipt, ReviewRequest,
} from './contract.ts';

/** Who may call a route: an agency's code, a coordinator, any staff account (coordinator or viewer), or anyone. */
export type Role = 'agency' | 'coordinator' | 'staff' | 'public';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec<P extends string = string, Req extends z.ZodType | null = z.ZodType | null> {
  method: Method;
  /** The path under /api/v1, with `:name` params. */
  path: P;
  role: Role;
  /** The JSON body's schema; null when the route takes no JSON body (or takes a file, read by its handler). */
  request: Req;
  /** The JSON answer's schema; 'file' for a download; null for JSON whose schema is not declared yet. */
  answer: z.ZodType | 'file' | null;
}

const r = <P extends string, Req extends z.ZodType | null = null>(method: Method, path: P, role: Role,
  request: Req = null as Req, answer: RouteSpec['answer'] = null): RouteSpec<P, Req> => ({ method, path, role, request, answer });

const PERIOD = '/plans/:plan/periods/:period';

export const ROUTES = {
  health: r('GET', '/health', 'public'),

  // An agency's own duties and reports (server/http/routes/agency.ts).
  me: r('GET', '/me', 'agency', null, MeAnswer),
  periodDuty: r('GET', `${PERIOD}/me`, 'agency', null, PeriodDuty),
  template: r('GET', `${PERIOD}/template.xlsx`, 'agency', null, 'file'),
  /** The body is read as bytes and checked in the reader pool (ReportPayload), not by the route helper. */
  submitReport: r('POST', `${PERIOD}/reports`, 'agency', null, Receipt),
  submitWorkbook: r('POST', `${PERIOD}/workbooks`, 'agency', null, Receipt),
  ownSubmissions: r('GET', `${PERIOD}/submissions`, 'agency'),

  // Agencies' codes, staff accounts, reminders, contacts and the audit log (server/http/routes/admin.ts).
  agencies: r('GET', '/agencies', 'staff'),
  issueCode: r('POST', '/agencies/:id/access-code', 'coordinator'),
  revokeCodes: r('DELETE', '/agencies/:id/access-code', 'coordinator'),
  accounts: r('GET', '/accounts', 'staff'),
  addAccount: r('POST', '/accounts', 'coordinator', NewAccount),
  revokeAccount: r('DELETE', '/accounts/:id', 'coordinator'),
  remindersPreview: r('GET', '/reminders/preview', 'staff'),
  setContacts: r('PUT', '/directories/:id/agencies/:agencyId/contacts', 'coordinator', ContactsRequest),
  audit: r('GET', '/audit', 'staff'),

  // Plans: import, review, corrections, publication; the directory (server/http/routes/plans.ts).
  plans: r('GET', '/plans', 'staff'),
  importPlan: r('POST', '/plans', 'coordinator'),
  plan: r('GET', '/plans/:plan', 'staff'),
  planSection: r('GET', '/plans/:plan/sections/:section', 'staff'),
  correctPlan: r('PATCH', '/plans/:plan', 'coordinator', CorrectionsPatch),
  publishPlan: r('POST', '/plans/:plan/publish', 'coordinator'),
  archivePlan: r('POST', '/plans/:plan/archive', 'coordinator'),
  directory: r('GET', '/directories/:id', 'staff'),
  addAgency: r('POST', '/directories/:id/agencies', 'coordinator', NewAgency),

  // Periods, reviews, masters and reports (server/http/routes/periods.ts).
  periods: r('GET', '/plans/:plan/periods', 'staff'),
  openNewPeriod: r('POST', '/plans/:plan/periods', 'coordinator', OpenPeriod),
  deletePeriod: r('DELETE', PERIOD, 'coordinator'),
  openPeriod: r('POST', `${PERIOD}/open`, 'coordinator'),
  closePeriod: r('POST', `${PERIOD}/close`, 'coordinator'),
  lockPeriod: r('POST', `${PERIOD}/lock`, 'coordinator'),
  submission: r('GET', `${PERIOD}/submissions/:submissionId`, 'staff'),
  review: r('POST', `${PERIOD}/submissions/:submissionId/review`, 'coordinator', ReviewRequest),
  masterSource: r('POST', `${PERIOD}/master-source`, 'coordinator', MasterSourceRequest),
  grantException: r('POST', `${PERIOD}/exceptions`, 'coordinator', ExceptionRequest),
  status: r('GET', `${PERIOD}/status`, 'staff'),
  masterFile: r('GET', `${PERIOD}/master.xlsx`, 'staff', null, 'file'),
  buildMaster: r('POST', `${PERIOD}/master`, 'coordinator'),
  reportFile: r('GET', `${PERIOD}/report.docx`, 'staff', null, 'file'),
  report: r('GET', `${PERIOD}/report`, 'staff'),
  templatesZip: r('GET', `${PERIOD}/templates.zip`, 'staff', null, 'file'),
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;

/** The names of a path's `:params`: '/plans/:plan/periods/:period' → 'plan' | 'period'. */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}` ? Name : never;

/** A route's path with its params filled in (each URL-encoded), under /api/v1 or not. */
export function pathOf<P extends string>(route: RouteSpec<P, z.ZodType | null>, params: Record<ParamsOf<P>, string>, query?: Record<string, string>): string {
  const values = params as Record<string, string>;
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${route.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const search = Object.entries(query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return search ? `${path}?${search}` : path;
}

export const API_BASE = '/api/v1';
