// The route table of the API under /api/v1: each route's method, path and role (shared/api/route-paths.ts, where a
// path is written once) with its request and answer schemas (shared/api/contract.ts). The server registers every
// route from it (server/http/route.ts); the panes' client and the city page build their URLs from it (`pathOf`).
import type * as z from 'zod';
import {
  AgencyContacts,
  MasterSource,
  MeAnswer,
  NewAccount,
  NewAgency,
  OpenPeriod,
  PeriodDuty,
  PeriodException,
  Receipt,
  ReviewRequest,
} from './contract.ts';
import { CorrectionsPatch } from '../plan/corrections.ts';
import type { BodyKind } from './problems.ts';
import { ROUTE_PATHS, type RouteName, type RoutePath } from './route-paths.ts';

export {
  API_BASE,
  pathOf,
  ROUTE_PATHS,
  type Method,
  type ParamsOf,
  type Role,
  type RouteName,
  type RoutePath,
} from './route-paths.ts';

/** 'file' for a download; null for a JSON answer whose schema is not declared yet. */
export type AnswerSchema = z.ZodType | 'file' | null;

export interface RouteSpec<
  P extends string = string,
  Req extends z.ZodType | null = z.ZodType | null,
> extends RoutePath<P> {
  /** The JSON body's schema, read by the route helper; null when the route takes no JSON body, or a body its handler reads. */
  request: Req;
  /** What the body is, for the words of its refusal (shared/api/problems.ts); null without a request schema. */
  body: BodyKind | null;
  answer: AnswerSchema;
}

/** The schemas of the routes that have one; every other route takes no JSON body and its answer is not declared yet. */
const SCHEMAS = {
  me: { answer: MeAnswer },
  periodDuty: { answer: PeriodDuty },
  template: { answer: 'file' },
  // The report's body is read as bytes and checked in the reader pool (ReportPayload), not by the route helper.
  submitReport: { answer: Receipt },
  submitWorkbook: { answer: Receipt },
  addAccount: { request: NewAccount, body: 'account' },
  setContacts: { request: AgencyContacts, body: 'contacts' },
  correctPlan: { request: CorrectionsPatch, body: 'correction' },
  addAgency: { request: NewAgency, body: 'agency' },
  openNewPeriod: { request: OpenPeriod, body: 'period' },
  review: { request: ReviewRequest, body: 'review' },
  masterSource: { request: MasterSource, body: 'master-source' },
  grantException: { request: PeriodException, body: 'exception' },
  masterFile: { answer: 'file' },
  reportFile: { answer: 'file' },
  templatesZip: { answer: 'file' },
} as const satisfies { [K in RouteName]?: { request: z.ZodType; body: BodyKind } | { answer: AnswerSchema } };

type Schemas = typeof SCHEMAS;
type RequestOf<K extends RouteName> = K extends keyof Schemas
  ? Schemas[K] extends { request: infer R extends z.ZodType }
    ? R
    : null
  : null;

/** The route table: every route with its schemas. */
export const ROUTES = Object.fromEntries(
  Object.entries(ROUTE_PATHS).map(([name, route]) => {
    type Entry = { request?: z.ZodType; body?: BodyKind; answer?: AnswerSchema };
    const schemas: Entry = (SCHEMAS as Record<string, Entry>)[name] ?? {};
    return [
      name,
      { ...route, request: schemas.request ?? null, body: schemas.body ?? null, answer: schemas.answer ?? null },
    ];
  }),
) as {
  [K in RouteName]: (typeof ROUTE_PATHS)[K] & { request: RequestOf<K>; body: BodyKind | null; answer: AnswerSchema };
};
