// share-stuck: Manila shares still being created (or brought under management) long after any backend answers,
// usually because manila-share died or lost the RPC message.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/**
 * The transitional statuses a share enters when its record is made, so that `created_at` dates the status. Manila's
 * share view has no `updated_at`, so a share deleting, extending, shrinking, migrating or reverting cannot be aged
 * through the API (it may have started a second ago): those are not judged here.
 */
export const SHARE_STATUSES_SINCE_CREATION: readonly string[] = [
  "creating",
  "creating_from_snapshot",
  "manage_starting",
];

export const shareStuck: Check = {
  id: "share-stuck",
  title: "Share stuck in creation",
  description: "Manila shares creating, creating_from_snapshot or manage_starting for longer than the threshold.",
  severity: "warning",
  needs: ["shared-file-system.share"],
  thresholds: { maxAgeSeconds: 3600 },
  thresholdReasons: {
    maxAgeSeconds:
      "Manila sets no timeout on a create; a backend creates a share in seconds, one from a large snapshot in minutes: an hour is stuck",
  },
  remediation: [STEP.shareResetStatus("error")],
  run(context) {
    const { inventory, now } = context;
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const share of neededRecords(inventory, "shared-file-system.share")) {
      const id = keyOf("shared-file-system.share", share);
      const status = text(share, "status");
      if (id === null || status === null || !SHARE_STATUSES_SINCE_CREATION.includes(status)) continue;
      const since = text(share, "created_at");
      const age = secondsSince(since, now);
      if (age === null || age <= maxAge) continue;
      detections.push({
        resourceType: "shared-file-system.share",
        resourceId: id,
        summary: `share stuck in ${status} for ${formatDuration(age)}`,
        evidence: pick(share, ["status", "task_state", "host", "created_at"]),
        since,
        // The share never got its storage (or never came under management): nothing on it is worth keeping.
        remediation: [STEP.shareResetStatus("error")],
      });
    }
    return detections;
  },
};
