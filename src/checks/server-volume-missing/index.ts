// server-volume-missing: Nova's block device mapping names a volume Cinder no longer has; the server then fails to
// reboot, migrate or resize.

import type { Check, Detection } from "../check.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { objects, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

/**
 * No API removes it: Nova's `DELETE /servers/{id}/os-volume_attachments/{volume_id}` first asks Cinder for the volume
 * and answers 404 when Cinder has none (nova/api/openstack/compute/volume_attachments.py), so the stale
 * block_device_mapping row can only be soft-deleted in Nova's database by an operator.
 */
const REPORT_ONLY = STEP.report(
  "the cloud operators: soft-delete the server's block_device_mapping row for the volume in Nova's database (the API refuses: Cinder no longer has the volume)",
);

export const serverVolumeMissing: Check = {
  id: "server-volume-missing",
  title: "Server lists an attached volume that does not exist",
  description:
    "Servers whose os-extended-volumes:volumes_attached names a volume absent from the complete volume list that " +
    "answered 404 to GET /volumes/{id}.",
  severity: "warning",
  needs: ["compute.server", "block-storage.volume"],
  thresholds: {},
  confirms: [{ type: "block-storage.volume", idsFrom: "os-extended-volumes:volumes_attached[].id" }],
  remediation: [REPORT_ONLY],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const server of neededRecords(inventory, "compute.server")) {
      const id = keyOf("compute.server", server);
      // A down cell answers with a stub record; its attachments are not known.
      if (id === null || text(server, "status") === "UNKNOWN") continue;
      const missing = objects(server, "os-extended-volumes:volumes_attached")
        .map((v) => text(v, "id"))
        .filter((volumeId): volumeId is string => volumeId !== null)
        .filter((volumeId) => isConfirmedMissing(inventory, "block-storage.volume", volumeId));
      if (missing.length === 0) continue;
      detections.push({
        resourceType: "compute.server",
        resourceId: id,
        summary: `server lists deleted volume ${missing.join(", ")}`,
        evidence: {
          status: server["status"],
          "os-extended-volumes:volumes_attached": missing.map((volumeId) => ({ id: volumeId })),
          volumeLookup: "GET /volumes/{id} → 404",
        },
        since: null,
      });
    }
    return detections;
  },
};
