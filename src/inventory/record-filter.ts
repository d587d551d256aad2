// Evaluates the declarative record filters of resource types (parent filters, reference conditions).
import type { RecordFilter } from "./resource-type.ts";

export function matchesFilters(record: Record<string, unknown>, filters: readonly RecordFilter[] | undefined): boolean {
  if (filters === undefined) return true;
  return filters.every((filter) => {
    const value = record[filter.field];
    if ("startsWith" in filter) return typeof value === "string" && value.startsWith(filter.startsWith);
    const scalar = value === undefined ? null : value;
    if ("equals" in filter) return filter.equals.some((wanted) => wanted === scalar);
    return !filter.notEquals.some((unwanted) => unwanted === scalar);
  });
}
