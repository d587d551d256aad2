// rbd-trash-expired: RBD trash entries whose deferment ended long ago. Cinder's deferred deletion (and its fallback
// for a busy image) moves a volume's image to the trash for a delay; if nothing purges it after, it holds its
// space forever (cinder/volume/drivers/rbd.py `_try_remove_volume`, `enable_deferred_deletion`).

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince } from "../../inventory/age.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { completePools, rbdTypesOf } from "../support/rbd-pools.ts";
import { numberThreshold } from "../support/threshold.ts";

export const rbdTrashExpired: Check = {
  id: "rbd-trash-expired",
  title: "RBD trash entry past its deferment",
  description:
    "Images in a pool's RBD trash whose deferment ended more than the grace ago: nothing purged them, and they " +
    "hold their space until `rbd trash purge` or `rbd trash rm`.",
  severity: "info",
  needs: [],
  optional: rbdTypesOf(),
  thresholds: { graceSeconds: 86_400 },
  thresholdReasons: {
    graceSeconds:
      "a day past the deferment end gives the services' own trash purge (rbd trash purge schedule, Cinder's deferred deletion) time to act first",
  },
  remediation: [],
  run(context) {
    const grace = numberThreshold(context, "graceSeconds");
    const detections: Detection[] = [];
    for (const { type, trash } of completePools(context.inventory)) {
      for (const entry of trash) {
        const end = text(entry, "deferment_end");
        const past = secondsSince(end, context.now);
        const id = text(entry, "id");
        if (id === null || past === null || past < grace) continue;
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `RBD trash entry ${text(entry, "pool")}/${text(entry, "name")} expired ${formatDuration(past)} ago and was never purged`,
          evidence: pick(entry, ["pool", "name", "trash_id", "trash_source", "deleted_at", "deferment_end"]),
          since: end,
        });
      }
    }
    return detections;
  },
};
