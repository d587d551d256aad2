import { describe, expect, it } from "vitest";
import { testInventory, TEST_ADMIN_PROJECT_ID } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { credentialOrphaned } from "./index.ts";

const GONE_PROJECT = "ce56d490d23e40899e0c1bf5cf99a96b";
const GONE_USER = "9f1c0e6a2b3d4e5f60718293a4b5c6d7";
const ALIVE = "1b2c3d4e5f60718293a4b5c6d7e8f901";
const users = [{ id: ALIVE, name: "alice", domain_id: "default", enabled: true }];

const inventory = testInventory({
  resources: {
    "identity.user": users,
    "identity.application-credential": [
      { id: "ac1", name: "ci", user_id: ALIVE, project_id: GONE_PROJECT, unrestricted: false },
      { id: "ac2", name: "live", user_id: ALIVE, project_id: TEST_ADMIN_PROJECT_ID },
    ],
    "compute.keypair": [
      { name: "laptop", user_id: GONE_USER, fingerprint: "aa:bb", type: "ssh" },
      { name: "laptop", user_id: ALIVE, fingerprint: "cc:dd", type: "ssh" },
    ],
  },
  confirmations: {
    "identity.project": { [GONE_PROJECT]: "missing" },
    "identity.user": { [GONE_USER]: "missing" },
  },
});

describe("credential-orphaned", () => {
  it("reports application credentials and key pairs whose user or project answered 404, nothing live", () => {
    const found = detect(credentialOrphaned, inventory);
    expect(found.map((d) => [d.resourceType, d.resourceId, d.summary])).toEqual([
      ["identity.application-credential", `${ALIVE}/ac1`, `application credential of deleted project ${GONE_PROJECT}`],
      ["compute.keypair", `${GONE_USER}/laptop`, `key pair of deleted user ${GONE_USER}`],
    ]);
    expect(found[1]?.remediation).toEqual([
      { action: "keypair.delete", params: { user_id: GONE_USER, keypair_name: "laptop" } },
    ]);
    expect(found[1]?.evidence).toMatchObject({ userLookup: "GET /v3/users/{id} → 404" });
    expect(found[0]?.evidence).not.toHaveProperty("userLookup");
  });

  it("is inconclusive without a complete user list, and partial without the databases of the other types", () => {
    expect(
      runCheck(
        credentialOrphaned,
        testInventory({ incomplete: { "identity.user": { status: "truncated", reason: "list_limit" } } }),
      ).inconclusive,
    ).toBe(true);
    const partial = runCheck(
      credentialOrphaned,
      testInventory({
        resources: { "identity.user": users, "compute.keypair": [{ name: "k", user_id: GONE_USER }] },
        incomplete: {
          "compute.keypair": { status: "absent", reason: "the database source is not enabled" },
        },
        confirmations: { "identity.user": { [GONE_USER]: "missing" } },
      }),
    );
    expect(partial).toEqual({ inconclusive: false, detections: [] });
  });
});
