// backup-error: volume backups Cinder left in error or error_deleting; they are not restorable and hold quota.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const backupError: Check = {
  id: "backup-error",
  title: "Backup in an error status",
  description: "Volume backups in error or error_deleting: not restorable, still counted against quota.",
  severity: "warning",
  needs: ["block-storage.backup"],
  thresholds: {},
  remediation: [STEP.backupResetStatus("error", "backup.delete"), STEP.backupForceDelete()],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const backup of neededRecords(inventory, "block-storage.backup")) {
      const id = keyOf("block-storage.backup", backup);
      const status = text(backup, "status");
      if (id === null || (status !== "error" && status !== "error_deleting")) continue;
      detections.push({
        resourceType: "block-storage.backup",
        resourceId: id,
        summary: `backup in ${status}`,
        evidence: pick(backup, ["status", "fail_reason", "volume_id", "updated_at"]),
        since: stateSince(backup),
        remediation:
          status === "error"
            ? [STEP.backupDelete(), STEP.backupForceDelete()]
            : [STEP.backupResetStatus("error", "backup.delete"), STEP.backupForceDelete()],
      });
    }
    return detections;
  },
};
