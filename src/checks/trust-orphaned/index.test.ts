import { describe, expect, it } from "vitest";
import { testInventory, TEST_ADMIN_PROJECT_ID } from "../../inventory/test-inventory.ts";
import { confirmedReferences } from "../confirms.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { trustOrphaned } from "./index.ts";

const GONE_PROJECT = "ce56d490d23e40899e0c1bf5cf99a96b";
const GONE_USER = "9f1c0e6a2b3d4e5f60718293a4b5c6d7";
const ALIVE = "1b2c3d4e5f60718293a4b5c6d7e8f901";

const inventory = testInventory({
  resources: {
    "identity.user": [{ id: ALIVE, name: "alice", domain_id: "default", enabled: true }],
    "identity.trust": [
      { id: "t-project", trustor_user_id: ALIVE, trustee_user_id: ALIVE, project_id: GONE_PROJECT },
      { id: "t-trustor", trustor_user_id: GONE_USER, trustee_user_id: ALIVE, project_id: TEST_ADMIN_PROJECT_ID },
      { id: "t-live", trustor_user_id: ALIVE, trustee_user_id: ALIVE, project_id: TEST_ADMIN_PROJECT_ID },
      // A lookup that got no answer proves nothing.
      { id: "t-unknown", trustor_user_id: "unanswered", trustee_user_id: ALIVE, project_id: TEST_ADMIN_PROJECT_ID },
    ],
  },
  confirmations: {
    "identity.project": { [GONE_PROJECT]: "missing" },
    "identity.user": { [GONE_USER]: "missing", unanswered: "unknown" },
  },
});

describe("trust-orphaned", () => {
  it("reports trusts whose trustor or project answered 404, with the delete, and nothing live or unanswered", () => {
    const found = detect(trustOrphaned, inventory);
    expect(found.map((d) => [d.resourceId, d.summary, d.remediation?.map((s) => s.action)])).toEqual([
      ["t-project", `trust of deleted project ${GONE_PROJECT}`, ["trust.delete"]],
      ["t-trustor", `trust of deleted trustor ${GONE_USER}`, ["trust.delete"]],
    ]);
  });

  it("has apply look up again exactly what the finding says is gone", () => {
    const [project, trustor] = detect(trustOrphaned, inventory);
    const again = (d: typeof project) =>
      confirmedReferences(trustOrphaned, { type: "identity.trust", projectId: TEST_ADMIN_PROJECT_ID, ...d! });
    expect(again(trustor)).toEqual([{ type: "identity.user", id: GONE_USER }]);
    expect(
      confirmedReferences(trustOrphaned, {
        type: "identity.trust",
        projectId: GONE_PROJECT,
        evidence: project!.evidence,
      }),
    ).toEqual([{ type: "identity.project", id: GONE_PROJECT }]);
  });

  it("is inconclusive when the user list is incomplete (Keystone's list_limit)", () => {
    const truncated = testInventory({ incomplete: { "identity.user": { status: "truncated", reason: "list_limit" } } });
    expect(runCheck(trustOrphaned, truncated).inconclusive).toBe(true);
  });
});
