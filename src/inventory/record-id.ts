// The id of one inventory record: its declared id fields joined with "/" (most types: just `id`).
import type { ResourceType } from "./resource-type.ts";

/** Null when a declared id field is missing or not a string/number (a malformed record is never guessed at). */
export function recordId(type: Pick<ResourceType, "idFields">, record: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const field of type.idFields) {
    const value = record[field];
    if (typeof value === "string" && value !== "") parts.push(value);
    else if (typeof value === "number") parts.push(String(value));
    else return null;
  }
  return parts.join("/");
}
