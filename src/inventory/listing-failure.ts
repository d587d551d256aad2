// Turns an error raised while listing a resource type into the coverage that explains it, so a check that needs
// the type is reported inconclusive with a reason an operator can act on.
import type { Coverage } from "./inventory.ts";

export type IncompleteCoverage = Exclude<Coverage, { status: "complete" }>;

/**
 * Classified by the session's error names and fields (src/openstack/errors.ts): a Keystone `"truncated": true`
 * is `truncated`; an HTTP 403 is `forbidden` (e.g. amphorae without the admin role: "no amphora checks", never
 * "no amphorae"); anything else (5xx after retries, timeout, unreachable, malformed answer, a marker loop) is `failed`.
 */
export function listingFailure(error: unknown): IncompleteCoverage {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : "";
  if (name === "TruncatedListingError") return { status: "truncated", reason: message };
  const status = statusOf(error);
  if (status === 403) return { status: "forbidden", reason: message };
  return { status: "failed", reason: message === "" ? name || "unknown error" : message };
}

function statusOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null || !("status" in error)) return null;
  return typeof error.status === "number" ? error.status : null;
}
