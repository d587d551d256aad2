// server-stuck-build: servers in BUILD long after any spawn ends (a lost scheduler or compute RPC); they hold
// quota and an unfinished port binding.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const serverStuckBuild: Check = {
  id: "server-stuck-build",
  title: "Server stuck in BUILD",
  description: "Servers in BUILD for longer than the threshold.",
  severity: "warning",
  needs: ["compute.server"],
  thresholds: { maxAgeSeconds: 2 * 3600 },
  thresholdReasons: {
    maxAgeSeconds:
      "Nova's own instance_build_timeout is off by default (0, nova/conf/compute.py); a build waits at most long_rpc_timeout 1800 s for a call, so 2 h is four times what a healthy build can take",
  },
  remediation: [STEP.serverResetState("error", "server.delete"), STEP.serverDelete()],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const server of neededRecords(context.inventory, "compute.server")) {
      const id = keyOf("compute.server", server);
      if (id === null || text(server, "status") !== "BUILD") continue;
      const since = stateSince(server, "updated", "created");
      const age = secondsSince(since, context.now);
      if (age === null || age <= maxAge) continue;
      const task = text(server, "OS-EXT-STS:task_state");
      detections.push({
        resourceType: "compute.server",
        resourceId: id,
        summary: `server stuck in BUILD${task === null ? "" : ` (${task})`} for ${formatDuration(age)}`,
        evidence: pick(server, ["status", "OS-EXT-STS:task_state", "OS-EXT-SRV-ATTR:host", "updated", "created"]),
        since,
      });
    }
    return detections;
  },
};
