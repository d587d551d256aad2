import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKS } from "../../checks/registry.ts";
import { apiOnlyChecks } from "../../scan/deep-selection.ts";
import { NAMED_SCENARIOS } from "./scenario-library.ts";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { passwordToken } from "../../../test/support/fakecloud/admin-token.ts";
import { DEMO_EXPECTED_FINDINGS, demoScenario } from "./demo.ts";
import { list } from "../../../test/support/fakecloud/json-reader.ts";

let cloud: FakeCloud;
let token: string;

beforeAll(async () => {
  cloud = await startFakeCloud({ scenario: demoScenario() });
  token = await passwordToken(cloud);
});
afterAll(async () => cloud.close());

/** How each planted finding names its resource, as the inventory keys it. */
function exists(type: string, id: string): boolean {
  const records = [...cloud.state.collection(type as never).values()];
  switch (type) {
    case "placement.allocation": {
      // Named by its consumer, as `openstack resource provider allocation show` takes it.
      const allocation = cloud.state.collection("placement.allocation").get(id);
      return allocation !== undefined && Object.keys(allocation["allocations"] as object).length > 0;
    }
    case "block-storage.service":
      return records.some((r) => `${String(r["binary"])}/${String(r["host"])}` === id);
    case "network.agent":
      return records.some((r) => `${String(r["binary"])}@${String(r["host"])}` === id);
    case "orchestration.stack":
      return records.some((r) => `${String(r["stack_name"])}/${r.id}` === id);
    default:
      return cloud.state.collection(type as never).has(id);
  }
}

describe("the demo scenario", () => {
  it("is registered as `demo`", () => {
    expect(NAMED_SCENARIOS.get("demo")?.()).toEqual(demoScenario());
  });

  it("plants at least one instance of every check that reads only the APIs", () => {
    const planted = new Set(DEMO_EXPECTED_FINDINGS.map((finding) => finding.check));
    const apiChecks = apiOnlyChecks([...CHECKS.values()]).map((check) => check.id);
    expect(apiChecks.filter((check) => !planted.has(check))).toEqual([]);
  });

  it("holds every resource a planted finding names", () => {
    const missing = DEMO_EXPECTED_FINDINGS.filter((finding) => !exists(finding.resourceType, finding.resourceId));
    expect(missing).toEqual([]);
  });

  it("keeps the deleted project's resources while Keystone no longer has the project", async () => {
    const gone = DEMO_EXPECTED_FINDINGS.filter((finding) => finding.check === "orphaned-resource");
    expect(new Set(gone.map((finding) => finding.resourceType)).size).toBe(21);
    const project = await fetch(`${cloud.authUrl}/projects/5e1f0b7c2a4d4e0f9d3b6a8c1e2f4a6b`, {
      headers: { "x-auth-token": token },
    });
    expect(project.status).toBe(404);
  });

  it("serves the healthy look-alikes as a scan would read them", async () => {
    const get = async (path: string): Promise<unknown> =>
      (await fetch(`${cloud.url}${path}`, { headers: { "x-auth-token": token } })).json();
    const networks = list(await get("/network/v2.0/networks?name=public"), "networks");
    expect(networks[0]).toMatchObject({ project_id: "", "router:external": true, shared: true });
    const gateways = list(await get("/network/v2.0/ports?device_owner=network:router_gateway"), "ports");
    expect(gateways.map((port) => port["project_id"])).toEqual([""]);
    const lbs = list(
      await get("/load-balancer/v2/lbaas/loadbalancers?provisioning_status=PENDING_UPDATE"),
      "loadbalancers",
    );
    expect(lbs.map((lb) => lb["name"]).sort()).toEqual([
      "healthy: PENDING_UPDATE for 1 minute",
      "planted: loadbalancer-stuck-pending",
    ]);
    const agents = list(await get("/network/v2.0/agents?host=compute-2"), "agents");
    expect(agents[0]).toMatchObject({ alive: true });
    expect(Date.parse(`${String(agents[0]!["heartbeat_timestamp"])}Z`)).toBeGreaterThan(Date.now() + 5 * 60_000);
  });
});
