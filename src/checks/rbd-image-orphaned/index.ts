// rbd-image-orphaned: RBD images named after a volume, server, image or backup the services no longer list. The
// data stays in the pool after a half-failed delete (a row soft-deleted by hand, a compute down while its server was
// deleted, a store error): it costs disk, and no API will ever show it.

import type { Check, Detection } from "../check.ts";
import { formatDuration } from "../../inventory/age.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { bytesHeld, ORPHAN_AGE_THRESHOLD, orphanedImages, rbdTypesOf } from "../support/rbd-pools.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** How a summary names each kind of owner, and the record field holding its id. */
const OWNERS = {
  volume: ["volume", "volume_id"],
  "deleted-volume": ["deleted volume", "volume_id"],
  server: ["server", "server_id"],
  image: ["image", "image_id"],
  backup: ["backup", "backup_id"],
  "backup-base": ["volume with backups", "volume_id"],
} as const;

export const rbdImageOrphaned: Check = {
  id: "rbd-image-orphaned",
  title: "RBD image no service owns",
  description:
    "RBD images whose name (the services' own naming) points to a volume, server, image or backup that Cinder, " +
    "Nova or Glance does not list; never while a client has the image open, nor before it is old enough.",
  severity: "warning",
  needs: [],
  optional: rbdTypesOf(),
  ...ORPHAN_AGE_THRESHOLD,
  // The trash, never `rbd rm`: recoverable with `rbd trash restore`. Apply runs it only with remediation.rbdTrash
  // enabled, after `rbd status` shows no watcher and the owner the name gives still answers 404.
  remediation: [STEP.rbdImageTrashMove()],
  confirms: [
    { type: "block-storage.volume", idsFrom: "volume_id" },
    { type: "compute.server", idsFrom: "server_id" },
    { type: "image.image", idsFrom: "image_id" },
    { type: "block-storage.backup", idsFrom: "backup_id" },
  ],
  run(context) {
    const minAge = numberThreshold(context, "minAgeSeconds");
    const detections: Detection[] = [];
    for (const { pool, image, name, owner, ageSeconds: age } of orphanedImages(
      context.inventory,
      context.now,
      minAge,
    )) {
      const created = text(image, "created_at");
      const [word, field] = OWNERS[owner.kind];
      detections.push({
        resourceType: pool.type,
        resourceId: text(image, "id") ?? name,
        summary: `RBD image ${text(image, "pool")}/${name} of ${word} ${text(image, field) ?? "?"}, which no service lists, ${formatDuration(age)} old`,
        evidence: {
          ...pick(image, [
            "pool",
            "name",
            "owner",
            "volume_id",
            "server_id",
            "image_id",
            "backup_id",
            "created_at",
            "watchers",
            "parent",
          ]),
          ...bytesHeld(image),
        },
        since: created,
        // A chain's base has no single owner to look up again (its volume's backups own it): never moved by apply.
        ...(owner.kind === "backup-base"
          ? {
              remediation: [
                STEP.report("the storage operator: check Cinder lists no backup of that volume, then rbd trash mv"),
              ],
            }
          : {}),
      });
    }
    return detections;
  },
};
