import { afterEach, describe, expect, it } from "vitest";
import { orphanedResource } from "../../checks/orphaned-resource/index.ts";
import type { Scenario } from "@stacksweep/fakecloud";
import { collect } from "../../inventory/collect.ts";
import { neededTypes } from "../../scan/scan-clouds.ts";
import { buildPlan } from "./build-plan.ts";
import { purgeFindings } from "./purge-findings.ts";
import { recordLookup } from "./record-lookup.ts";
import { remediationFixture, type RemediationFixture } from "../../../test/support/remediation/remediation-fixture.ts";

// The project to purge and a look-alike in another project: same names, same kinds of resources.
const owned = (project: string) => ({
  "compute.server": [{ name: `web-${project}`, tenant_id: `@project/${project}` }],
  "network.network": [{ name: `net-${project}`, project_id: `@project/${project}` }],
  "network.subnet": [
    {
      name: `subnet-${project}`,
      project_id: `@project/${project}`,
      network_id: `@network.network/net-${project}`,
      cidr: "10.0.0.0/24",
    },
  ],
  "network.security-group": [{ name: `sg-${project}`, project_id: `@project/${project}` }],
  // Attached to the project's server: its delete must wait for the server's, and then find it detached.
  "block-storage.volume": [
    {
      name: `data-${project}`,
      "os-vol-tenant-attr:tenant_id": `@project/${project}`,
      status: "in-use",
      attachments: [{ server_id: `@compute.server/web-${project}` }],
    },
  ],
});

const SCENARIO: Scenario = {
  projects: [{ name: "gone", deleted: true }, { name: "globex" }],
  resources: {
    "compute.server": [...owned("gone")["compute.server"], ...owned("globex")["compute.server"]],
    "network.network": [...owned("gone")["network.network"], ...owned("globex")["network.network"]],
    "network.subnet": [...owned("gone")["network.subnet"], ...owned("globex")["network.subnet"]],
    "network.security-group": [
      ...owned("gone")["network.security-group"],
      ...owned("globex")["network.security-group"],
    ],
    "block-storage.volume": [...owned("gone")["block-storage.volume"], ...owned("globex")["block-storage.volume"]],
  },
};

let fx: RemediationFixture;
afterEach(async () => {
  await fx.close();
});

describe("purge", () => {
  it("removes every resource of a project Keystone no longer has, in delete order, and nothing of another project", async () => {
    fx = await remediationFixture(SCENARIO);
    const inventory = await collect(fx.session, { types: neededTypes([orphanedResource]) });
    const gone = String(
      (await fx.record("compute.server", await fx.idOf("compute.server", "web-gone")))?.["tenant_id"],
    );
    const plan = await buildPlan({
      cloud: "fake",
      region: fx.session.region,
      findings: purgeFindings(inventory, gone),
      source: { kind: "purge", scannedAt: inventory.scannedAt, file: null, projectId: gone },
      rules: { allow: [], deny: [] },
      graceSeconds: 0,
      seenAcrossGrace: () => Promise.resolve(true),
      allowDbWrite: false,
      octaviaDatabaseConfigured: false,
      records: recordLookup(inventory),
    });
    const names = plan.steps.map((s) => `${s.action} ${s.resource.name ?? ""}`);
    expect(names).toEqual([
      "server.delete web-gone",
      "subnet.delete subnet-gone",
      "network.delete net-gone",
      "security-group.delete sg-gone",
      "volume.delete data-gone",
    ]);
    // The network waits for its subnet; the volume for the server it is attached to.
    expect(plan.steps[2]?.dependsOn).toEqual([2]);
    expect(plan.steps[4]?.dependsOn).toEqual([1]);
    // The owner is part of the precondition: a resource handed to another project since is left alone.
    for (const step of plan.steps) expect(Object.values(step.precondition.fields)).toContain(gone);

    const report = await fx.apply(plan);
    expect(report.outcomes.map((o) => o.outcome)).toEqual(["done", "done", "done", "done", "done"]);
    for (const [type, name] of [
      ["compute.server", "web-globex"],
      ["network.network", "net-globex"],
      ["network.subnet", "subnet-globex"],
      ["network.security-group", "sg-globex"],
      ["block-storage.volume", "data-globex"],
    ] as const)
      expect(await fx.record(type, await fx.idOf(type, name))).not.toBeNull();
    await expect(fx.idOf("compute.server", "web-gone")).rejects.toThrow(/no compute.server named web-gone/);
  });
});
