// A builder of hand-made inventories for tests of checks and reports: every type complete unless said otherwise,
// and the caller's own project present, so a test states only what it is about.
import type { ClockReading, Confirmation, Coverage, Inventory } from "./inventory.ts";
import { RESOURCE_TYPE_IDS, type ResourceTypeId } from "./resource-type-id.ts";

export const TEST_ADMIN_PROJECT_ID = "0a1d2b3c4d5e6f708192a3b4c5d6e7f8";

export interface TestInventoryOptions {
  cloud?: string;
  region?: string;
  /** Default 2026-01-01T00:00:00Z. */
  scannedAt?: string;
  caller?: Inventory["caller"];
  /** Records per type. `identity.project` defaults to the caller's project alone. */
  resources?: Partial<Record<ResourceTypeId, Record<string, unknown>[]>>;
  /** Types whose listing is not complete, e.g. `{ "identity.project": { status: "truncated", reason: "..." } }`. */
  incomplete?: Partial<Record<ResourceTypeId, Exclude<Coverage, { status: "complete" }>>>;
  confirmations?: Partial<Record<ResourceTypeId, Record<string, Confirmation>>>;
  clock?: ClockReading[];
}

export function testInventory(options: TestInventoryOptions = {}): Inventory {
  const caller = options.caller ?? { userId: "admin-user", projectId: TEST_ADMIN_PROJECT_ID, domainId: "default" };
  const resources: Partial<Record<ResourceTypeId, Record<string, unknown>[]>> = {
    "identity.project": [{ id: TEST_ADMIN_PROJECT_ID, name: "admin", domain_id: "default", enabled: true }],
    ...options.resources,
  };
  const coverage: Partial<Record<ResourceTypeId, Coverage>> = {};
  for (const id of RESOURCE_TYPE_IDS) {
    coverage[id] = options.incomplete?.[id] ?? { status: "complete", count: resources[id]?.length ?? 0, requests: 1 };
  }
  return {
    schemaVersion: 1,
    cloud: options.cloud ?? "test-cloud",
    region: options.region ?? "RegionOne",
    scannedAt: options.scannedAt ?? "2026-01-01T00:00:00Z",
    caller,
    resources,
    coverage,
    confirmations: options.confirmations ?? {},
    clock: options.clock ?? [],
  };
}
