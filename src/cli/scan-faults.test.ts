// Integration: the whole scan (real Session, collect, checks, findings) over loopback HTTP against the demo cloud
// (orphans of a deleted project, every planted problem, healthy look-alikes) while fakecloud injects each fault of
// its list. Whatever breaks, no finding may be false; what the retry layer recovers must give the complete result;
// what stays missing must make exactly the checks that read it inconclusive (exit 4), never silently short.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveCloud } from "../config/clouds.ts";
import { DEMO_EXPECTED_FINDINGS, demoScenario } from "./scenarios/demo.ts";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import type { ScanResult } from "../findings/scan-result.ts";
import { EXIT } from "./exit-codes.ts";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";
import { scanClouds, type ScanOptions, type ScanTarget } from "../scan/scan-clouds.ts";
import { scanExitCode } from "./scan-output.ts";
import {
  checks,
  expectComplete,
  expectIncomplete,
  expectNoFalseOrSilentlyLostFindings,
  findingKeys,
} from "../../test/support/cli/demo-scan-expectations.ts";

let cloud: FakeCloud;
let target: ScanTarget;
beforeEach(async () => {
  cloud = await startFakeCloud({ scenario: demoScenario() });
  target = { cloud: await resolveCloud({ env: fakeCloudEnvironment(cloud.cloudsYamlEntry()) }), allRegions: false };
});
afterEach(async () => {
  await cloud.close();
});

function scan(options: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scanClouds([target], {
    checks,
    // Retries as in production, minus the waiting; a timeout short enough for a hang to outlast it.
    session: { timeoutMs: 1_000, retry: { baseDelayMs: 1, maxDelayMs: 20 } },
    ...options,
  });
}

function answered(status: number): number {
  return cloud.requestLog.list().filter((entry) => entry.status === status).length;
}

describe("a scan of the demo cloud under every fakecloud fault", () => {
  it.each([500, 502, 503, 504] as const)("recovers from a burst of %i on the server listing", async (status) => {
    cloud.faults.add({ kind: "status", status, service: "compute", path: "/servers/detail", count: 2 });
    expectComplete(await scan());
    expect(answered(status)).toBe(2);
  });

  it("waits out a 429 with Retry-After and recovers", async () => {
    cloud.faults.add({ kind: "status", status: 429, retryAfterSeconds: 1, service: "network", count: 3 });
    expectComplete(await scan());
    expect(answered(429)).toBe(3);
  });

  it("makes the volume checks inconclusive when Cinder answers 503 to every retry", async () => {
    cloud.faults.add({ kind: "status", status: 503, service: "block-storage", path: "/volumes/detail" });
    expectIncomplete(await scan(), ["block-storage.volume"], "failed");
  });

  it("recovers from connections reset twice, and fails closed when the port listing is reset every time", async () => {
    cloud.faults.add({ kind: "reset", service: "image", path: "/v2/images", count: 2 });
    expectComplete(await scan());

    cloud.faults.clear();
    cloud.faults.add({ kind: "reset", service: "network", path: "/v2\\.0/ports" });
    expectIncomplete(await scan(), ["network.port"], "failed");
  });

  it("is complete on a slow cloud", async () => {
    cloud.faults.add({ kind: "latency", ms: 300, service: "load-balancer" });
    expectComplete(await scan());
  });

  it("gives up on a listing that hangs beyond the client timeout", async () => {
    cloud.faults.add({ kind: "hang", ms: 10_000, service: "load-balancer", path: "/amphorae" });
    const result = await scan({ session: { timeoutMs: 300, retry: { baseDelayMs: 1, maxDelayMs: 20 } } });
    expectIncomplete(result, ["load-balancer.amphora"], "failed");
  });

  it("fails closed on a listing whose body is not JSON", async () => {
    cloud.faults.add({ kind: "malformed-json", service: "placement", path: "/resource_providers" });
    expectIncomplete(await scan(), ["placement.resource-provider", "placement.allocation"], "failed");
  });

  it("stops at a marker loop instead of listing forever, and keeps no partial listing", async () => {
    // Three pages of servers (nova's max_limit is 1000), so the second page's next link can repeat its marker.
    cloud.seed({
      resources: {
        "compute.server": Array.from({ length: 2000 }, (_, i) => ({ name: `web-${i}`, tenant_id: "@project/acme" })),
      },
    });
    cloud.faults.add({ kind: "repeat-marker", service: "compute", path: "/servers/detail" });
    const result = await scan();
    expectIncomplete(result, ["compute.server"], "failed");
    const coverage = result.coverage.find((entry) => entry.type === "compute.server")?.coverage;
    expect(coverage).toHaveProperty("reason", expect.stringMatching(/marker/i));
  });

  it("re-authenticates once when every token expires in the middle of the listings", async () => {
    let expired = false;
    const result = await scan({
      onProgress: (event) => {
        if (!expired && event.kind === "listing-finished") {
          expired = true;
          cloud.faults.expireTokens();
        }
      },
    });
    expect(expired).toBe(true);
    expectComplete(result);
    const tokens = cloud.requestLog.list().filter((e) => e.method === "POST" && e.path.endsWith("/auth/tokens"));
    expect(tokens).toHaveLength(2);
  });

  it("makes the load balancer checks inconclusive when Octavia is not in the catalog", async () => {
    cloud.faults.removeFromCatalog("load-balancer");
    const result = await scan();
    expectIncomplete(
      result,
      ["load-balancer.loadbalancer", "load-balancer.amphora", "load-balancer.listener", "load-balancer.pool"],
      "absent",
    );
    expect(cloud.requestLog.list().some((entry) => entry.service === "load-balancer")).toBe(false);
  });

  it("scans a cloud without Swift: its containers absent, no request to it, every other finding kept", async () => {
    cloud.faults.removeFromCatalog("object-store");
    const result = await scan();
    expect(result.clouds[0]?.error).toBeUndefined();
    const coverage = result.coverage.find((entry) => entry.type === "object-store.container")?.coverage;
    expect(coverage?.status).toBe("absent");
    expect(coverage && "reason" in coverage ? coverage.reason : "").toMatch(/no object-store service in the catalog/);
    expect(cloud.requestLog.list().some((entry) => entry.service === "object-store")).toBe(false);
    expect(result.findings.filter((finding) => finding.resource.type === "object-store.container")).toEqual([]);
    // The other types' orphans are all there; the orphan check says it did not read containers.
    expectNoFalseOrSilentlyLostFindings(result);
    const planted = DEMO_EXPECTED_FINDINGS.filter((f) => f.resourceType !== "object-store.container");
    expect(findingKeys(result)).toEqual(planted.map((f) => `${f.check} ${f.resourceType} ${f.resourceId}`).sort());
    const orphans = result.inconclusive.find((entry) => entry.check === "orphaned-resource");
    expect(orphans?.reason).toMatch(/^partial: object-store\.container: absent/);
  });

  /** What a scan whose container listing did not complete must show: no container, a partial orphan check, exit 4. */
  function expectContainersUnread(result: ScanResult, coverageStatus: string): void {
    expect(result.clouds[0]?.error).toBeUndefined();
    const coverage = result.coverage.find((entry) => entry.type === "object-store.container")?.coverage;
    expect(coverage?.status).toBe(coverageStatus);
    expect(result.findings.filter((finding) => finding.resource.type === "object-store.container")).toEqual([]);
    const orphans = result.inconclusive.find((entry) => entry.check === "orphaned-resource");
    expect(orphans?.reason).toMatch(new RegExp(`^partial: object-store\\.container: ${coverageStatus}`));
    // The orphans of every other type are still reported.
    expect(result.findings.some((finding) => finding.resource.type === "block-storage.volume")).toBe(true);
    expectNoFalseOrSilentlyLostFindings(result);
    expect(scanExitCode(result, undefined)).toBe(EXIT.incomplete);
  }

  it("never reports an all-clear for containers when Swift's account listing keeps answering 503", async () => {
    cloud.faults.add({ kind: "status", status: 503, service: "object-store", path: "/v1/AUTH_" });
    expectContainersUnread(await scan(), "failed");
  });

  it("says the containers are forbidden, not absent, when the scanning admin lacks ResellerAdmin", async () => {
    const { identity } = cloud.state;
    const reseller = identity.findRoleByName("ResellerAdmin");
    const index = identity.assignments.findIndex((assignment) => assignment.roleId === reseller?.id);
    expect(index).toBeGreaterThanOrEqual(0);
    identity.assignments.splice(index, 1);
    expectContainersUnread(await scan(), "forbidden");
  });

  it("reports no resource of a live project as orphaned when Keystone's list_limit truncates the project list", async () => {
    cloud.state.identity.listLimit = 2;
    const result = await scan();
    expectIncomplete(result, ["identity.project"], "truncated");
    expect(result.findings.filter((finding) => finding.resource.projectExists === false)).toEqual([]);
    // Without a trustworthy owner set no owner is looked up one by one.
    expect(cloud.requestLog.list().filter((entry) => /\/projects\/[^/?]+$/.test(entry.path))).toEqual([]);
  });

  it("does not call a project deleted when its lookup fails, and says the orphan check is partial", async () => {
    cloud.faults.add({ kind: "status", status: 503, service: "identity", path: "/projects/[0-9a-f]{32}$" });
    const result = await scan();
    expect(result.findings.filter((finding) => finding.check === "orphaned-resource")).toEqual([]);
    const orphans = result.inconclusive.find((entry) => entry.check === "orphaned-resource");
    expect(orphans?.reason).toMatch(/^partial: identity\.project: no answer to the lookup of 1 id/);
    expectNoFalseOrSilentlyLostFindings(result);
    expect(scanExitCode(result, undefined)).toBe(EXIT.incomplete);
  });
});
