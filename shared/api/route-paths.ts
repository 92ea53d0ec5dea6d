// Where each route of the API under /api/v1 is: method, path (with `:params`) and the role it serves. This is where a
// path is written, once; shared/api/routes.ts adds each route's request and answer schemas to make the route table.
// It imports no schema (so no zod): the city page builds its URLs from it and stays small.

/** Who may call a route: an agency's code, a coordinator, any staff account (coordinator or viewer), or anyone. */
export type Role = 'agency' | 'coordinator' | 'staff' | 'public';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RoutePath<P extends string = string> {
  method: Method;
  /** The path under /api/v1, with `:name` params. */
  path: P;
  role: Role;
}

const p = <P extends string>(method: Method, path: P, role: Role): RoutePath<P> => ({ method, path, role });

const PERIOD = '/plans/:plan/periods/:period';

export const ROUTE_PATHS = {
  health: p('GET', '/health', 'public'),

  // An agency's own duties and reports (server/http/routes/agency.ts).
  me: p('GET', '/me', 'agency'),
  periodDuty: p('GET', `${PERIOD}/me`, 'agency'),
  template: p('GET', `${PERIOD}/template.xlsx`, 'agency'),
  submitReport: p('POST', `${PERIOD}/reports`, 'agency'),
  submitWorkbook: p('POST', `${PERIOD}/workbooks`, 'agency'),
  ownSubmissions: p('GET', `${PERIOD}/submissions`, 'agency'),

  // Agencies' codes, staff accounts, reminders, contacts and the audit log (server/http/routes/admin.ts).
  agencies: p('GET', '/agencies', 'staff'),
  issueCode: p('POST', '/agencies/:id/access-code', 'coordinator'),
  revokeCodes: p('DELETE', '/agencies/:id/access-code', 'coordinator'),
  accounts: p('GET', '/accounts', 'staff'),
  addAccount: p('POST', '/accounts', 'coordinator'),
  revokeAccount: p('DELETE', '/accounts/:id', 'coordinator'),
  remindersPreview: p('GET', '/reminders/preview', 'staff'),
  setContacts: p('PUT', '/directories/:id/agencies/:agencyId/contacts', 'coordinator'),
  audit: p('GET', '/audit', 'staff'),

  // Plans: import, review, corrections, publication; the directory (server/http/routes/plans.ts).
  plans: p('GET', '/plans', 'staff'),
  importPlan: p('POST', '/plans', 'coordinator'),
  plan: p('GET', '/plans/:plan', 'staff'),
  planSection: p('GET', '/plans/:plan/sections/:section', 'staff'),
  correctPlan: p('PATCH', '/plans/:plan', 'coordinator'),
  publishPlan: p('POST', '/plans/:plan/publish', 'coordinator'),
  archivePlan: p('POST', '/plans/:plan/archive', 'coordinator'),
  directory: p('GET', '/directories/:id', 'staff'),
  addAgency: p('POST', '/directories/:id/agencies', 'coordinator'),

  // Periods, reviews, masters and reports (server/http/routes/periods.ts).
  periods: p('GET', '/plans/:plan/periods', 'staff'),
  openNewPeriod: p('POST', '/plans/:plan/periods', 'coordinator'),
  deletePeriod: p('DELETE', PERIOD, 'coordinator'),
  openPeriod: p('POST', `${PERIOD}/open`, 'coordinator'),
  closePeriod: p('POST', `${PERIOD}/close`, 'coordinator'),
  lockPeriod: p('POST', `${PERIOD}/lock`, 'coordinator'),
  submission: p('GET', `${PERIOD}/submissions/:submissionId`, 'staff'),
  review: p('POST', `${PERIOD}/submissions/:submissionId/review`, 'coordinator'),
  masterSource: p('POST', `${PERIOD}/master-source`, 'coordinator'),
  grantException: p('POST', `${PERIOD}/exceptions`, 'coordinator'),
  status: p('GET', `${PERIOD}/status`, 'staff'),
  masterFile: p('GET', `${PERIOD}/master.xlsx`, 'staff'),
  buildMaster: p('POST', `${PERIOD}/master`, 'coordinator'),
  reportFile: p('GET', `${PERIOD}/report.docx`, 'staff'),
  report: p('GET', `${PERIOD}/report`, 'staff'),
  templatesZip: p('GET', `${PERIOD}/templates.zip`, 'staff'),
} as const satisfies Record<string, RoutePath>;

export type RouteName = keyof typeof ROUTE_PATHS;

export const API_BASE = '/api/v1';

/** The names of a path's `:params`: '/plans/:plan/periods/:period' → 'plan' | 'period'. */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** A route's path with its params filled in (each URL-encoded), and a query when given; relative to /api/v1. */
export function pathOf<P extends string>(
  route: RoutePath<P>,
  params: Record<ParamsOf<P>, string>,
  query?: Record<string, string>,
): string {
  const values = params as Record<string, string>;
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${route.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const search = Object.entries(query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return search ? `${path}?${search}` : path;
}
