// loadbalancer-child-stuck-pending: Octavia's child objects left in PENDING_* by a controller that died mid-flow,
// read from Octavia's database: members and L7 rules too, which no API listing of stacksweep shows, and every child
// during an API outage. Where the API check sees the same listener, pool, health monitor or L7 policy, its finding
// carries this one's evidence instead.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** Octavia's table → the API resource type of that object, where stacksweep lists one. */
const API_TYPES: Readonly<Record<string, ResourceTypeId>> = {
  listener: "load-balancer.listener",
  pool: "load-balancer.pool",
  health_monitor: "load-balancer.healthmonitor",
  l7policy: "load-balancer.l7policy",
};

const NOUNS: Readonly<Record<string, string>> = {
  listener: "listener",
  pool: "pool",
  member: "member",
  health_monitor: "health monitor",
  l7policy: "L7 policy",
  l7rule: "L7 rule",
};

export const loadbalancerChildStuckPending: Check = {
  id: "loadbalancer-child-stuck-pending",
  title: "Load balancer child object stuck in PENDING_*",
  description:
    "Listeners, pools, members, health monitors, L7 policies and L7 rules in PENDING_CREATE, PENDING_UPDATE or " +
    "PENDING_DELETE for longer than the threshold, from Octavia's database.",
  severity: "critical",
  needs: ["database.loadbalancer-child-pending"],
  thresholds: { maxAgeSeconds: 1800 },
  thresholdReasons: {
    maxAgeSeconds:
      "as loadbalancer-stuck-pending: Octavia's flows give up within 5 to 10 minutes (amp_active_retries x amp_active_wait_sec, connection_max_retries x connection_retry_interval)",
  },
  sameFindingAs: "loadbalancer-stuck-pending",
  remediation: [],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const row of neededRecords(context.inventory, "database.loadbalancer-child-pending")) {
      const id = keyOf("database.loadbalancer-child-pending", row);
      const object = text(row, "object") ?? "";
      const status = text(row, "provisioning_status");
      if (id === null || status === null) continue;
      const since = stateSince(row);
      const age = secondsSince(since, context.now);
      if (age === null || age <= maxAge) continue;
      const loadbalancer = text(row, "load_balancer_id");
      detections.push({
        resourceType: API_TYPES[object] ?? "database.loadbalancer-child-pending",
        resourceId: id,
        summary: `${NOUNS[object] ?? object} stuck in ${status} for ${formatDuration(age)}`,
        evidence: {
          table: object,
          ...pick(row, ["provisioning_status", "updated_at", "created_at", "load_balancer_id"]),
          source: "database",
        },
        since,
        remediation: [
          STEP.report(
            `the cloud operators: fix its load balancer${loadbalancer === null ? "" : ` ${loadbalancer}`} first (a failover rebuilds its children); a child left in PENDING_* needs the database fix on Octavia's ${object} table`,
          ),
        ],
      });
    }
    return detections;
  },
};
