import { describe, expect, it } from "vitest";
import { testInventory, TEST_ADMIN_PROJECT_ID } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { imageMemberMissing } from "./index.ts";

describe("image-member-missing", () => {
  it("reports a membership of a project that answered 404, deleting that membership", () => {
    const inventory = testInventory({
      resources: { "image.member": [{ image_id: "img1", member_id: "gone", status: "accepted" }] },
      confirmations: { "identity.project": { gone: "missing" } },
    });
    const [detection] = detect(imageMemberMissing, inventory);
    expect(detection?.resourceId).toBe("img1/gone");
    expect(detection?.summary).toBe("image img1 shared with deleted project gone");
    expect(detection?.remediation?.[0]).toMatchObject({
      action: "image.member-delete",
      params: { image_id: "img1", member_id: "gone" },
    });
  });

  it("does not fire on a member that exists or was not confirmed missing", () => {
    const inventory = testInventory({
      resources: {
        "image.member": [
          { image_id: "img1", member_id: TEST_ADMIN_PROJECT_ID, status: "accepted" },
          { image_id: "img1", member_id: "unsure", status: "pending" },
        ],
      },
      confirmations: { "identity.project": { unsure: "unknown" } },
    });
    expect(detect(imageMemberMissing, inventory)).toEqual([]);
  });

  it("is inconclusive when the project list is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "identity.project": { status: "failed", reason: "keystone 503" } },
    });
    expect(runCheck(imageMemberMissing, inventory).inconclusive).toBe(true);
  });
});
