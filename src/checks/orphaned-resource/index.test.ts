import { describe, expect, it } from "vitest";
import { testInventory, TEST_ADMIN_PROJECT_ID } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { orphanedResource } from "./index.ts";

const GONE = "ce56d490d23e40899e0c1bf5cf99a96b";
const gone = { "identity.project": { [GONE]: "missing" as const } };

describe("orphaned-resource", () => {
  it("reports every owned type of a project that answered 404, each with its own delete", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [{ id: "s1", tenant_id: GONE, status: "ACTIVE", image: { id: "img1" } }],
        "block-storage.volume": [{ id: "v1", "os-vol-tenant-attr:tenant_id": GONE, status: "available" }],
        "network.port": [
          { id: "p1", project_id: GONE, device_owner: "compute:nova", device_id: "s1" },
          { id: "p2", project_id: GONE, device_owner: "network:router_interface", device_id: "r1" },
        ],
        "load-balancer.loadbalancer": [{ id: "lb1", project_id: GONE, provisioning_status: "ACTIVE" }],
      },
      confirmations: gone,
    });
    const detections = detect(orphanedResource, inventory);
    expect(detections.map((d) => [d.resourceType, d.resourceId, d.remediation?.[0]?.action])).toEqual([
      ["load-balancer.loadbalancer", "lb1", "loadbalancer.delete-cascade"],
      ["compute.server", "s1", "server.delete"],
      ["network.port", "p1", "port.delete"],
      ["network.port", "p2", "router.remove-interface"],
      ["block-storage.volume", "v1", "volume.delete"],
    ]);
    expect(detections[1]?.summary).toBe(`server owned by deleted project ${GONE}`);
    expect(detections[3]?.remediation?.[0]?.params).toEqual({ router_id: "r1" });
  });

  it("reports a deleted project's Swift containers with their objects and bytes, emptied before deletion", () => {
    const inventory = testInventory({
      resources: {
        "object-store.container": [
          { project_id: GONE, name: "backups", count: 1200, bytes: 5_368_709_120 },
          { project_id: TEST_ADMIN_PROJECT_ID, name: "mine", count: 1, bytes: 10 },
        ],
      },
      confirmations: gone,
    });
    const [detection, ...others] = detect(orphanedResource, inventory);
    expect(others).toEqual([]);
    expect(detection?.resourceId).toBe(`${GONE}/backups`);
    expect(detection?.summary).toBe(`container owned by deleted project ${GONE}: 1200 objects, 5368709120 bytes`);
    expect(detection?.evidence).toMatchObject({ count: 1200, bytes: 5_368_709_120 });
    expect(detection?.remediation?.[0]).toMatchObject({
      action: "container.delete",
      params: { project_id: GONE, container: "backups", objects: 1200, bytes: 5_368_709_120 },
    });
  });

  it("only reports a public image still booted by a live server, and a shared network, for an operator to decide", () => {
    const inventory = testInventory({
      resources: {
        "image.image": [
          { id: "img-public", owner: GONE, visibility: "public", status: "active" },
          { id: "img-private", owner: GONE, visibility: "private", status: "active" },
        ],
        "compute.server": [
          { id: "s1", tenant_id: TEST_ADMIN_PROJECT_ID, status: "ACTIVE", image: { id: "img-public" } },
        ],
        "network.network": [{ id: "n1", project_id: GONE, shared: true, "router:external": false }],
      },
      confirmations: gone,
    });
    const actions = Object.fromEntries(
      detect(orphanedResource, inventory).map((d) => [d.resourceId, d.remediation?.[0]?.action]),
    );
    expect(actions).toEqual({ "img-public": "report", "img-private": "image.delete", n1: "report" });
  });

  it("does not fire on resources with no owner, of existing projects, or of projects not confirmed deleted", () => {
    const inventory = testInventory({
      resources: {
        "network.network": [{ id: "n1", project_id: "", shared: true }],
        "network.port": [{ id: "p1", project_id: "", device_owner: "network:router_gateway" }],
        "compute.server": [
          { id: "s1", tenant_id: TEST_ADMIN_PROJECT_ID, status: "ACTIVE" },
          { id: "s2", tenant_id: "timeout", status: "ACTIVE" },
        ],
      },
      confirmations: { "identity.project": { timeout: "unknown" } },
    });
    expect(detect(orphanedResource, inventory)).toEqual([]);
  });

  it("is inconclusive when Keystone's list is truncated, and skips an owned type whose listing failed", () => {
    const truncated = testInventory({
      resources: { "compute.server": [{ id: "s1", tenant_id: GONE }] },
      incomplete: { "identity.project": { status: "truncated", reason: "Keystone list_limit" } },
      confirmations: gone,
    });
    expect(runCheck(orphanedResource, truncated).inconclusive).toBe(true);
    const volumesFailed = testInventory({
      resources: {
        "compute.server": [{ id: "s1", tenant_id: GONE, status: "ACTIVE" }],
        "block-storage.volume": [{ id: "v1", "os-vol-tenant-attr:tenant_id": GONE }],
      },
      incomplete: { "block-storage.volume": { status: "failed", reason: "cinder 503" } },
      confirmations: gone,
    });
    expect(detect(orphanedResource, volumesFailed).map((d) => d.resourceId)).toEqual(["s1"]);
  });
});
