// Reads the findings filters of `/api/findings` and the dashboard from a URL's query, rejecting bad values with
// a message naming the parameter.

import { SEVERITIES, type Severity } from "../checks/severity.ts";
import type { FindingFilter } from "../store/finding-filter.ts";
import { parseDuration } from "../store/parse-duration.ts";

export const PAGE_SIZE = 200;

export class QueryError extends Error {
  override readonly name = "QueryError";
}

/** `get(name)` returns every value of a repeated parameter; comma-separated values are split too. */
export function findingFilterFromQuery(get: (name: string) => string[], now: Date): FindingFilter {
  const values = (name: string) =>
    get(name)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter((v) => v !== "");
  const one = (name: string) => values(name)[0];
  const filter: FindingFilter = {};
  const check = values("check");
  if (check.length > 0) filter.check = check;
  const severity = values("severity");
  for (const s of severity) {
    if (!SEVERITIES.includes(s as Severity))
      throw new QueryError(`severity: expected one of ${SEVERITIES.join(", ")}, got "${s}"`);
  }
  if (severity.length > 0) filter.severity = severity as Severity[];
  for (const key of ["cloud", "region", "project"] as const) {
    const value = one(key);
    if (value !== undefined) filter[key] = value;
  }
  const type = one("type");
  if (type !== undefined) filter.resourceType = type;
  const state = one("state") ?? "open";
  if (state !== "all") {
    if (state !== "open" && state !== "new" && state !== "resolved")
      throw new QueryError(`state: expected open, new, resolved or all, got "${state}"`);
    filter.state = state;
  }
  const since = one("since");
  if (since !== undefined) filter.since = new Date(now.getTime() - duration(since, "since") * 1000);
  const minAge = one("minAge");
  if (minAge !== undefined) filter.minAgeSeconds = duration(minAge, "minAge");
  const text = one("q");
  if (text !== undefined) filter.text = text;
  filter.limit = Math.min(integer(one("limit") ?? String(PAGE_SIZE), "limit"), 1000);
  filter.offset = integer(one("offset") ?? "0", "offset");
  return filter;
}

function duration(value: string, name: string): number {
  try {
    return parseDuration(value, name);
  } catch (error) {
    throw new QueryError(error instanceof Error ? error.message : String(error));
  }
}

function integer(value: string, name: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new QueryError(`${name}: expected a non-negative integer, got "${value}"`);
  return Number(value);
}
