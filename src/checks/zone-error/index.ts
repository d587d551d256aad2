// zone-error: Designate zones whose last change a pool's backends refused or never confirmed. The zone's names
// answer from the nameservers as before the change, or not at all.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../support/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../support/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const ZONE_EVIDENCE = ["name", "status", "action", "serial", "pool_id", "updated_at", "created_at"];

export const zoneError: Check = {
  id: "zone-error",
  title: "DNS zone in ERROR",
  description:
    "Designate zones in ERROR for longer than the threshold: the pool's backends did not take the zone's last " +
    "change (its action says which: CREATE, UPDATE or DELETE), and Designate's periodic recovery has not fixed it.",
  severity: "warning",
  needs: ["dns.zone"],
  thresholds: { maxAgeSeconds: 900 },
  thresholdReasons: {
    maxAgeSeconds:
      "designate-producer re-sends ERROR zones to the worker every 120 s (worker_periodic_recovery): a zone still in ERROR after several rounds is one the backends keep refusing",
  },
  remediation: [
    STEP.zoneDelete(),
    STEP.report("the cloud operator: the pool's backend refuses the zone (designate-worker's log says why)"),
  ],
  run(context) {
    const { inventory, now } = context;
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const zone of neededRecords(inventory, "dns.zone")) {
      const id = keyOf("dns.zone", zone);
      if (id === null || text(zone, "status") !== "ERROR") continue;
      const since = stateSince(zone);
      const age = secondsSince(since, now);
      // Unknown age: the zone may have failed a second ago and be retried in the next round.
      if (age === null || age <= maxAge) continue;
      const action = text(zone, "action") ?? "NONE";
      detections.push({
        resourceType: "dns.zone",
        resourceId: id,
        summary: `zone ${text(zone, "name") ?? id} in ERROR (${action}) for ${formatDuration(age)}`,
        evidence: pick(zone, ZONE_EVIDENCE),
        since,
        // A failed delete is the one change that stacksweep may finish by repeating it; any other is the backend's.
        remediation:
          action === "DELETE"
            ? [STEP.zoneDelete()]
            : [
                STEP.report(
                  "the cloud operator: the pool's backend refuses the zone (designate-worker's log says why)",
                ),
              ],
      });
    }
    return detections;
  },
};
