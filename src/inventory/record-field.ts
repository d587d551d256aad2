// Typed reads of one field of an API record: records are the services' own JSON, so a check never assumes a field
// exists or has the type the api-ref promises (old microversions, other drivers, a trimmed saved inventory).

export type ApiRecord = Record<string, unknown>;

/** A non-empty string, or null (absent, null, empty, or not a string). */
export function text(record: ApiRecord, field: string): string | null {
  const value = record[field];
  return typeof value === "string" && value !== "" ? value : null;
}

/** A finite number, or null. */
export function num(record: ApiRecord, field: string): number | null {
  const value = record[field];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** A boolean, or null when absent or not a boolean (never guessed from truthiness). */
export function bool(record: ApiRecord, field: string): boolean | null {
  const value = record[field];
  return typeof value === "boolean" ? value : null;
}

/** The objects of an array field (`attachments`, `volumes_attached`); non-objects are dropped. */
export function objects(record: ApiRecord, field: string): ApiRecord[] {
  const value = record[field];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is ApiRecord => typeof item === "object" && item !== null && !Array.isArray(item));
}

/** The strings of an array field (`tags`). */
export function strings(record: ApiRecord, field: string): string[] {
  const value = record[field];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === "string");
}

/** A nested object (`fault`, `external_gateway_info`), or null. */
export function object(record: ApiRecord, field: string): ApiRecord | null {
  const value = record[field];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as ApiRecord) : null;
}

/** Copies the named fields that are present, for a detection's evidence (absent fields are left out, not faked). */
export function pick(record: ApiRecord, fields: readonly string[]): Record<string, unknown> {
  const evidence: Record<string, unknown> = {};
  for (const field of fields) if (field in record) evidence[field] = record[field];
  return evidence;
}
