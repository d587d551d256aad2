// volume-attach-status-mismatch: a volume whose status contradicts its attachments (in-use with none, available
// with some); Nova and Cinder then disagree and attach/detach/delete all fail.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { objects, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const volumeAttachStatusMismatch: Check = {
  id: "volume-attach-status-mismatch",
  title: "Volume status contradicts its attachments",
  description:
    "Volumes in-use with no attachment, or available with attachments, unchanged for longer than the threshold " +
    "(attach and detach update both within seconds).",
  severity: "warning",
  needs: ["block-storage.volume"],
  thresholds: { minAgeSeconds: 600 },
  thresholdReasons: {
    minAgeSeconds:
      "an age window, since no lookup can settle it: the status and the attachments come from one record, which Cinder updates in two steps while an attach or detach runs; ten minutes is far past both",
  },
  remediation: [STEP.volumeResetStatus("available", "detached")],
  run(context) {
    const minAge = numberThreshold(context, "minAgeSeconds");
    const detections: Detection[] = [];
    for (const volume of neededRecords(context.inventory, "block-storage.volume")) {
      const id = keyOf("block-storage.volume", volume);
      const status = text(volume, "status");
      if (id === null || !("attachments" in volume)) continue;
      const count = objects(volume, "attachments").length;
      const mismatch = (status === "in-use" && count === 0) || (status === "available" && count > 0);
      if (!mismatch) continue;
      const since = stateSince(volume);
      const age = secondsSince(since, context.now);
      if (age === null || age < minAge) continue;
      detections.push({
        resourceType: "block-storage.volume",
        resourceId: id,
        summary:
          count === 0
            ? `volume in-use with no attachment for ${formatDuration(age)}`
            : `volume available with ${count} attachment${count > 1 ? "s" : ""} for ${formatDuration(age)}`,
        evidence: pick(volume, ["status", "attachments", "updated_at"]),
        since,
        // Reset to the state the attachments prove.
        remediation: [
          count === 0 ? STEP.volumeResetStatus("available", "detached") : STEP.volumeResetStatus("in-use", "attached"),
        ],
      });
    }
    return detections;
  },
};
