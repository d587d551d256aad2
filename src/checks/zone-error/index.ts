// zone-error: Designate zones whose last change a pool's backends refused or never confirmed. The zone's names
// answer from the nameservers as before the change, or not at all.

import type { Check, CheckContext, Detection } from "../check.ts";
import type { ApiRecord } from "../../inventory/record-field.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
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
    return zonesPast(context, "ERROR").map(({ zone, detection }) => {
      const action = text(zone, "action") ?? "NONE";
      // A failed delete is the one change that stacksweep may finish by repeating it; any other is the backend's.
      const remediation =
        action === "DELETE"
          ? [STEP.zoneDelete()]
          : [STEP.report("the cloud operator: the pool's backend refuses the zone (designate-worker's log says why)")];
      return { ...detection, remediation };
    });
  },
};

/**
 * Zones in `status` for longer than the check's `maxAgeSeconds`, each as a detection naming the change (`action`) it
 * is in. Unknown age: the zone may have entered the status a second ago, and the next recovery round may fix it.
 */
export function zonesPast(context: CheckContext, status: string): { zone: ApiRecord; detection: Detection }[] {
  const maxAge = numberThreshold(context, "maxAgeSeconds");
  const found: { zone: ApiRecord; detection: Detection }[] = [];
  for (const zone of neededRecords(context.inventory, "dns.zone")) {
    const id = keyOf("dns.zone", zone);
    if (id === null || text(zone, "status") !== status) continue;
    const since = stateSince(zone);
    const age = secondsSince(since, context.now);
    if (age === null || age <= maxAge) continue;
    const what = status === "ERROR" ? "in ERROR" : status;
    found.push({
      zone,
      detection: {
        resourceType: "dns.zone",
        resourceId: id,
        summary: `zone ${text(zone, "name") ?? id} ${what} (${text(zone, "action") ?? "NONE"}) for ${formatDuration(age)}`,
        evidence: pick(zone, ZONE_EVIDENCE),
        since,
      },
    });
  }
  return found;
}
