// image-unlisted: Glance images the Image API never lists, read from Glance's database: `killed` (an upload that
// failed; measured on Zed: absent even from `?status=killed`) and `pending_delete` past the scrubber's delay (a
// deleted image whose data still fills the store).

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const imageUnlisted: Check = {
  id: "image-unlisted",
  title: "Image the Image API never lists",
  description:
    "Images in killed (failed uploads), and images in pending_delete longer than the threshold (the scrubber has " +
    "not removed their data), from Glance's database: no listing of the Image API shows either.",
  severity: "warning",
  needs: ["database.image-unlisted"],
  thresholds: { pendingDeleteMaxAgeSeconds: 86_400 },
  thresholdReasons: {
    pendingDeleteMaxAgeSeconds:
      "glance-scrubber removes delayed deletes on its next run (every 300 s by default, after scrub_time, 0 by default): a day in pending_delete means no scrubber runs",
  },
  remediation: [STEP.report("the cloud operators: DELETE /v2/images/{id} (a killed image is deleted by id)")],
  run(context) {
    const maxAge = numberThreshold(context, "pendingDeleteMaxAgeSeconds");
    const detections: Detection[] = [];
    for (const image of neededRecords(context.inventory, "database.image-unlisted")) {
      const id = keyOf("database.image-unlisted", image);
      const status = text(image, "status");
      if (id === null) continue;
      const evidence = {
        ...pick(image, ["status", "updated_at", "deleted_at", "size", "disk_format"]),
        source: "database",
      };
      if (status === "killed") {
        detections.push({
          resourceType: "database.image-unlisted",
          resourceId: id,
          summary: "image killed (upload failed); the Image API never lists it",
          evidence,
          since: text(image, "updated_at") ?? text(image, "created_at"),
        });
      } else if (status === "pending_delete") {
        const since = text(image, "deleted_at") ?? text(image, "updated_at");
        const age = secondsSince(since, context.now);
        if (age === null || age <= maxAge) continue;
        detections.push({
          resourceType: "database.image-unlisted",
          resourceId: id,
          summary: `image pending_delete for ${formatDuration(age)}: the scrubber has not removed its data`,
          evidence,
          since,
          remediation: [
            STEP.report(
              "the cloud operators: run glance-scrubber (is it running, with the store reachable?), or `glance-scrubber --restore {id}` to keep the image",
            ),
          ],
        });
      }
    }
    return detections;
  },
};
