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
    expect(detection?.summary).toBe(`container owned by deleted project ${GONE}: 5368709120 bytes in 1200 objects`);
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

  it("deletes a deleted project's stacks first and its zones whole, naming the names a zone still answers for", () => {
    const inventory = testInventory({
      resources: {
        "orchestration.stack": [{ id: "st1", stack_name: "web", project: GONE, stack_status: "CREATE_COMPLETE" }],
        "dns.zone": [{ id: "z1", name: "acme.org.", project_id: GONE, status: "ACTIVE", action: "NONE" }],
        "dns.recordset": [
          { id: "r1", zone_id: "z1", name: "acme.org.", type: "SOA", project_id: GONE },
          { id: "r2", zone_id: "z1", name: "acme.org.", type: "NS", project_id: GONE },
          { id: "r3", zone_id: "z1", name: "www.acme.org.", type: "A", project_id: GONE },
        ],
        "compute.server": [{ id: "s1", tenant_id: GONE, status: "ACTIVE", image: { id: "img1" } }],
      },
      confirmations: gone,
    });
    const detections = detect(orphanedResource, inventory);
    expect(detections.map((d) => [d.resourceType, d.resourceId, d.remediation?.[0]?.action])).toEqual([
      ["orchestration.stack", "web/st1", "stack.delete"],
      ["dns.zone", "z1", "zone.delete"],
      ["compute.server", "s1", "server.delete"],
    ]);
    expect(detections[0]?.remediation?.[0]?.params).toEqual({ stack_name: "web", stack_id: "st1" });
    expect(detections[1]?.evidence).toMatchObject({ status: "ACTIVE", recordsets: ["www.acme.org. A"] });
  });

  it("reports zones without their records when the recordsets could not be listed", () => {
    const inventory = testInventory({
      resources: { "dns.zone": [{ id: "z1", name: "acme.org.", project_id: GONE, status: "ACTIVE" }] },
      incomplete: { "dns.recordset": { status: "failed", reason: "HTTP 503" } },
      confirmations: gone,
    });
    const [detection] = detect(orphanedResource, inventory);
    expect(detection?.resourceId).toBe("z1");
    expect(detection?.evidence).not.toHaveProperty("recordsets");
  });

  it("deletes a deleted project's Manila debris in order: replicas and snapshots, shares, share networks", () => {
    const inventory = testInventory({
      resources: {
        "shared-file-system.share": [{ id: "sh1", project_id: GONE, status: "available" }],
        "shared-file-system.snapshot": [{ id: "snap1", project_id: GONE, share_id: "sh1", status: "available" }],
        "shared-file-system.share-network": [{ id: "sn1", project_id: GONE, status: "active" }],
        "shared-file-system.share-replica": [
          { id: "rep-active", share_id: "sh1", replica_state: "active", status: "available" },
          { id: "rep2", share_id: "sh1", replica_state: "in_sync", status: "available" },
          { id: "rep-live", share_id: "sh-live", replica_state: "in_sync", status: "available" },
        ],
      },
      confirmations: gone,
    });
    const detections = detect(orphanedResource, inventory);
    expect(detections.map((d) => [d.resourceId, d.remediation?.[0]?.action])).toEqual([
      ["rep-active", "report"],
      ["rep2", "share-replica.delete"],
      ["snap1", "share-snapshot.delete"],
      ["sh1", "share.delete"],
      ["sn1", "share-network.delete"],
    ]);
    // A replica names no owner: its share's owner is the evidence.
    expect(detections[1]?.evidence).toMatchObject({ "share_id → project_id": GONE, replica_state: "in_sync" });
  });

  it("judges no share replica while the shares they belong to are not completely listed", () => {
    const inventory = testInventory({
      resources: {
        "shared-file-system.share-replica": [{ id: "rep2", share_id: "sh1", replica_state: "in_sync" }],
      },
      incomplete: { "shared-file-system.share": { status: "failed", reason: "manila-api answered 503" } },
      confirmations: gone,
    });
    expect(detect(orphanedResource, inventory)).toEqual([]);
  });
});
