// rbd-snapshot-orphan-clones: RBD snapshots (a Glance image's protected `snap`, a Cinder snapshot) whose every clone
// is an orphaned image. The snapshot cannot be removed while a clone depends on it, so Glance refuses to delete the
// image ("in use") and Cinder keeps the volume as `.deleted`: debris holds the parent, and removing the orphans frees
// it (cinder/volume/drivers/rbd.py `delete_volume`, glance_store/_drivers/rbd.py `_delete_image`).

import type { Check, Detection } from "../check.ts";
import { num, strings, text } from "../../inventory/record-field.ts";
import {
  completePools,
  ORPHAN_AGE_THRESHOLD,
  orphanedImages,
  rbdTypesOf,
  type OrphanedImage,
} from "../support/rbd-pools.ts";
import { numberThreshold } from "../support/threshold.ts";

export const rbdSnapshotOrphanClones: Check = {
  id: "rbd-snapshot-orphan-clones",
  title: "RBD snapshot held only by orphaned clones",
  description:
    "Parent snapshots (a Glance image's protected snap, a Cinder snapshot) whose every clone, per `rbd children " +
    "--all`, is an RBD image no service owns: the parent cannot be deleted until they are removed.",
  severity: "warning",
  needs: [],
  optional: rbdTypesOf(),
  ...ORPHAN_AGE_THRESHOLD,
  remediation: [],
  run(context) {
    const orphans = orphanedImages(context.inventory, context.now, numberThreshold(context, "minAgeSeconds"));
    const orphanSpecs = new Set(orphans.map((orphan) => `${text(orphan.image, "pool")}/${orphan.name}`));
    const typeOfPool = new Map(
      completePools(context.inventory).map((pool) => [text(pool.pool, "pool"), pool.type] as const),
    );
    const byParent = new Map<string, OrphanedImage[]>();
    for (const orphan of orphans) {
      const parent = text(orphan.image, "parent");
      if (parent !== null) byParent.set(parent, [...(byParent.get(parent) ?? []), orphan]);
    }
    const detections: Detection[] = [];
    for (const [parent, children] of byParent) {
      // The clones as `rbd children --all` listed them; unread (a parent gone since), nothing is decided.
      const image = children[0]!.image;
      const specs = strings(image, "parent_clones").sort();
      if (specs.length === 0 || num(image, "parent_clones_in_trash") !== 0) continue;
      // A clone in the trash, or one that is not an orphan (owned, in use, too young), still needs the parent.
      if (!specs.every((spec) => orphanSpecs.has(spec))) continue;
      const parentPool = parent.split("/")[0]!;
      detections.push({
        resourceType: typeOfPool.get(parentPool) ?? children[0]!.pool.type,
        resourceId: parent,
        summary: `RBD snapshot ${parent} is held only by ${specs.length} orphaned clone(s): ${specs.join(", ")}`,
        evidence: {
          parent,
          clones: specs,
          clones_provisioned_bytes: children.reduce((sum, child) => sum + (Number(child.image.size) || 0), 0),
        },
        since: null,
      });
    }
    return detections;
  },
};
