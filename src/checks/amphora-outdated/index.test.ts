import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { amphoraOutdated } from "./index.ts";

const DAY = 86_400;
const amphora = (id: string, daysOld: number, imageId: string) => ({
  id,
  status: "ALLOCATED",
  loadbalancer_id: "lb1",
  image_id: imageId,
  created_at: agoNaive(daysOld * DAY),
  updated_at: agoNaive(60),
});
const images = [
  { id: "img-old", status: "active", tags: ["amphora"], created_at: agoNaive(60 * DAY) },
  { id: "img-new", status: "active", tags: ["amphora"], created_at: agoNaive(5 * DAY) },
  { id: "img-newer-not-amphora", status: "active", tags: [], created_at: agoNaive(DAY) },
];

describe("amphora-outdated", () => {
  it("reports amphorae older than 30 days (from created_at) or built from an older amphora image", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [
          amphora("a1", 45, "img-new"),
          amphora("a2", 3, "img-old"),
          amphora("a3", 3, "img-new"),
        ],
        "image.image": images,
      },
    });
    const detections = detect(amphoraOutdated, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["a1", "amphora due for rotation: 45d old"],
      ["a2", "amphora due for rotation: built from an older amphora image"],
    ]);
    expect(detections[0]?.remediation?.[0]).toMatchObject({
      action: "loadbalancer.failover",
      params: { loadbalancer_id: "lb1" },
    });
  });

  it("judges by age alone when images cannot be listed", () => {
    const inventory = testInventory({
      resources: { "load-balancer.amphora": [amphora("a1", 3, "img-old")], "image.image": images },
      incomplete: { "image.image": { status: "failed", reason: "glance 500" } },
    });
    expect(detect(amphoraOutdated, inventory)).toEqual([]);
  });

  it("is inconclusive when amphorae cannot be listed", () => {
    const inventory = testInventory({
      incomplete: { "load-balancer.amphora": { status: "forbidden", reason: "403" } },
    });
    expect(runCheck(amphoraOutdated, inventory).inconclusive).toBe(true);
  });
});
