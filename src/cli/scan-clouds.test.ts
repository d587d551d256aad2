// Integration: the real Session and collect() against fakecloud over HTTP on loopback.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { resolveCloud } from "../config/clouds.ts";
import { startFakeCloud, type FakeCloud } from "../fakecloud/server.ts";
import type { Inventory } from "../inventory/inventory.ts";
import { loadInventories, saveInventories } from "../inventory/inventory-file.ts";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";
import { scanClouds, scanInventories, type ScanTarget } from "./scan-clouds.ts";

let cloud: FakeCloud;
let target: ScanTarget;
beforeEach(async () => {
  cloud = await startFakeCloud();
  target = { cloud: await resolveCloud({ env: fakeCloudEnvironment(cloud.cloudsYamlEntry()) }), allRegions: false };
});
afterEach(async () => {
  await cloud.close();
});

const checks = [...CHECKS.values()];

describe("scanClouds against fakecloud", () => {
  it("finds nothing in a healthy cloud, and says which listings it could not make", async () => {
    const result = await scanClouds([target], { checks });
    expect(result.clouds).toEqual([expect.objectContaining({ region: "RegionOne" })]);
    expect(result.clouds[0]?.error).toBeUndefined();
    expect(result.findings).toEqual([]);
    for (const entry of result.coverage) {
      // A service fakecloud does not serve is absent, never an empty "complete" listing.
      expect(["complete", "absent"]).toContain(entry.coverage.status);
    }
    expect(result.coverage.find((entry) => entry.type === "identity.project")?.coverage.status).toBe("complete");
    expect(result.requests.reduce((sum, count) => sum + count.count, 0)).toBeGreaterThan(0);
  });

  it("yields no finding and an inconclusive mark when listings are refused or garbled", async () => {
    cloud.faults.add({ kind: "malformed-json", service: "compute", path: "servers/detail" });
    cloud.faults.add({ kind: "malformed-json", service: "network", path: "ports" });
    const result = await scanClouds([target], { checks });
    expect(result.findings).toEqual([]);
    const server = result.coverage.find((entry) => entry.type === "compute.server")?.coverage;
    const port = result.coverage.find((entry) => entry.type === "network.port")?.coverage;
    expect(server).toMatchObject({ status: "failed" });
    expect(port).toMatchObject({ status: "failed" });
    const inconclusive = result.inconclusive.map((entry) => entry.check);
    expect(inconclusive).toContain("server-error");
    expect(inconclusive).toContain("port-device-missing");
  });

  it("replays a saved inventory to the same findings without calling the cloud", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stacksweep-scan-"));
    try {
      const inventories: Inventory[] = [];
      const live = await scanClouds([target], { checks, onInventory: (inventory) => inventories.push(inventory) });
      await saveInventories(join(dir, "inventory.json"), inventories);
      cloud.requestLog.reset();
      const replayed = scanInventories(await loadInventories(join(dir, "inventory.json")), { checks });
      expect(replayed.findings).toEqual(live.findings);
      expect(replayed.coverage).toEqual(live.coverage);
      expect(replayed.inconclusive).toEqual(live.inconclusive);
      expect(cloud.requestLog.list()).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
