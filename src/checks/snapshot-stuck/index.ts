// snapshot-stuck: volume snapshots in a transitional status long after any healthy operation would have ended.

import type { Check, Detection, RemediationStep } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** Transitional statuses of `cinder.objects.fields.SnapshotStatus`. */
export const SNAPSHOT_TRANSITIONAL_STATUSES: readonly string[] = [
  "creating",
  "deleting",
  "restoring",
  "updating",
  "backing-up",
  "unmanaging",
];

function remediationFor(status: string): RemediationStep[] {
  if (status === "creating") return [STEP.snapshotResetStatus("error", "snapshot.delete")];
  if (status === "deleting" || status === "unmanaging")
    return [STEP.snapshotResetStatus("error", "snapshot.delete"), STEP.snapshotForceDelete()];
  // restoring, updating, backing-up: the snapshot's data is intact.
  return [STEP.snapshotResetStatus("available")];
}

export const snapshotStuck: Check = {
  id: "snapshot-stuck",
  title: "Snapshot stuck in a transitional status",
  description:
    "Volume snapshots creating, deleting, restoring, updating, backing-up or unmanaging for longer than the " +
    "threshold (deleting: a shorter one).",
  severity: "warning",
  needs: ["block-storage.snapshot"],
  thresholds: { maxAgeSeconds: 3600, deletingMaxAgeSeconds: 1800 },
  thresholdReasons: {
    maxAgeSeconds:
      "Cinder sets no timeout on a snapshot; a backend takes one in seconds (copy-on-write) to minutes: an hour is stuck",
    deletingMaxAgeSeconds: "a delete is quicker than a create: 30 min is stuck",
  },
  remediation: [STEP.snapshotResetStatus("error", "snapshot.delete"), STEP.snapshotForceDelete()],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const deletingMaxAge = numberThreshold(context, "deletingMaxAgeSeconds");
    const detections: Detection[] = [];
    for (const snapshot of neededRecords(context.inventory, "block-storage.snapshot")) {
      const id = keyOf("block-storage.snapshot", snapshot);
      const status = text(snapshot, "status");
      if (id === null || status === null || !SNAPSHOT_TRANSITIONAL_STATUSES.includes(status)) continue;
      const since = stateSince(snapshot);
      const age = secondsSince(since, context.now);
      if (age === null || age <= (status === "deleting" ? deletingMaxAge : maxAge)) continue;
      detections.push({
        resourceType: "block-storage.snapshot",
        resourceId: id,
        summary: `snapshot stuck in ${status} for ${formatDuration(age)}`,
        evidence: pick(snapshot, ["status", "updated_at", "created_at", "os-extended-snapshot-attributes:progress"]),
        since,
        remediation: remediationFor(status),
      });
    }
    return detections;
  },
};
