// JSON the store keeps (plans, directories, reports, reviews' comments, pulls' findings, the audit's values) is read
// back through its schema, never cast. Each row records the version of its JSON's shape (a `json_version` column; rows
// from before it read as 1): a later change of shape adds a version here and a migration, so an old row still reads.
import type { z } from 'zod';

/** Thrown when what the store holds no longer matches its schema. */
export class StoreDamaged extends Error {}

/**
 * The shapes one stored JSON value has had, by version, each read into today's type; `current` is the one written. A
 * new shape: its schema under the next number, the previous ones transformed into it (`Old.transform(upgrade)`).
 */
export interface StoredShape<T> {
  current: number;
  versions: Readonly<Record<number, z.ZodType<T>>>;
}
export const shape = <T>(schema: z.ZodType<T>): StoredShape<T> => ({ current: 1, versions: { 1: schema } });

/** Parses a stored JSON text of the given shape version (null: a row from before versions, read as 1). */
export function parseStored<T>(
  stored: StoredShape<T>,
  version: number | null | undefined,
  json: string,
  what: string,
): T {
  const schema = stored.versions[version ?? 1];
  if (!schema)
    throw new StoreDamaged(
      `stored ${what} has the shape version ${version}, which this version of the service does not know`,
    );
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StoreDamaged(`stored ${what} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new StoreDamaged(`stored ${what} does not match its schema at "${parsed.error.issues[0]!.path.join('.')}"`);
  return parsed.data;
}
