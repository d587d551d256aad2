// loadbalancer-stuck-pending: Octavia objects left in PENDING_* (a worker died mid-flow). Octavia's API refuses
// every change to them (409), so only the opt-in database fix followed by failover or cascade delete recovers them.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection, RemediationStep } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { completeRecords, keyOf } from "../support/inventory-view.ts";
import { objects, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** Octavia's `PENDING_*` provisioning statuses (`octavia_lib.common.constants`). */
export const PENDING_STATUSES: readonly string[] = ["PENDING_CREATE", "PENDING_UPDATE", "PENDING_DELETE"];

const CHILD_TYPES = [
  ["load-balancer.listener", "listener"],
  ["load-balancer.pool", "pool"],
  ["load-balancer.healthmonitor", "health monitor"],
  ["load-balancer.l7policy", "L7 policy"],
] as const satisfies readonly (readonly [ResourceTypeId, string])[];

function loadbalancerRemediation(status: string): RemediationStep[] {
  // What was interrupted decides the way out: an update is retried by a failover; a create or delete is finished
  // by deleting.
  const after = status === "PENDING_UPDATE" ? STEP.loadbalancerFailover() : STEP.loadbalancerDeleteCascade();
  return [STEP.loadbalancerDbSetError(status), after];
}

export const loadbalancerStuckPending: Check = {
  id: "loadbalancer-stuck-pending",
  title: "Load balancer stuck in PENDING_*",
  description:
    "Load balancers (and listeners, pools, health monitors, L7 policies) in PENDING_CREATE, PENDING_UPDATE or " +
    "PENDING_DELETE for longer than the threshold.",
  severity: "critical",
  needs: ["load-balancer.loadbalancer"],
  optional: CHILD_TYPES.map(([type]) => type),
  thresholds: { maxAgeSeconds: 1800 },
  thresholdReasons: {
    maxAgeSeconds:
      "Octavia's flows give up well before: an amphora boot waits amp_active_retries 30 x amp_active_wait_sec 10 = 5 min, an agent call connection_max_retries 120 x connection_retry_interval 5 = 10 min (octavia/common/config.py)",
  },
  remediation: [
    STEP.loadbalancerDbSetError("PENDING_UPDATE"),
    STEP.loadbalancerFailover(),
    STEP.loadbalancerDeleteCascade(),
  ],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    const stuck = (
      type: ResourceTypeId,
      noun: string,
      remediation: (status: string, record: Record<string, unknown>) => RemediationStep[],
    ) => {
      for (const record of completeRecords(context.inventory, type) ?? []) {
        const id = keyOf(type, record);
        const status = text(record, "provisioning_status");
        if (id === null || status === null || !PENDING_STATUSES.includes(status)) continue;
        // A load balancer still in its first PENDING_CREATE has no updated_at: created_at is when it entered it.
        const since = stateSince(record);
        const age = secondsSince(since, context.now);
        if (age === null || age <= maxAge) continue;
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `${noun} stuck in ${status} for ${formatDuration(age)}`,
          evidence: pick(record, [
            "provisioning_status",
            "operating_status",
            "updated_at",
            "created_at",
            "loadbalancers",
            "listener_id",
            "pools",
          ]),
          since,
          remediation: remediation(status, record),
        });
      }
    };
    stuck("load-balancer.loadbalancer", "load balancer", (status) => loadbalancerRemediation(status));
    for (const [type, noun] of CHILD_TYPES) {
      stuck(type, noun, (_status, record) => {
        const parent = objects(record, "loadbalancers").map((lb) => text(lb, "id"))[0] ?? null;
        return [
          STEP.report(
            `the cloud operator: fix its load balancer${parent === null ? "" : ` ${parent}`} first (failover rebuilds its children); a child left in PENDING_* needs the same database fix on its own table`,
          ),
        ];
      });
    }
    return detections;
  },
};
