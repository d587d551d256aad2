// image-stuck: Glance images whose upload or import never finished (queued, saving, uploading, importing for hours)
// or that Glance killed; they are unusable and may hold partial data in the store.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** Glance's statuses of an image whose data is still on its way (`glance.db` image statuses). */
export const IMAGE_PENDING_STATUSES: readonly string[] = ["queued", "saving", "uploading", "importing"];

export const imageStuck: Check = {
  id: "image-stuck",
  title: "Image stuck uploading or killed",
  description: "Images queued, saving, uploading or importing for longer than the threshold, and killed images.",
  severity: "warning",
  needs: ["image.image"],
  thresholds: { maxAgeSeconds: 6 * 3600 },
  thresholdReasons: {
    maxAgeSeconds:
      "Glance sets no timeout on queued, saving or importing images; 6 h covers uploading a 100 GiB image at 5 MB/s",
  },
  remediation: [STEP.imageDelete()],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const image of neededRecords(context.inventory, "image.image")) {
      const id = keyOf("image.image", image);
      const status = text(image, "status");
      if (id === null || status === null) continue;
      const since = stateSince(image);
      const age = secondsSince(since, context.now);
      let summary: string;
      if (status === "killed") summary = "image killed (upload failed)";
      else if (IMAGE_PENDING_STATUSES.includes(status) && age !== null && age > maxAge)
        summary = `image stuck in ${status} for ${formatDuration(age)}`;
      else continue;
      detections.push({
        resourceType: "image.image",
        resourceId: id,
        summary,
        evidence: pick(image, ["status", "updated_at", "size", "disk_format", "visibility"]),
        since,
      });
    }
    return detections;
  },
};
