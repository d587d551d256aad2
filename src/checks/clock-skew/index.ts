// clock-skew: API endpoints whose Date header, or service heartbeats, disagree with the scanner's clock. After a
// power outage NTP drift makes services look dead (heartbeats "in the future" or stale) and breaks OVN and tokens.

import { RESOURCE_TYPE_IDS, type ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection } from "../check.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/**
 * Detections need a resource type; an endpoint is not an inventory record, so its reading is filed under the
 * service's own record type (its services or agents, else its main resource) with the id `endpoint:<service>`.
 */
const ENDPOINT_TYPE: Record<string, ResourceTypeId> = {
  identity: "identity.project",
  compute: "compute.service",
  "block-storage": "block-storage.service",
  network: "network.agent",
  "load-balancer": "load-balancer.loadbalancer",
  image: "image.image",
  placement: "placement.resource-provider",
};

function isTypeId(value: string): value is ResourceTypeId {
  return (RESOURCE_TYPE_IDS as readonly string[]).includes(value);
}

export const clockSkew: Check = {
  id: "clock-skew",
  title: "Clock skew",
  description:
    "API endpoints whose Date header differs from the scanner's clock by more than the threshold, and service " +
    "heartbeats more than the threshold in the future (a past heartbeat is just an interval, not skew).",
  severity: "warning",
  needs: [],
  thresholds: { maxSkewSeconds: 5 },
  thresholdReasons: {
    maxSkewSeconds:
      "services heartbeat every 10 s and count one down after service_down_time 60 s (nova/conf/service.py, cinder/common/config.py); 5 s of skew already eats half a report interval",
  },
  remediation: [STEP.report("the cloud operator: fix NTP on the named hosts")],
  run(context) {
    const maxSkewMs = numberThreshold(context, "maxSkewSeconds") * 1000;
    const detections: Detection[] = [];
    for (const reading of context.inventory.clock) {
      const colon = reading.source.indexOf(":");
      if (colon === -1) continue;
      const kind = reading.source.slice(0, colon);
      const subject = reading.source.slice(colon + 1);
      const seconds = Math.round(reading.skewMs / 100) / 10;
      const direction = reading.skewMs > 0 ? "ahead of" : "behind";
      if (kind === "endpoint") {
        const type = ENDPOINT_TYPE[subject];
        if (type === undefined || Math.abs(reading.skewMs) <= maxSkewMs) continue;
        detections.push({
          resourceType: type,
          resourceId: reading.source,
          summary: `${subject} API clock is ${Math.abs(seconds)}s ${direction} the scanner`,
          evidence: { source: reading.source, skewMs: reading.skewMs },
          since: null,
        });
      } else if (isTypeId(kind)) {
        if (reading.skewMs <= maxSkewMs) continue;
        detections.push({
          resourceType: kind,
          resourceId: subject,
          summary: `heartbeat of ${subject} is ${seconds}s in the future`,
          evidence: { source: reading.source, skewMs: reading.skewMs },
          since: null,
        });
      }
    }
    return detections;
  },
};
