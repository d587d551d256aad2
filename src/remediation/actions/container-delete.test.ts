// container.delete through scan, plan and apply against fakecloud's Swift: the plan states each container's bytes and
// objects, apply re-checks that the owner project is still gone, empties the container with bulk delete page by page
// (Swift refuses to delete a container that holds objects) and deletes it, and leaves a live project's alone.
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "@stacksweep/fakecloud";
import { buildPlan } from "../plan/build-plan.ts";
import { recordLookup } from "../plan/record-lookup.ts";
import type { Plan } from "../plan.ts";
import { formatPlan } from "../apply/format-plan.ts";
import { remediationFixture, type RemediationFixture } from "../../../test/support/remediation/remediation-fixture.ts";

const GONE = "0b5e1c7d9f2a4e6b8c1d3f5a7b9c2e4d";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }, { id: GONE, name: "umbrella", deleted: true }],
  resources: {
    // One object more than a bulk delete takes: apply lists and deletes twice.
    "object-store.container": [
      { project_id: GONE, name: "backups", count: 10001, bytes: 52_428_800_000 },
      { project_id: GONE, name: "empty" },
      { project_id: "@project/acme", name: "site", count: 2, bytes: 2048 },
    ],
    // What names the deleted project to a full scan: Swift cannot list its accounts.
    "network.security-group": [{ name: "left-behind", project_id: GONE }],
  },
};

let fx: RemediationFixture;
afterEach(async () => {
  await fx.close();
});

/** A container as fakecloud holds it (its id, `<project>/<name>`, is no path segment of the control API). */
function container(id: string): Record<string, unknown> | undefined {
  return fx.cloud.state.collection("object-store.container").get(id);
}

async function containerPlan(): Promise<Plan> {
  const { result, inventory } = await fx.scan(["orphaned-resource"]);
  const findings = result.findings.filter((finding) => finding.resource.type === "object-store.container");
  return buildPlan({
    cloud: "fake",
    region: fx.session.region,
    findings,
    source: { kind: "scan", scannedAt: result.startedAt, file: null, projectId: null },
    rules: { allow: [], deny: [] },
    graceSeconds: 0,
    seenAcrossGrace: () => Promise.resolve(true),
    allowDbWrite: false,
    octaviaDatabaseConfigured: false,
    records: recordLookup(inventory),
  });
}

describe("container.delete", () => {
  it("plans each container of the deleted project with its bytes, empties it with bulk delete and deletes it", async () => {
    fx = await remediationFixture(SCENARIO);
    const plan = await containerPlan();
    const backups = plan.steps.find((step) => step.target.id === `${GONE}/backups`);
    expect(plan.steps.map((step) => `${step.action} ${step.target.id}`).sort()).toEqual([
      `container.delete ${GONE}/backups`,
      `container.delete ${GONE}/empty`,
    ]);
    expect(backups?.call).toBe(
      `POST /AUTH_${GONE}?bulk-delete (52428800000 bytes in 10001 objects, 10000 a request), ` +
        `then DELETE /AUTH_${GONE}/backups`,
    );
    expect(backups?.precondition.missing).toEqual([{ type: "identity.project", id: GONE }]);
    expect(formatPlan(plan, "test")).toContain(`identity.project ${GONE} still answers 404`);

    const report = await fx.apply(plan);
    expect(report.outcomes.map((o) => `${o.target.id} ${o.outcome}`).sort()).toEqual([
      `${GONE}/backups done`,
      `${GONE}/empty done`,
    ]);
    expect(container(`${GONE}/backups`)).toBeUndefined();
    expect(container(`${GONE}/empty`)).toBeUndefined();
    const acme = [...fx.cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme");
    expect(container(`${String(acme?.id)}/site`)).toMatchObject({
      count: 2,
      bytes: 2048,
    });
    // Two pages of objects for backups, each listed afresh and bulk deleted, then the container itself.
    const calls = (await fx.requests())
      .filter((r) => r.path.includes(`AUTH_${GONE}`) && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.path.replace(/\?format=json.*$/, "?list").replace(/^.*\/AUTH_[0-9a-f]+/, "")}`);
    const backupsCalls = calls.filter((call) => call.includes("/backups") || call.startsWith("POST"));
    expect(backupsCalls.slice(-6)).toEqual([
      "GET /backups?list",
      "POST ?bulk-delete=",
      "GET /backups?list",
      "POST ?bulk-delete=",
      "GET /backups?list",
      "DELETE /backups",
    ]);
  });

  it("touches nothing when the owner project exists again by the time apply runs", async () => {
    fx = await remediationFixture(SCENARIO);
    const plan = await containerPlan();
    // The project is back in Keystone (restored, or its id was never really gone): the live re-check must see it.
    fx.cloud.state.collection("identity.project").insert({ id: GONE, name: "umbrella", domain_id: "default" });
    const report = await fx.apply(plan);
    expect(report.outcomes.map((o) => o.outcome)).toEqual(["skipped", "skipped"]);
    expect(report.outcomes[0]?.reason).toContain(GONE);
    expect(container(`${GONE}/backups`)).toMatchObject({ count: 10001 });
    expect((await fx.requests()).some((r) => r.method === "POST" && r.path.includes("bulk-delete"))).toBe(false);
  });
});
