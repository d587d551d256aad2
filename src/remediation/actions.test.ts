// The actions the demo cloud's plan does not reach (each is a finding's second choice), each run against fakecloud
// over real HTTP through plan and apply, with the effect read back from fakecloud's state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "@stacksweep/fakecloud";
import { findingId, type Finding, type FindingStep } from "../findings/finding.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import { remediationFixture, type RemediationFixture } from "../../test/support/remediation/remediation-fixture.ts";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }],
  resources: {
    "compute.server": [
      { name: "force-me", tenant_id: "@project/acme" },
      { name: "user", tenant_id: "@project/acme" },
    ],
    "block-storage.volume": [
      { name: "in-error", "os-vol-tenant-attr:tenant_id": "@project/acme", status: "error" },
      { name: "attaching", "os-vol-tenant-attr:tenant_id": "@project/acme", status: "attaching" },
      { name: "reserved", "os-vol-tenant-attr:tenant_id": "@project/acme", status: "reserved" },
      {
        name: "detaching",
        "os-vol-tenant-attr:tenant_id": "@project/acme",
        status: "detaching",
        attachments: [{ server_id: "@compute.server/user" }],
      },
      {
        name: "attached",
        "os-vol-tenant-attr:tenant_id": "@project/acme",
        status: "in-use",
        attachments: [{ server_id: "@compute.server/user" }],
      },
    ],
    "block-storage.snapshot": [
      {
        name: "snap",
        "os-extended-snapshot-attributes:project_id": "@project/acme",
        volume_id: "@block-storage.volume/in-error",
        status: "error",
      },
    ],
    "block-storage.backup": [
      {
        name: "backup",
        "os-backup-project-attr:project_id": "@project/acme",
        volume_id: "@block-storage.volume/in-error",
        status: "error",
      },
    ],
    "load-balancer.amphora": [{ $ref: "broken-amphora", status: "ERROR", loadbalancer_id: null }],
    "network.router": [{ name: "router", project_id: "@project/acme" }],
    "network.network": [{ name: "net", project_id: "@project/acme" }],
    "network.port": [
      {
        name: "interface",
        project_id: "@project/acme",
        network_id: "@network.network/net",
        device_owner: "network:router_interface",
        device_id: "@network.router/router",
      },
    ],
  },
};

let fx: RemediationFixture;
beforeAll(async () => {
  fx = await remediationFixture(SCENARIO);
});
afterAll(async () => {
  await fx.close();
});

async function run(type: ResourceTypeId, id: string, step: FindingStep, evidence: Record<string, unknown> = {}) {
  const finding: Finding = {
    id: findingId("test", "fake", fx.session.region, type, id),
    check: "test",
    severity: "warning",
    summary: "test",
    resource: { type, id, name: null, projectId: null, projectExists: null, cloud: "fake", region: fx.session.region },
    evidence,
    ageSeconds: null,
    remediation: [step],
  };
  const plan = await fx.plan([finding]);
  const report = await fx.apply(plan);
  return report.outcomes.map((o) => (o.reason === null ? o.outcome : `${o.outcome}: ${o.reason}`));
}

const step = (action: string, destructive: boolean, params?: Record<string, string>): FindingStep =>
  params === undefined ? { action, destructive, call: action } : { action, destructive, call: action, params };

describe("actions against fakecloud", () => {
  it("server.force-delete removes the server", async () => {
    const id = await fx.idOf("compute.server", "force-me");
    expect(await run("compute.server", id, step("server.force-delete", true))).toEqual(["done"]);
    expect(await fx.record("compute.server", id)).toBeNull();
  });

  it("volume.unreserve returns an attaching volume to available, and leaves any other status to another fix", async () => {
    const id = await fx.idOf("block-storage.volume", "attaching");
    expect(await run("block-storage.volume", id, step("volume.unreserve", false), { status: "attaching" })).toEqual([
      "done",
    ]);
    expect((await fx.record("block-storage.volume", id))?.["status"]).toBe("available");
    const reserved = await fx.idOf("block-storage.volume", "reserved");
    expect(
      await run("block-storage.volume", reserved, step("volume.unreserve", false), { status: "reserved" }),
    ).toEqual([
      "skipped: os-unreserve changes only an attaching volume (Cinder's unreserve_volume); this one is reserved",
    ]);
  });

  it("volume.roll-detaching returns a detaching volume to in-use", async () => {
    const id = await fx.idOf("block-storage.volume", "detaching");
    expect(
      await run("block-storage.volume", id, step("volume.roll-detaching", false), { status: "detaching" }),
    ).toEqual(["done"]);
    expect((await fx.record("block-storage.volume", id))?.["status"]).toBe("in-use");
  });

  it("volume.force-detach removes the attachment it names, and is skipped when the volume no longer lists it", async () => {
    const id = await fx.idOf("block-storage.volume", "attached");
    const attachments = (await fx.record("block-storage.volume", id))?.["attachments"] as { attachment_id: string }[];
    const attachmentId = attachments[0]!.attachment_id;
    const detach = step("volume.force-detach", true, { attachment_id: attachmentId });
    expect(await run("block-storage.volume", id, detach)).toEqual(["done"]);
    expect((await fx.record("block-storage.volume", id))?.["attachments"]).toEqual([]);
    expect(await run("block-storage.volume", id, { ...detach, params: { attachment_id: attachmentId } })).toEqual([
      `skipped: the volume no longer lists attachment ${attachmentId}`,
    ]);
  });

  it("snapshot.force-delete, backup.force-delete and volume.force-delete remove resources in error", async () => {
    const snapshot = await fx.idOf("block-storage.snapshot", "snap");
    const backup = await fx.idOf("block-storage.backup", "backup");
    const volume = await fx.idOf("block-storage.volume", "in-error");
    expect(
      await run("block-storage.snapshot", snapshot, step("snapshot.force-delete", true), { status: "error" }),
    ).toEqual(["done"]);
    expect(await run("block-storage.backup", backup, step("backup.force-delete", true), { status: "error" })).toEqual([
      "done",
    ]);
    expect(await run("block-storage.volume", volume, step("volume.force-delete", true), { status: "error" })).toEqual([
      "done",
    ]);
    expect(await fx.record("block-storage.snapshot", snapshot)).toBeNull();
    expect(await fx.record("block-storage.backup", backup)).toBeNull();
    expect(await fx.record("block-storage.volume", volume)).toBeNull();
  });

  it("amphora.delete removes an amphora in ERROR", async () => {
    const amphorae = (await (await fetch(`${fx.cloud.url}/_control/resources/load-balancer.amphora`)).json()) as Record<
      string,
      { id: string }[]
    >;
    const id = amphorae["load-balancer.amphora"]![0]!.id;
    expect(await run("load-balancer.amphora", id, step("amphora.delete", true), { status: "ERROR" })).toEqual(["done"]);
    const after = await fx.record("load-balancer.amphora", id);
    expect(after === null || after["status"] === "DELETED").toBe(true);
  });

  it("router.remove-interface removes the interface port through its router", async () => {
    const router = await fx.idOf("network.router", "router");
    const port = await fx.idOf("network.port", "interface");
    const remove = step("router.remove-interface", true, { router_id: router });
    expect(await run("network.port", port, remove, { device_owner: "network:router_interface" })).toEqual(["done"]);
    expect(await fx.record("network.port", port)).toBeNull();
    expect(await fx.record("network.router", router)).not.toBeNull();
  });
});
