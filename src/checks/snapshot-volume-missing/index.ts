// snapshot-volume-missing: volume snapshots whose volume Cinder no longer has. Cinder refuses to delete a volume
// with snapshots unless cascade, so this is the debris of a soft-deleted volume row or a backend that failed halfway;
// the snapshot still holds storage and quota and can never be restored from.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const snapshotVolumeMissing: Check = {
  id: "snapshot-volume-missing",
  title: "Snapshot whose volume is gone",
  description:
    "Volume snapshots whose volume_id is absent from the complete volume list and answered 404 to GET /volumes/{id}: " +
    "they hold storage and quota, and nothing can be restored from them.",
  severity: "warning",
  needs: ["block-storage.snapshot", "block-storage.volume"],
  thresholds: {},
  confirms: [{ type: "block-storage.volume", idsFrom: "volume_id" }],
  remediation: [
    STEP.report(
      "the cloud operators: Cinder answers 404 for the volume to every delete of the snapshot (os-force_delete too); " +
        "undelete the volume's row in Cinder's database and delete the volume with its snapshots (cascade), or " +
        "soft-delete the snapshot's row when the backend no longer holds it",
    ),
  ],
  run({ inventory, now }) {
    const detections: Detection[] = [];
    for (const snapshot of neededRecords(inventory, "block-storage.snapshot")) {
      const id = keyOf("block-storage.snapshot", snapshot);
      const volumeId = text(snapshot, "volume_id");
      if (id === null || volumeId === null || !isConfirmedMissing(inventory, "block-storage.volume", volumeId))
        continue;
      const since = stateSince(snapshot);
      const age = secondsSince(since, now);
      detections.push({
        resourceType: "block-storage.snapshot",
        resourceId: id,
        summary: `snapshot of deleted volume ${volumeId}${age === null ? "" : ` (unchanged for ${formatDuration(age)})`}`,
        evidence: {
          ...pick(snapshot, ["status", "volume_id", "size", "updated_at"]),
          volumeLookup: "GET /volumes/{id} → 404",
        },
        since,
      });
    }
    return detections;
  },
};
