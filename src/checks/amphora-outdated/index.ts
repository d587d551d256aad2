// amphora-outdated: amphorae older than the rotation period, or built from an amphora image other than the newest:
// they miss security fixes of the image (and their certificates age); a load balancer failover rotates them.

import type { Check, Detection } from "../check.ts";
import { formatDuration, parseApiTime, secondsSince } from "../../inventory/age.ts";
import { completeRecords, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, strings, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold, stringThreshold } from "../support/threshold.ts";

export const amphoraOutdated: Check = {
  id: "amphora-outdated",
  title: "Amphora due for rotation",
  description:
    "ALLOCATED amphorae older than the threshold (from created_at: this check is about age), or built from an image " +
    "other than the newest active image tagged with Octavia's amp_image_tag.",
  severity: "info",
  needs: ["load-balancer.amphora"],
  optional: ["image.image"],
  thresholds: { maxAgeDays: 30, amphoraImageTag: "amphora" },
  thresholdReasons: {
    maxAgeDays:
      "Octavia's amphora certificates are valid 30 days (cert_validity_time in octavia/certificates/common/local.py): an older amphora has lived through a rotation",
    amphoraImageTag:
      "the tag deployments give amphora images in [controller_worker] amp_image_tag (devstack and kolla use amphora; Octavia's own default is empty)",
  },
  remediation: [STEP.loadbalancerFailoverOf("{loadbalancer_id}")],
  run(context) {
    const maxAgeSeconds = numberThreshold(context, "maxAgeDays") * 86_400;
    const tag = stringThreshold(context, "amphoraImageTag");
    // The newest active amphora image; only known when the image listing is complete.
    let newest: { id: string; created: number } | null = null;
    for (const image of completeRecords(context.inventory, "image.image") ?? []) {
      const id = text(image, "id");
      const created = parseApiTime(text(image, "created_at"));
      if (
        id === null ||
        created === null ||
        text(image, "status") !== "active" ||
        !strings(image, "tags").includes(tag)
      )
        continue;
      if (newest === null || created > newest.created) newest = { id, created };
    }
    const detections: Detection[] = [];
    for (const amphora of neededRecords(context.inventory, "load-balancer.amphora")) {
      const id = keyOf("load-balancer.amphora", amphora);
      const lbId = text(amphora, "loadbalancer_id");
      if (id === null || lbId === null || text(amphora, "status") !== "ALLOCATED") continue;
      const created = text(amphora, "created_at");
      const age = secondsSince(created, context.now);
      const imageId = text(amphora, "image_id");
      const old = age !== null && age > maxAgeSeconds;
      const staleImage = newest !== null && imageId !== null && imageId !== newest.id;
      if (!old && !staleImage) continue;
      const reasons = [
        ...(old && age !== null ? [`${formatDuration(age)} old`] : []),
        ...(staleImage ? ["built from an older amphora image"] : []),
      ];
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: `amphora due for rotation: ${reasons.join(", ")}`,
        evidence: {
          ...pick(amphora, ["created_at", "image_id", "loadbalancer_id", "role"]),
          ...(newest === null ? {} : { newestAmphoraImage: newest.id }),
        },
        since: created,
        remediation: [STEP.loadbalancerFailoverOf(lbId)],
      });
    }
    return detections;
  },
};
