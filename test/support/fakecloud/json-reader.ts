// Test helper: typed reads of an API answer's JSON, failing loudly when the shape is not what a test expects.

export type Json = Record<string, unknown>;

/** The object under `key` (a test's expectation of a shape, so a missing one throws). */
export function obj(value: unknown, key: string): Json {
  const found = (value as Json | undefined)?.[key];
  if (found === null || typeof found !== "object" || Array.isArray(found))
    throw new Error(`expected an object at "${key}"`);
  return found as Json;
}

/** The list of objects under `key`. */
export function list(value: unknown, key: string): Json[] {
  const found = (value as Json | undefined)?.[key];
  if (!Array.isArray(found)) throw new Error(`expected a list at "${key}"`);
  return found as Json[];
}

/** The `field` of each object, e.g. the names of a listing. */
export function pluck(items: readonly Json[], field: string): unknown[] {
  return items.map((item) => item[field]);
}
