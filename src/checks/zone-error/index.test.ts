import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect } from "../support/check-harness.ts";
import { zoneError } from "./index.ts";

// Designate writes times without a zone, in UTC ("2026-01-01T00:00:00.000000").
const zone = (id: string, status: string, action: string, updatedSecondsAgo: number) => ({
  id,
  name: `${id}.example.org.`,
  project_id: "p1",
  status,
  action,
  serial: 1767225600,
  pool_id: "794ccc2c-d751-44fe-b57f-8894c9f5c842",
  created_at: ago(86400).replace("Z", ""),
  updated_at: ago(updatedSecondsAgo).replace("Z", ""),
});

describe("zone-error", () => {
  it("reports zones in ERROR past the threshold, naming the change that failed", () => {
    const inventory = testInventory({
      resources: { "dns.zone": [zone("z1", "ERROR", "CREATE", 3600), zone("z2", "ERROR", "DELETE", 7200)] },
    });
    const detections = detect(zoneError, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["z1", "zone z1.example.org. in ERROR (CREATE) for 1h"],
      ["z2", "zone z2.example.org. in ERROR (DELETE) for 2h"],
    ]);
    expect(detections[0]?.evidence).toMatchObject({ status: "ERROR", action: "CREATE" });
    // Only a failed delete is repeated; any other change is the backend's to take.
    expect(detections[0]?.remediation?.map((s) => s.action)).toEqual(["report"]);
    expect(detections[1]?.remediation?.map((s) => s.action)).toEqual(["zone.delete"]);
  });

  it("leaves a recent ERROR to Designate's recovery, and ignores ACTIVE and PENDING zones", () => {
    const inventory = testInventory({
      resources: {
        "dns.zone": [
          zone("z1", "ERROR", "UPDATE", 300),
          zone("z2", "ACTIVE", "NONE", 86400),
          zone("z3", "PENDING", "CREATE", 86400),
        ],
      },
    });
    expect(detect(zoneError, inventory)).toEqual([]);
  });
});
