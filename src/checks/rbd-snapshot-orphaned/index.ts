// rbd-snapshot-orphaned: RBD snapshots named after a Cinder snapshot Cinder no longer lists. A snapshot row deleted
// while the backend failed leaves the RBD snapshot: it pins the volume's old data, and a protected one blocks
// deleting the volume.

import { cinderSnapshotIdOf, isOwned, ownerOf } from "../../deep/ceph/naming.ts";
import type { Check, Detection } from "../check.ts";
import { completeIds } from "../support/inventory-view.ts";
import { objects, pick, text } from "../../inventory/record-field.ts";
import { completePools, rbdTypesOf } from "../support/rbd-pools.ts";

export const rbdSnapshotOrphaned: Check = {
  id: "rbd-snapshot-orphaned",
  title: "RBD snapshot no Cinder snapshot owns",
  description:
    "RBD snapshots snapshot-<id> on a volume's image whose Cinder snapshot is not listed. Read for the images the " +
    "source opens (and every image with the ceph setting snapshots: all).",
  severity: "warning",
  needs: [],
  optional: rbdTypesOf(["volumes"]),
  thresholds: {},
  remediation: [],
  run({ inventory }) {
    const detections: Detection[] = [];
    const snapshotIds = completeIds(inventory, "block-storage.snapshot");
    for (const { role, type, images, owners } of completePools(inventory, ["volumes"])) {
      if (snapshotIds === null) continue;
      for (const image of images) {
        const name = text(image, "name");
        const owner = name === null ? null : ownerOf(role, name);
        // The snapshots of an image no volume owns go with it (rbd-image-orphaned).
        if (owner === null || !isOwned(owner, owners)) continue;
        for (const snap of objects(image, "snapshots")) {
          const snapName = text(snap, "name");
          const snapshotId = snapName === null ? null : cinderSnapshotIdOf(snapName);
          if (snapshotId === null || snapshotIds.has(snapshotId)) continue;
          detections.push({
            resourceType: type,
            resourceId: `${text(image, "id") ?? name}@${snapName}`,
            summary: `RBD snapshot ${text(image, "pool")}/${name}@${snapName} of Cinder snapshot ${snapshotId}, which Cinder does not list`,
            evidence: { ...pick(image, ["pool", "name", "volume_id"]), snapshot: snapName, protected: snap.protected },
            since: null,
          });
        }
      }
    }
    return detections;
  },
};
