// snapshot-error: volume snapshots Cinder left in error or error_deleting; they block deleting their volume.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const snapshotError: Check = {
  id: "snapshot-error",
  title: "Snapshot in an error status",
  description: "Volume snapshots in error or error_deleting: they block deleting their volume and may hold storage.",
  severity: "warning",
  needs: ["block-storage.snapshot"],
  thresholds: {},
  remediation: [STEP.snapshotResetStatus("error", "snapshot.delete"), STEP.snapshotForceDelete()],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const snapshot of neededRecords(inventory, "block-storage.snapshot")) {
      const id = keyOf("block-storage.snapshot", snapshot);
      const status = text(snapshot, "status");
      if (id === null || (status !== "error" && status !== "error_deleting")) continue;
      detections.push({
        resourceType: "block-storage.snapshot",
        resourceId: id,
        summary: `snapshot in ${status}`,
        evidence: pick(snapshot, ["status", "volume_id", "updated_at"]),
        since: stateSince(snapshot),
        // Cinder deletes a snapshot in error directly; error_deleting must be reset first.
        remediation:
          status === "error"
            ? [STEP.snapshotDelete(), STEP.snapshotForceDelete()]
            : [STEP.snapshotResetStatus("error", "snapshot.delete"), STEP.snapshotForceDelete()],
      });
    }
    return detections;
  },
};
