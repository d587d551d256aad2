// zone-stuck-pending: Designate zones PENDING long after the worker gives a change up: the worker or RabbitMQ lost the
// change, and the zone's names answer as before it (or a deleted zone keeps answering).

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../support/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../support/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";
import { ZONE_EVIDENCE } from "../zone-error/index.ts";

export const zoneStuckPending: Check = {
  id: "zone-stuck-pending",
  title: "DNS zone stuck in PENDING",
  description:
    "Designate zones PENDING for longer than the threshold: the change (CREATE, UPDATE or DELETE, in action) never " +
    "reached or never came back from the pool's backends.",
  severity: "warning",
  needs: ["dns.zone"],
  thresholds: { maxAgeSeconds: 3600 },
  thresholdReasons: {
    maxAgeSeconds:
      "the worker gives a change at most max_prop_time (poll_timeout 30 s x poll_max_retries 10 + poll_retry_interval 15 s x 10 + poll_delay 5 s = 455 s) and the producer re-sends stale PENDING zones every 120 s: an hour is many failed rounds",
  },
  remediation: [
    STEP.report("the cloud operator: check designate-worker and designate-producer (the recovery re-sends the change)"),
  ],
  run(context) {
    const { inventory, now } = context;
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const zone of neededRecords(inventory, "dns.zone")) {
      const id = keyOf("dns.zone", zone);
      if (id === null || text(zone, "status") !== "PENDING") continue;
      const since = stateSince(zone);
      const age = secondsSince(since, now);
      if (age === null || age <= maxAge) continue;
      detections.push({
        resourceType: "dns.zone",
        resourceId: id,
        summary: `zone ${text(zone, "name") ?? id} PENDING (${text(zone, "action") ?? "NONE"}) for ${formatDuration(age)}`,
        evidence: pick(zone, ZONE_EVIDENCE),
        since,
      });
    }
    return detections;
  },
};
