// trust.delete, application-credential.delete and keypair.delete against fakecloud over real HTTP, through a scan (the
// trusts, listed by the API) or credential-orphaned's findings over records as the database listings yield them, then
// plan and apply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "@stacksweep/fakecloud";
import { credentialOrphaned } from "../checks/credential-orphaned/index.ts";
import { buildFindings } from "../findings/build.ts";
import type { Finding } from "../findings/finding.ts";
import { testInventory } from "../inventory/test-inventory.ts";
import { describeStep } from "./plan/describe-step.ts";
import { remediationFixture, type RemediationFixture } from "../../test/support/remediation/remediation-fixture.ts";

const GONE_USER = "9f1c0e6a2b3d4e5f60718293a4b5c6d7";
const GONE_PROJECT = "ce56d490d23e40899e0c1bf5cf99a96b";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }],
  users: [
    { name: "alice", password: "alice-password", roles: [{ project: "acme", role: "member" }] },
    { name: "bob", password: "bob-password" },
  ],
  applicationCredentials: [{ name: "ci", secret: "ci-secret", user: "alice", project: "acme" }],
  resources: {
    "identity.trust": [
      { $ref: "gone", trustor_user_id: "@user/alice", trustee_user_id: "@user/bob", project_id: GONE_PROJECT },
      { $ref: "live", trustor_user_id: "@user/alice", trustee_user_id: "@user/bob", project_id: "@project/acme" },
    ],
    "compute.keypair": [
      { name: "laptop", user_id: GONE_USER },
      { name: "laptop", user_id: "@user/bob" },
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

async function applyFindings(findings: readonly Finding[]): Promise<string[]> {
  const plan = await fx.plan(findings);
  const report = await fx.apply(plan);
  return report.outcomes.map((o) => (o.reason === null ? o.outcome : `${o.outcome}: ${o.reason}`));
}

/** Findings of the check over records as Keystone's and Nova's databases list them. */
function fromDatabase(resources: Parameters<typeof testInventory>[0]): Finding[] {
  const inventory = testInventory({ cloud: "fake", region: fx.session.region, ...resources });
  const detections = credentialOrphaned.run({ inventory, now: new Date(inventory.scannedAt), thresholds: {} });
  return buildFindings(inventory, [{ check: credentialOrphaned, detections }], describeStep);
}

const userId = async (name: string): Promise<string> => {
  const body = (await (
    await fx.session.request("identity", { path: "/users", query: { name } })
  ).body) as {
    users: { id: string }[];
  };
  return body.users[0]!.id;
};

describe("credential actions against fakecloud", () => {
  it("a scan finds the trust of a deleted project, and apply revokes it after the project's 404", async () => {
    const { result } = await fx.scan(["trust-orphaned"]);
    const trusts = result.findings.filter((f) => f.resource.type === "identity.trust");
    expect(trusts.map((f) => [f.summary, f.remediation.map((s) => s.call)])).toEqual([
      [`trust of deleted project ${GONE_PROJECT}`, [`DELETE /OS-TRUST/trusts/${trusts[0]?.resource.id ?? ""}`]],
    ]);
    expect(await applyFindings(trusts)).toEqual(["done"]);
    const gone = await fx.session.request("identity", {
      path: `/OS-TRUST/trusts/${trusts[0]!.resource.id}`,
      okStatuses: [404],
    });
    expect(gone.status).toBe(404);
  });

  it("deletes a deleted project's application credential under its user's path, after the project's 404", async () => {
    const alice = await userId("alice");
    const credentials = (await fx.session.request("identity", { path: `/users/${alice}/application_credentials` }))
      .body as { application_credentials: { id: string; name: string }[] };
    const credential = credentials.application_credentials[0]!;
    // Keystone keeps a project's application credentials when the project is deleted.
    const acme = await fx.idOf("identity.project", "acme");
    await fx.session.request("identity", { method: "DELETE", path: `/projects/${acme}` });
    const findings = fromDatabase({
      resources: {
        "identity.user": [{ id: alice, name: "alice" }],
        "identity.application-credential": [{ ...credential, user_id: alice, project_id: acme }],
      },
      confirmations: { "identity.project": { [acme]: "missing" } },
    });
    expect(findings.map((f) => f.resource.id)).toEqual([`${alice}/${credential.id}`]);
    expect(await applyFindings(findings)).toEqual(["done"]);
    const after = await fx.session.request("identity", {
      path: `/users/${alice}/application_credentials/${credential.id}`,
      okStatuses: [404],
    });
    expect(after.status).toBe(404);
  });

  it("deletes a deleted user's key pair, and leaves one whose user answers again", async () => {
    const bob = await userId("bob");
    const findings = fromDatabase({
      resources: {
        "identity.user": [],
        "compute.keypair": [
          { name: "laptop", user_id: GONE_USER },
          { name: "laptop", user_id: bob },
        ],
      },
      // bob's lookup answered 404 at scan time, but bob exists when apply looks again.
      confirmations: { "identity.user": { [GONE_USER]: "missing", [bob]: "missing" } },
    });
    expect(findings.map((f) => f.resource.id)).toEqual([`${GONE_USER}/laptop`, `${bob}/laptop`]);
    expect(await applyFindings(findings)).toEqual([
      "done",
      `skipped: identity.user ${bob} exists again: the finding no longer holds`,
    ]);
    const show = (user: string) =>
      fx.session.request("compute", {
        path: `/os-keypairs/laptop?user_id=${user}`,
        microversion: "2.10",
        okStatuses: [200, 404],
      });
    expect((await show(GONE_USER)).status).toBe(404);
    expect((await show(bob)).status).toBe(200);
  });
});
