// Integration: a project scan (the orphan manager's) against fakecloud over HTTP on loopback: it lists one
// project's resources with the APIs' owner filters, reports that project's orphans, and nothing of any other.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { resolveCloud } from "../config/clouds.ts";
import { type FakeCloud, type Scenario, startFakeCloud } from "@stacksweep/fakecloud";
import { fakeCloudEnvironment } from "../cli/fake-cloud-environment.ts";
import { projectScopedChecks, scanClouds, type ScanTarget } from "./scan-clouds.ts";

const GONE = "9c77b9f28a6942198807ee5152cac403";
const OTHER_GONE = "17f7d7333b6b4491b3c9601c45ae7657";
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** A deleted project with a server, a volume, a network, a security group and an image; a live project and a second
 * deleted one with the same kinds of resources, which a project scan of the first must not report. */
function scenario(): Scenario {
  const owned = (project: string, base: number): Scenario["resources"] => ({
    "compute.server": [{ id: uuid(base + 1), name: `vm-${base}`, tenant_id: project }],
    "block-storage.volume": [{ id: uuid(base + 2), name: `disk-${base}`, "os-vol-tenant-attr:tenant_id": project }],
    "network.network": [{ id: uuid(base + 3), name: `net-${base}`, project_id: project }],
    "network.security-group": [{ id: uuid(base + 4), name: "default", project_id: project }],
    "image.image": [{ id: uuid(base + 5), name: `img-${base}`, owner: project, visibility: "private" }],
    "shared-file-system.share": [{ id: uuid(base + 6), name: `share-${base}`, project_id: project }],
  });
  const parts = [owned(GONE, 0), owned("@project/shop", 10), owned(OTHER_GONE, 20)];
  const resources: NonNullable<Scenario["resources"]> = {};
  for (const part of parts)
    for (const [type, records] of Object.entries(part ?? {}))
      resources[type as keyof typeof resources] = [...(resources[type as keyof typeof resources] ?? []), ...records];
  return {
    projects: [
      { name: "shop" },
      { id: GONE, name: "gone", deleted: true },
      { id: OTHER_GONE, name: "gone-too", deleted: true },
    ],
    resources,
  };
}

let cloud: FakeCloud;
let target: ScanTarget;
beforeEach(async () => {
  cloud = await startFakeCloud();
  cloud.seed(scenario());
  target = { cloud: await resolveCloud({ env: fakeCloudEnvironment(cloud.cloudsYamlEntry()) }), allRegions: true };
});
afterEach(async () => {
  await cloud.close();
});

const checks = [...CHECKS.values()];

describe("a project scan", () => {
  it("reports the deleted project's orphans in every service, and no other project's", async () => {
    const result = await scanClouds([target], { checks, projectScan: { id: GONE, deletedAt: null } });
    const orphans = result.findings.filter((f) => f.check === "orphaned-resource");
    expect(orphans.map((f) => `${f.resource.type} ${f.resource.id}`).sort()).toEqual(
      [
        `block-storage.volume ${uuid(2)}`,
        `compute.server ${uuid(1)}`,
        `image.image ${uuid(5)}`,
        `network.network ${uuid(3)}`,
        `network.security-group ${uuid(4)}`,
        `shared-file-system.share ${uuid(6)}`,
      ].sort(),
    );
    expect(result.findings.every((f) => f.resource.projectId === GONE)).toBe(true);
    expect(result.project).toEqual({ id: GONE, deletedAt: null });
    expect(result.inconclusive).toEqual([]);
  });

  it("asks the APIs for the project's resources only, except security groups, which it filters itself", async () => {
    await scanClouds([target], { checks, projectScan: { id: GONE, deletedAt: null } });
    const paths = cloud.requestLog.list().map((entry) => entry.path);
    // Every listing of an owner-filterable type names the project: none of them lists the whole cloud.
    const filtered = (fragment: string): boolean => {
      const listings = paths.filter((p) => p.includes(fragment));
      return listings.length > 0 && listings.every((p) => p.includes(GONE));
    };
    expect(filtered("/servers/detail")).toBe(true);
    expect(filtered("/volumes/detail")).toBe(true);
    expect(filtered("/v2.0/networks")).toBe(true);
    expect(filtered("/v2/images")).toBe(true);
    // Neutron re-creates a project's default group on a listing filtered by its id: never ask it that way.
    expect(paths.filter((p) => p.includes("/v2.0/security-group")).some((p) => p.includes(GONE))).toBe(false);
  });

  it("costs fewer requests than a full scan and runs only the checks one project's listings can answer", async () => {
    await scanClouds([target], { checks, projectScan: { id: GONE, deletedAt: null } });
    const projectRequests = cloud.requestLog.total();
    cloud.requestLog.reset();
    await scanClouds([target], { checks });
    const fullRequests = cloud.requestLog.total();
    expect(projectRequests).toBeLessThan(fullRequests);
    const scoped = projectScopedChecks(checks).map((c) => c.id);
    expect(scoped).toContain("orphaned-resource");
    expect(scoped).not.toContain("service-down");
    expect(scoped).not.toContain("allocation-orphaned");
  });
});
