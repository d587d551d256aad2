import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect } from "../support/check-harness.ts";
import { zoneStuckPending } from "./index.ts";

const zone = (id: string, status: string, action: string, updatedSecondsAgo: number | null) => ({
  id,
  name: `${id}.example.org.`,
  project_id: "p1",
  status,
  action,
  created_at: ago(30 * 86400).replace("Z", ""),
  updated_at: updatedSecondsAgo === null ? null : ago(updatedSecondsAgo).replace("Z", ""),
});

describe("zone-stuck-pending", () => {
  it("reports zones PENDING past the threshold, with the change they wait for", () => {
    const inventory = testInventory({
      resources: { "dns.zone": [zone("z1", "PENDING", "DELETE", 2 * 3600), zone("z2", "PENDING", "UPDATE", 600)] },
    });
    const detections = detect(zoneStuckPending, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["z1", "zone z1.example.org. PENDING (DELETE) for 2h"],
    ]);
    expect(detections[0]?.evidence).toMatchObject({ status: "PENDING", action: "DELETE" });
  });

  it("ages a zone never updated from its creation, and honours an operator's threshold", () => {
    const inventory = testInventory({ resources: { "dns.zone": [zone("z1", "PENDING", "CREATE", null)] } });
    expect(detect(zoneStuckPending, inventory).map((d) => d.summary)).toEqual([
      "zone z1.example.org. PENDING (CREATE) for 30d",
    ]);
    expect(detect(zoneStuckPending, inventory, { maxAgeSeconds: 40 * 86400 })).toEqual([]);
  });
});
