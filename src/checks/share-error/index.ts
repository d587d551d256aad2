// share-error: Manila shares left in an error status. What fixes one depends on the operation that failed: a failed
// create or delete holds nothing worth keeping, a failed resize or revert left the data in place.

import type { Check, Detection, RemediationStep } from "../check.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

/** Manila's error statuses of a share (manila/common/constants.py). */
export const SHARE_ERROR_STATUSES: readonly string[] = [
  "error",
  "error_deleting",
  "extending_error",
  "shrinking_error",
  "shrinking_possible_data_loss_error",
  "reverting_error",
  "manage_error",
  "unmanage_error",
];

function remediationFor(status: string): RemediationStep[] {
  switch (status) {
    case "error":
      return [STEP.shareDelete(), STEP.shareForceDelete()];
    case "error_deleting":
      // Manila deletes a share in error; error_deleting must be reset first, or forced.
      return [STEP.shareResetStatus("error", "share.delete"), STEP.shareForceDelete()];
    case "extending_error":
    case "shrinking_error":
    case "reverting_error":
      // The backend kept the share as it was: only the status is wrong.
      return [STEP.shareResetStatus("available")];
    case "shrinking_possible_data_loss_error":
      return [STEP.report("the share's project: the backend may have cut data off while shrinking it")];
    default:
      // manage_error, unmanage_error: the backend's share and Manila's record disagree; only an operator knows which holds.
      return [STEP.report("the cloud operator: a failed manage or unmanage leaves the backend's share in doubt")];
  }
}

export const shareError: Check = {
  id: "share-error",
  title: "Share in an error status",
  description:
    "Manila shares in error, error_deleting, extending_error, shrinking_error, shrinking_possible_data_loss_error, " +
    "reverting_error, manage_error or unmanage_error.",
  severity: "warning",
  needs: ["shared-file-system.share"],
  thresholds: {},
  remediation: [
    STEP.shareDelete(),
    STEP.shareResetStatus("error", "share.delete"),
    STEP.shareResetStatus("available"),
    STEP.shareForceDelete(),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const share of neededRecords(inventory, "shared-file-system.share")) {
      const id = keyOf("shared-file-system.share", share);
      const status = text(share, "status");
      if (id === null || status === null || !SHARE_ERROR_STATUSES.includes(status)) continue;
      detections.push({
        resourceType: "shared-file-system.share",
        resourceId: id,
        summary: `share in ${status}`,
        evidence: pick(share, ["status", "task_state", "size", "host", "share_proto", "created_at"]),
        // Manila's share view has no updated_at: when the share entered the status is unknown.
        since: null,
        remediation: remediationFor(status),
      });
    }
    return detections;
  },
};
