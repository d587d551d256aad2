// cinder-row-parent-deleted: live rows in Cinder's database whose parent is deleted or purged (the set
// sapcc/openstack-nannies' cinder consistency job cleans): attachments of deleted volumes, which keep a host's
// export and a server's mapping alive, and metadata of deleted volumes and snapshots, which only clutter.

import type { Check, Detection } from "../check.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

const NOUNS: Readonly<Record<string, string>> = {
  volume_attachment: "attachment",
  volume_metadata: "volume metadata",
  volume_admin_metadata: "volume admin metadata",
  volume_glance_metadata: "volume Glance metadata",
  snapshot_metadata: "snapshot metadata",
};

export const cinderRowParentDeleted: Check = {
  id: "cinder-row-parent-deleted",
  title: "Cinder row of a deleted volume or snapshot",
  description:
    "Live attachments, volume metadata, admin metadata and Glance metadata of deleted volumes, and snapshot " +
    "metadata of deleted snapshots, from Cinder's database.",
  severity: "info",
  needs: ["database.cinder-row-of-deleted-parent"],
  thresholds: {},
  // No Cinder API or cinder-manage command reaches a row whose volume is gone.
  remediation: [
    STEP.report(
      "the cloud operators: soft-delete the row in Cinder's database (deleted = 1, deleted_at = now), as openstack-nannies' cinder consistency job does",
    ),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const row of neededRecords(inventory, "database.cinder-row-of-deleted-parent")) {
      const id = keyOf("database.cinder-row-of-deleted-parent", row);
      const table = text(row, "table") ?? "";
      if (id === null) continue;
      const attachment = table === "volume_attachment";
      const parent = table === "snapshot_metadata" ? "snapshot" : "volume";
      detections.push({
        resourceType: "database.cinder-row-of-deleted-parent",
        resourceId: id,
        summary: `${NOUNS[table] ?? table} of ${text(row, "parent_row") === "absent" ? "purged" : "deleted"} ${parent} ${text(row, "parent_id") ?? "?"}`,
        evidence: {
          ...pick(row, [
            "table",
            "row_id",
            "parent_id",
            "parent_row",
            "parent_deleted_at",
            "instance_uuid",
            "attach_status",
            "attached_host",
          ]),
          source: "database",
        },
        since: text(row, "parent_deleted_at"),
        // A live attachment of a deleted volume still points a server at storage that is gone.
        severity: attachment ? "warning" : "info",
      });
    }
    return detections;
  },
};
