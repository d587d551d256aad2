// One snapshot of one cloud region: the records of every listed resource type, and for each type whether
// the listing is complete. Checks read only this; they never call the cloud.

import type { DeepSourceId } from "../deep/deep-source.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";

/**
 * Why a listing is or is not complete. Anything but `complete` and `absent` makes the checks that need it
 * inconclusive. `absent`: the service is not in the region's catalog, so the region holds none of the type (checks
 * run over nothing, and reports still show the gap); `skipped`: a source below the API that is not enabled, which
 * says nothing about what exists.
 */
export type Coverage =
  | {
      status: "complete";
      count: number;
      requests: number;
      /**
       * Set when a source below the API stood in for the API listing ("API first, then the database"): the records
       * are the source's, and `apiFailure` says why the API could not list them.
       */
      source?: DeepSourceId | undefined;
      apiFailure?: string | undefined;
      /**
       * Set when the listing is complete only for what the API lets a scan name (Swift lists no accounts): which
       * part of the collection was listed and what was not seen. Reports show it as a gap, never as an all-clear.
       */
      scope?: string | undefined;
      /** How a source below the API read it, when it has more than one way (the ceph source: "python3-rbd", "rbd"). */
      via?: string | undefined;
    }
  | { status: "failed" | "forbidden" | "absent" | "truncated" | "skipped"; reason: string };

/**
 * Whether checks may take a listing as the region's whole truth: `complete`, or `absent` (the catalog has no such
 * service, so the region holds none: an empty listing, never a gap that makes a check inconclusive).
 */
export function coversRegion(
  coverage: Coverage | undefined,
): coverage is Extract<Coverage, { status: "complete" }> | (Coverage & { status: "absent" }) {
  return coverage?.status === "complete" || coverage?.status === "absent";
}

/**
 * The outcome of a point lookup (`GET /<resource>/{id}`) made to confirm that something is really gone:
 * `missing` only on a 404; `exists` on a 200; `unknown` on anything else (error, timeout, forbidden).
 */
export type Confirmation = "exists" | "missing" | "unknown";

/** The skew of one clock seen by the scanner: an API endpoint's `Date` header, or a service heartbeat. */
export interface ClockReading {
  source: string; // "endpoint:compute" or "compute.service:nova-compute@host1"
  skewMs: number; // remote minus local; positive = remote clock ahead
}

export interface Inventory {
  schemaVersion: 1;
  cloud: string;
  region: string;
  /** ISO 8601 time the listing started: the `now` of every age computed from this inventory. */
  scannedAt: string;
  /** Who scanned: the caller's own project must be in a complete project list. */
  caller: { userId: string; projectId: string | null; domainId: string | null };
  /**
   * Records as the API returned them (trimmed to the fields stacksweep needs), keyed by type.
   * Field names are OpenStack's own, so a saved inventory reads like the API's answers.
   */
  resources: Partial<Record<ResourceTypeId, Record<string, unknown>[]>>;
  coverage: Partial<Record<ResourceTypeId, Coverage>>;
  /**
   * Point lookups by type and id that confirm candidates (e.g. a deleted project), made as soon as the listings
   * they depend on are complete.
   */
  confirmations: Partial<Record<ResourceTypeId, Record<string, Confirmation>>>;
  clock: ClockReading[];
}
