// image-member-missing: Glance image memberships of projects that no longer exist; they keep the image "shared"
// and block reasoning about who can still boot it.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const imageMemberMissing: Check = {
  id: "image-member-missing",
  title: "Image shared with a deleted project",
  description:
    "Image members whose member_id is absent from the complete project list and answered 404 to GET /v3/projects/{id}.",
  severity: "info",
  needs: ["image.member", "identity.project"],
  thresholds: {},
  confirms: [{ type: "identity.project", idsFrom: "member_id" }],
  remediation: [STEP.imageMemberDelete("{image_id}", "{member_id}")],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const member of neededRecords(inventory, "image.member")) {
      const id = keyOf("image.member", member);
      const imageId = text(member, "image_id");
      const memberId = text(member, "member_id");
      if (id === null || imageId === null || memberId === null) continue;
      if (!isConfirmedMissing(inventory, "identity.project", memberId)) continue;
      detections.push({
        resourceType: "image.member",
        resourceId: id,
        summary: `image ${imageId} shared with deleted project ${memberId}`,
        evidence: {
          ...pick(member, ["image_id", "member_id", "status"]),
          projectLookup: "GET /v3/projects/{id} → 404",
        },
        since: stateSince(member),
        remediation: [STEP.imageMemberDelete(imageId, memberId)],
      });
    }
    return detections;
  },
};
