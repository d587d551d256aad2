// zone-stuck-pending: Designate zones PENDING long after the worker gives a change up: the worker or RabbitMQ lost the
// change, and the zone's names answer as before it (or a deleted zone keeps answering).

import type { Check } from "../check.ts";
import { STEP } from "../support/remediation-steps.ts";
import { zonesPast } from "../zone-error/index.ts";

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
    return zonesPast(context, "PENDING").map(({ detection }) => detection);
  },
};
