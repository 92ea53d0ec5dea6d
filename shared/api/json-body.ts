// JSON request bodies: parsed as body-parser's strict mode parses them, prototype keys refused; and the agency's report
// body, whose shape is counted on its text before it is parsed. The report body is read in the reader pool
// (server/workbook/upload-reader.ts), so this module answers with plain data, not HttpProblems; pure, so it sits in shared/.
import { ReportPayload } from './contract.ts';
import { wordProblem, type WordedProblem } from './problems.ts';
import { payloadShapeFault, shapeFaultWording } from '../workbook/payload-shape.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON body as body-parser's strict mode reads it: an object or an array (an empty body is {}), a BOM dropped. */
export function parseJsonBody(text: string): unknown {
  const trimmed = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (trimmed.length === 0) return {};
  const first = /\S/.exec(trimmed)?.[0];
  if (first !== '{' && first !== '[') throw new SyntaxError('a JSON body must be an object or an array');
  return JSON.parse(trimmed);
}

/** The first forbidden key anywhere in a parsed JSON value, or null. */
export function forbiddenKey(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      const x = (v as Record<string, unknown>)[key];
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return null;
}

/** A refusal as data (it crosses from the reader's thread): the route turns it into a problem. */
export interface BodyRefusal extends WordedProblem {
  extra: Record<string, unknown>;
}
export type ReportBodyRead = { ok: true; payload: ReportPayload } | { ok: false; refusal: BodyRefusal };

/**
 * An agency's report body: its shape counted first (no grid larger than the template's sheets can hold, nothing
 * deeper than a grid needs), then parsed, prototype keys refused, and checked against the payload's schema. The text is
 * the body decoded as UTF-8 by the caller (shared/ has no decoder of its own).
 */
export function readReportBody(text: string): ReportBodyRead {
  const fault = payloadShapeFault(text);
  if (fault) {
    const words = { body: 'report-size', field: fault.field, fault: shapeFaultWording(fault) } as const;
    return {
      ok: false,
      refusal: { ...wordProblem('bad-payload', words), extra: { field: fault.field, limit: fault.limit } },
    };
  }
  let body: unknown;
  try {
    body = parseJsonBody(text);
  } catch {
    return { ok: false, refusal: { ...wordProblem('malformed-json'), extra: {} } };
  }
  const key = forbiddenKey(body);
  if (key !== null) {
    return { ok: false, refusal: { ...wordProblem('forbidden-key', { key }), extra: { field: key } } };
  }
  const parsed = ReportPayload.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const field = first.path.join('.');
    return {
      ok: false,
      refusal: { ...wordProblem('bad-payload', { body: 'report', field, message: first.message }), extra: { field } },
    };
  }
  return { ok: true, payload: parsed.data };
}
