// backup-stuck: volume backups in a transitional status long after any healthy operation would have ended
// (typically cinder-backup restarted mid-way).

import type { Check, Detection, RemediationStep } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** Transitional statuses of `cinder.objects.fields.BackupStatus`. */
export const BACKUP_TRANSITIONAL_STATUSES: readonly string[] = ["creating", "deleting", "restoring"];

function remediationFor(status: string): RemediationStep[] {
  if (status === "creating") return [STEP.backupResetStatus("error", "backup.delete")];
  if (status === "deleting") return [STEP.backupResetStatus("error", "backup.delete"), STEP.backupForceDelete()];
  // restoring: the backup itself is intact; the volume being restored into is the one to look at.
  return [STEP.backupResetStatus("available")];
}

export const backupStuck: Check = {
  id: "backup-stuck",
  title: "Backup stuck in a transitional status",
  description:
    "Volume backups creating, deleting or restoring for longer than the threshold (deleting: a shorter one).",
  severity: "warning",
  needs: ["block-storage.backup"],
  // Backups of large volumes legitimately take hours: the default is longer than for volumes.
  thresholds: { maxAgeSeconds: 6 * 3600, deletingMaxAgeSeconds: 3600 },
  thresholdReasons: {
    maxAgeSeconds:
      "Cinder sets no timeout on a backup; 6 h covers a 1 TiB volume read and written at 50 MB/s by one cinder-backup (the swift driver's 50 MiB objects, backup_swift_object_size)",
    deletingMaxAgeSeconds:
      "a delete removes the backup's objects, far less work than writing them: an hour covers the largest backup's objects",
  },
  remediation: [STEP.backupResetStatus("error", "backup.delete"), STEP.backupForceDelete()],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const deletingMaxAge = numberThreshold(context, "deletingMaxAgeSeconds");
    const detections: Detection[] = [];
    for (const backup of neededRecords(context.inventory, "block-storage.backup")) {
      const id = keyOf("block-storage.backup", backup);
      const status = text(backup, "status");
      if (id === null || status === null || !BACKUP_TRANSITIONAL_STATUSES.includes(status)) continue;
      const since = stateSince(backup);
      const age = secondsSince(since, context.now);
      if (age === null || age <= (status === "deleting" ? deletingMaxAge : maxAge)) continue;
      detections.push({
        resourceType: "block-storage.backup",
        resourceId: id,
        summary: `backup stuck in ${status} for ${formatDuration(age)}`,
        evidence: pick(backup, ["status", "updated_at", "created_at", "volume_id", "size"]),
        since,
        remediation: remediationFor(status),
      });
    }
    return detections;
  },
};
