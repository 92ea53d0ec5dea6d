// The one gate of a request body (or query) a route checks with its schema: parsed, or refused with the catalogue's
// 400 naming the first field that failed (shared/api/problems.ts words it per body).
import type * as z from 'zod';
import type { BodyKind } from '../../shared/api/problems.ts';
import { problem } from './problem.ts';

type Issue = z.core.$ZodIssue;
const path = (i: Issue) => i.path.join('.');
/** Which field a refusal names: the path of the first issue, or the one field the body has. */
const FIELD: Record<BodyKind, (i: Issue) => string> = {
  account: (i) => String(i.path[0] ?? 'name'),
  contacts: path,
  period: () => 'id',
  review: path,
  'master-source': () => 'acceptedOnly',
  exception: path,
  correction: path,
  agency: path,
  report: path,
};

/**
 * The body parsed by its schema, or a 400 `bad-payload` naming the field, worded for that kind of body. The value is
 * `.data`, as a successful `safeParse` has it.
 */
export function validBody<S extends z.ZodType>(schema: S, body: unknown, kind: BodyKind): { data: z.output<S> } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { data: parsed.data };
  const first = parsed.error.issues[0]!;
  const field = FIELD[kind](first);
  throw problem('bad-payload', { body: kind, field, message: first.message }, { field });
}

/** The query parsed by its schema, or a 400 `bad-query` naming the parameter. */
export function validQuery<S extends z.ZodType>(schema: S, query: unknown): { data: z.output<S> } {
  const parsed = schema.safeParse(query);
  if (parsed.success) return { data: parsed.data };
  const field = String(parsed.error.issues[0]!.path[0] ?? 'query');
  throw problem('bad-query', { field }, { field });
}
