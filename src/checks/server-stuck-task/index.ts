// server-stuck-task: servers whose task_state has not cleared for longer than any task takes; Nova then refuses
// every other action on them (409 "in task_state ...").

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const serverStuckTask: Check = {
  id: "server-stuck-task",
  title: "Server stuck in a task",
  description:
    "Servers whose OS-EXT-STS:task_state is set for longer than the threshold (BUILD is server-stuck-build's).",
  severity: "warning",
  needs: ["compute.server"],
  thresholds: { maxAgeSeconds: 3600 },
  thresholdReasons: {
    maxAgeSeconds:
      "task states last seconds to minutes; the longest RPC Nova waits for is long_rpc_timeout 1800 s (nova/conf/rpc.py): twice that is stuck",
  },
  remediation: [STEP.serverResetState("active")],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const server of neededRecords(context.inventory, "compute.server")) {
      const id = keyOf("compute.server", server);
      const task = text(server, "OS-EXT-STS:task_state");
      const status = text(server, "status");
      // BUILD has its own check; a down cell's stub (UNKNOWN) tells nothing about tasks.
      if (id === null || task === null || status === "BUILD" || status === "UNKNOWN") continue;
      const since = stateSince(server, "updated", "created");
      const age = secondsSince(since, context.now);
      if (age === null || age <= maxAge) continue;
      detections.push({
        resourceType: "compute.server",
        resourceId: id,
        summary: `server stuck in task ${task} for ${formatDuration(age)}`,
        evidence: pick(server, [
          "status",
          "OS-EXT-STS:task_state",
          "OS-EXT-STS:vm_state",
          "OS-EXT-SRV-ATTR:host",
          "updated",
        ]),
        since,
        // Resetting clears task_state; a stuck delete is finished by deleting again once it is in error.
        remediation:
          task === "deleting"
            ? [STEP.serverResetState("error", "server.delete"), STEP.serverForceDelete()]
            : [STEP.serverResetState("active")],
      });
    }
    return detections;
  },
};
