// Neutron's and Octavia's `fields=` parameter: the client asks for only the attributes it needs.

/** The requested field names (`?fields=id&fields=name` or `?fields=id,name`), or undefined for all fields. */
export function requestedFields(query: URLSearchParams): string[] | undefined {
  const values = query.getAll("fields").flatMap((value) => value.split(","));
  const fields = values.map((value) => value.trim()).filter((value) => value.length > 0);
  return fields.length > 0 ? fields : undefined;
}

/** A copy of `record` with only `fields` (fields the record lacks are left out, as neutron does). */
export function selectFields(
  record: Record<string, unknown>,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  if (fields === undefined) return record;
  const selected: Record<string, unknown> = {};
  for (const field of fields) if (field in record) selected[field] = record[field];
  return selected;
}
