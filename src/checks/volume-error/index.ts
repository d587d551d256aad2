// volume-error: volumes Cinder left in one of its error statuses; they hold quota and often backend storage.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { objects, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

/** Cinder's error statuses of a volume (`cinder.objects.fields.VolumeStatus`). */
export const VOLUME_ERROR_STATUSES: readonly string[] = [
  "error",
  "error_deleting",
  "error_extending",
  "error_restoring",
  "error_managing",
  "error_backing-up",
];

export const volumeError: Check = {
  id: "volume-error",
  title: "Volume in an error status",
  description:
    "Volumes in error, error_deleting, error_extending, error_restoring, error_managing or error_backing-up: " +
    "they count against quota and may still hold storage on the backend.",
  severity: "warning",
  needs: ["block-storage.volume"],
  thresholds: {},
  remediation: [
    STEP.volumeDelete(),
    STEP.volumeForceDelete(),
    STEP.volumeResetStatus("error", "detached", "volume.delete"),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const volume of neededRecords(inventory, "block-storage.volume")) {
      const status = text(volume, "status");
      const id = keyOf("block-storage.volume", volume);
      if (id === null || status === null || !VOLUME_ERROR_STATUSES.includes(status)) continue;
      // Cinder refuses to delete a volume it still sees attached, even in error: detach it in the database first.
      const attached = objects(volume, "attachments").length > 0;
      detections.push({
        resourceType: "block-storage.volume",
        resourceId: id,
        summary: attached ? `volume in ${status}, still attached` : `volume in ${status}`,
        evidence: pick(volume, ["status", "updated_at", "attachments", "os-vol-host-attr:host"]),
        since: stateSince(volume),
        remediation: attached
          ? [STEP.volumeResetStatus("error", "detached", "volume.delete"), STEP.volumeForceDelete()]
          : [
              STEP.volumeDelete(),
              STEP.volumeForceDelete(),
              STEP.volumeResetStatus("error", "detached", "volume.delete"),
            ],
      });
    }
    return detections;
  },
};
