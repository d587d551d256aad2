// Neutron's and Octavia's `fields=` parameter: the client asks for only the attributes it needs.

import { copyWithout, isInternalFlag } from "./record-copy.ts";

/** The requested field names (`?fields=id&fields=name` or `?fields=id,name`), or undefined for all fields. */
export function requestedFields(query: URLSearchParams): string[] | undefined {
  const values = query.getAll("fields").flatMap((value) => value.split(","));
  const fields = values.map((value) => value.trim()).filter((value) => value.length > 0);
  return fields.length > 0 ? fields : undefined;
}

/** A copy of `record` without fakecloud's internal flags. */
function withoutInternalFlags(record: Record<string, unknown>): Record<string, unknown> {
  return copyWithout(record, isInternalFlag);
}

/**
 * How one request shows records: without fakecloud's internal flags, and with only `fields` when given (fields
 * a record lacks are left out, as neutron does). Built once per request, so that a page of records with a few
 * fields asked for costs those fields, not a full copy of every record first.
 */
export function fieldProjection(
  fields: readonly string[] | undefined,
): (record: Record<string, unknown>) => Record<string, unknown> {
  if (fields === undefined) return withoutInternalFlags;
  const shown = fields.filter((field) => !isInternalFlag(field));
  return (record) => {
    const selected: Record<string, unknown> = {};
    for (const field of shown) if (field in record) selected[field] = record[field];
    return selected;
  };
}
