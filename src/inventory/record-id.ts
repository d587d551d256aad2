// The id of one inventory record: its declared id fields joined with "/" (most types: just `id`).
import type { ResourceType } from "./resource-type.ts";

/** Null when a declared id field is missing or not a string/number (a malformed record is never guessed at). */
export function recordId(type: Pick<ResourceType, "idFields">, record: Record<string, unknown>): string | null {
  // Most types have one id field: no array to build and join for each of a million records.
  if (type.idFields.length === 1) {
    const value = record[type.idFields[0]!];
    if (typeof value === "string") return value === "" ? null : value;
    return typeof value === "number" ? String(value) : null;
  }
  const parts: string[] = [];
  for (const field of type.idFields) {
    const value = record[field];
    if (typeof value === "string" && value !== "") parts.push(value);
    else if (typeof value === "number") parts.push(String(value));
    else return null;
  }
  return parts.join("/");
}
