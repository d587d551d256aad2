// block-device-mapping-volume-deleted: Nova block device mappings of live instances whose volume Cinder deleted or
// purged, read from the cell and Cinder databases: the server fails to reboot, migrate or resize. Where the API check
// `server-volume-missing` reports the same server, its finding carries this one's evidence instead.

import type { Check, Detection } from "../check.ts";
import { neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const blockDeviceMappingVolumeDeleted: Check = {
  id: "block-device-mapping-volume-deleted",
  title: "Server's block device mapping names a deleted volume (database)",
  description:
    "Live instances whose block_device_mapping names a volume that Cinder's database has deleted or no longer has.",
  severity: "warning",
  needs: ["database.block-device-mapping-of-deleted-volume"],
  thresholds: {},
  sameFindingAs: "server-volume-missing",
  // Nova's API refuses to detach a volume Cinder no longer has (it asks Cinder first and answers 404).
  remediation: [
    STEP.report(
      "the cloud operators: soft-delete the instance's block_device_mapping row for the volume in its cell database (deleted = id, deleted_at = now)",
    ),
  ],
  run({ inventory }) {
    // One detection per server, as the API check reports it.
    const byServer = new Map<string, Record<string, unknown>[]>();
    for (const mapping of neededRecords(inventory, "database.block-device-mapping-of-deleted-volume")) {
      const server = text(mapping, "instance_uuid");
      if (server === null) continue;
      byServer.set(server, [...(byServer.get(server) ?? []), mapping]);
    }
    const detections: Detection[] = [];
    for (const [server, mappings] of byServer) {
      const volumes = mappings.map((mapping) => text(mapping, "volume_id") ?? "?");
      detections.push({
        resourceType: "compute.server",
        resourceId: server,
        summary: `server's block device mapping names deleted volume ${volumes.join(", ")}`,
        evidence: {
          cell: mappings[0]?.cell ?? null,
          block_device_mapping: mappings.map((mapping) =>
            pick(mapping, ["id", "volume_id", "device_name", "volume_row", "volume_deleted_at"]),
          ),
          source: "database",
        },
        since: text(mappings[0] ?? {}, "volume_deleted_at"),
      });
    }
    return detections;
  },
};
