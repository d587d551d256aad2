// Integration: the real Session and collect() against fakecloud over HTTP on loopback.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { resolveCloud } from "../config/clouds.ts";
import { type FakeCloud, type Scenario, startFakeCloud } from "@stacksweep/fakecloud";
import type { Inventory } from "../inventory/inventory.ts";
import { loadInventories, saveInventories } from "../inventory/inventory-file.ts";
import { fakeCloudEnvironment } from "../cli/fake-cloud-environment.ts";
import { apiOnlyChecks } from "./deep-selection.ts";
import { generateCloud } from "../cli/scenarios/generator.ts";
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

// fakecloud has no source below the API: the checks that read one are left out, as `scan` leaves them.
const checks = apiOnlyChecks([...CHECKS.values()]);

const id = (n: number): string => `0000000${n}-0000-4000-8000-000000000000`;
const [
  SERVER,
  VOLUME,
  NET,
  SUBNET,
  PUBLIC,
  PUBLIC_SUBNET,
  ROUTER,
  PORT,
  ROUTER_PORT,
  GATEWAY,
  FIP,
  GROUP,
  RULE,
  IMAGE,
] = Array.from({ length: 14 }, (_, n) => id(n + 1).slice(-36));

/** One project's web server with its disk, network, router, floating IP, firewall rule and image, all in order. */
const HEALTHY: Scenario = {
  projects: [{ name: "shop" }],
  resources: {
    "image.image": [{ id: IMAGE, name: "debian-12", visibility: "public", created_at: "-90d" }],
    "compute.server": [
      {
        id: SERVER,
        name: "web-1",
        tenant_id: "@project/shop",
        image: { id: IMAGE },
        "os-extended-volumes:volumes_attached": [{ id: VOLUME, delete_on_termination: false }],
        created: "-20d",
        updated: "-20d",
      },
    ],
    "block-storage.volume": [
      {
        id: VOLUME,
        name: "web-1-data",
        "os-vol-tenant-attr:tenant_id": "@project/shop",
        attachments: [{ server_id: SERVER, device: "/dev/vdb" }],
        created_at: "-20d",
        updated_at: "-20d",
      },
    ],
    "network.network": [
      { id: PUBLIC, name: "public", project_id: "", "router:external": true, shared: true, created_at: "-90d" },
      { id: NET, name: "shop-net", project_id: "@project/shop", created_at: "-30d" },
    ],
    "network.subnet": [
      { id: PUBLIC_SUBNET, project_id: "", network_id: PUBLIC, cidr: "203.0.113.0/24", created_at: "-90d" },
      { id: SUBNET, project_id: "@project/shop", network_id: NET, cidr: "10.1.0.0/24", created_at: "-30d" },
    ],
    "network.router": [
      {
        id: ROUTER,
        name: "shop-router",
        project_id: "@project/shop",
        external_gateway_info: {
          network_id: PUBLIC,
          external_fixed_ips: [{ subnet_id: PUBLIC_SUBNET, ip_address: "203.0.113.5" }],
        },
        created_at: "-30d",
      },
    ],
    "network.port": [
      {
        id: PORT,
        project_id: "@project/shop",
        network_id: NET,
        device_owner: "compute:nova",
        device_id: SERVER,
        fixed_ips: [{ subnet_id: SUBNET, ip_address: "10.1.0.10" }],
        created_at: "-20d",
      },
      {
        id: ROUTER_PORT,
        project_id: "@project/shop",
        network_id: NET,
        device_owner: "network:router_interface",
        device_id: ROUTER,
        fixed_ips: [{ subnet_id: SUBNET, ip_address: "10.1.0.1" }],
        created_at: "-30d",
      },
      {
        id: GATEWAY,
        project_id: "",
        network_id: PUBLIC,
        device_owner: "network:router_gateway",
        device_id: ROUTER,
        fixed_ips: [{ subnet_id: PUBLIC_SUBNET, ip_address: "203.0.113.5" }],
        created_at: "-30d",
      },
    ],
    "network.floatingip": [
      {
        id: FIP,
        project_id: "@project/shop",
        floating_network_id: PUBLIC,
        floating_ip_address: "203.0.113.20",
        port_id: PORT,
        fixed_ip_address: "10.1.0.10",
        router_id: ROUTER,
        created_at: "-20d",
      },
    ],
    "network.security-group": [{ id: GROUP, name: "web", project_id: "@project/shop", created_at: "-20d" }],
    "network.security-group-rule": [
      {
        id: RULE,
        project_id: "@project/shop",
        security_group_id: GROUP,
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "tcp",
        port_range_min: 443,
        port_range_max: 443,
        remote_ip_prefix: "0.0.0.0/0",
        created_at: "-20d",
      },
    ],
  },
};

describe("scanClouds against fakecloud", () => {
  it("finds nothing in a healthy cloud, and says which listings it could not make", async () => {
    const result = await scanClouds([target], { checks });
    expect(result.clouds).toEqual([expect.objectContaining({ region: "RegionOne" })]);
    expect(result.clouds[0]?.error).toBeUndefined();
    expect(result.findings).toEqual([]);
    for (const entry of result.coverage) {
      // Nova, Cinder and Manila list nothing in any project: nothing proves they honour all_tenants (one that ignores
      // it answers an admin project without resources the same way), so those listings are failed, not empty.
      if (
        entry.type === "compute.server" ||
        (entry.type.startsWith("block-storage.") && entry.type !== "block-storage.service") ||
        (entry.type.startsWith("shared-file-system.") && entry.type !== "shared-file-system.share-replica")
      ) {
        expect(entry.coverage.status, entry.type).toBe("failed");
        expect("reason" in entry.coverage ? entry.coverage.reason : "", entry.type).toMatch(/^nothing proves/);
        continue;
      }
      // A service fakecloud does not serve is absent, never an empty "complete" listing.
      expect(["complete", "absent"]).toContain(entry.coverage.status);
    }
    expect(result.coverage.find((entry) => entry.type === "identity.project")?.coverage.status).toBe("complete");
    expect(result.requests.reduce((sum, count) => sum + count.count, 0)).toBeGreaterThan(0);
  });

  it("finds nothing in a cloud of healthy, ordinary resources", async () => {
    cloud.seed(HEALTHY);
    const result = await scanClouds([target], { checks });
    expect(result.findings).toEqual([]);
    expect(result.coverage.find((entry) => entry.type === "compute.server")?.coverage).toMatchObject({ count: 1 });
    expect(result.coverage.find((entry) => entry.type === "network.port")?.coverage).toMatchObject({ count: 3 });
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

describe("a cloud of several regions behind one Keystone", () => {
  let regional: FakeCloud;
  afterEach(async () => {
    await regional.close();
  });

  it("--all-regions scans each region's own services and finds each region's orphans", async () => {
    // One Keystone: "gone" was deleted there, and owns a volume in each region; "shop" owns live servers.
    regional = await startFakeCloud({
      scenario: {
        projects: [{ name: "shop" }, { name: "gone", deleted: true }],
        resources: {
          "block-storage.volume": [{ name: "east-leftover", "os-vol-tenant-attr:tenant_id": "@project/gone" }],
          "compute.server": [{ name: "east-web", tenant_id: "@project/shop" }],
          // A share of another project proves Manila's listings span projects (an empty one cannot).
          "shared-file-system.share": [{ name: "east-files", project_id: "@project/shop" }],
        },
        regions: {
          RegionTwo: {
            resources: {
              "block-storage.volume": [{ name: "west-leftover", "os-vol-tenant-attr:tenant_id": "@project/gone" }],
              "compute.server": [
                { name: "west-web", tenant_id: "@project/shop" },
                { name: "west-db", tenant_id: "@project/shop" },
              ],
              "shared-file-system.share": [{ name: "west-files", project_id: "@project/shop" }],
            },
          },
        },
      },
    });
    const cloud = await resolveCloud({ env: fakeCloudEnvironment(regional.cloudsYamlEntry()) });
    const inventories: Inventory[] = [];
    const result = await scanClouds([{ cloud, allRegions: true }], {
      checks,
      onInventory: (inventory) => inventories.push(inventory),
    });
    // The first region's findings were kept packed while the second was listed: they come back as they were built.
    expect(result.findings).toStrictEqual(scanInventories(inventories, { checks }).findings);

    expect(result.clouds.map((region) => region.region)).toEqual(["RegionOne", "RegionTwo"]);
    // One Keystone serves both regions: asked for one token, counted under the first region.
    const tokens = regional.requestLog.list().filter((e) => e.method === "POST" && e.path.endsWith("/auth/tokens"));
    expect(tokens).toHaveLength(1);
    const identityRequests = (region: string): number | undefined =>
      result.requests.find((count) => count.region === region && count.service === "identity")?.count;
    // "gone" owns a volume in both regions: Keystone is asked once whether it exists, and both regions know it is gone.
    const lookups = regional.requestLog.list().filter((e) => e.method === "GET" && /\/v3\/projects\/\w+$/.test(e.path));
    expect(lookups).toHaveLength(1);
    expect(inventories.map((inventory) => Object.values(inventory.confirmations["identity.project"] ?? {}))).toEqual([
      ["missing"],
      ["missing"],
    ]);
    // Nor does RegionTwo list Keystone's projects again: it takes RegionOne's list, and says it asked for nothing.
    expect(identityRequests("RegionOne")).toBeGreaterThan(2);
    expect(identityRequests("RegionTwo")).toBeUndefined();
    const projectLists = result.coverage.filter((entry) => entry.type === "identity.project");
    expect(projectLists.map(({ region, coverage }) => [region, coverage])).toEqual([
      ["RegionOne", { status: "complete", count: 3, requests: 1 }],
      ["RegionTwo", { status: "complete", count: 3, requests: 0 }],
    ]);
    const orphans = result.findings.filter((finding) => finding.check === "orphaned-resource");
    expect(orphans.map((finding) => [finding.resource.region, finding.resource.name]).sort()).toEqual([
      ["RegionOne", "east-leftover"],
      ["RegionTwo", "west-leftover"],
    ]);
    // Each region listed its own servers.
    const servers = result.coverage.filter((entry) => entry.type === "compute.server");
    expect(
      servers.map((entry) => [entry.region, entry.coverage.status === "complete" && entry.coverage.count]),
    ).toEqual([
      ["RegionOne", 1],
      ["RegionTwo", 2],
    ]);
    expect(result.inconclusive).toEqual([]);
  });

  it("refuses to seed a region the cloud does not serve, naming the key", async () => {
    regional = await startFakeCloud();
    expect(() => regional.seed({ regions: { RegionNine: { resources: {} } } })).toThrow(/regions\.RegionNine/);
  });
});

describe("a generated cloud whose long listings span several large pages", () => {
  let generated: FakeCloud;
  afterEach(async () => {
    await generated.close();
  });

  it("lists every record of every type, page after page, exactly as the cloud holds them", async () => {
    // 12,000 resources: 2,300 servers and volumes, 3,200 ports, in pages of 1,000 to 2,000 records and 0.5–1.7 MB,
    // each parsed while the next is asked for (Session.paginate).
    const { scenario } = generateCloud({ resources: 12_000, seed: 2 });
    generated = await startFakeCloud({ scenario });
    const cloud = await resolveCloud({ env: fakeCloudEnvironment(generated.cloudsYamlEntry()) });
    const inventories: Inventory[] = [];
    const result = await scanClouds([{ cloud, allRegions: false }], {
      checks,
      onInventory: (inventory) => inventories.push(inventory),
    });
    const [inventory] = inventories;
    for (const type of ["compute.server", "block-storage.volume", "network.port"] as const) {
      const held = [...generated.state.collection(type).values()].map((record) => record.id).sort();
      const coverage = inventory!.coverage[type];
      expect(coverage?.status === "complete" && coverage.requests, type).toBeGreaterThan(1);
      expect(inventory!.resources[type]!.map((record) => record["id"] as string).sort(), type).toEqual(held);
    }
    expect(result.inconclusive).toEqual([]);
  });
});
