// stack-stuck: Heat stacks in an *_IN_PROGRESS status long past the time Heat gives an action: the heat-engine that
// held the stack's lock died (Heat resets a dead engine's stacks to FAILED only when an engine restarts on that host).

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";
import { STACK_EVIDENCE } from "../stack-failed/index.ts";

export const stackStuck: Check = {
  id: "stack-stuck",
  title: "Stack stuck in progress",
  description:
    "Heat stacks in CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS, DELETE_IN_PROGRESS, ROLLBACK_IN_PROGRESS or another " +
    "*_IN_PROGRESS status for longer than the threshold: no engine works on them any more, and nobody can change them.",
  severity: "warning",
  needs: ["orchestration.stack"],
  thresholds: { maxAgeSeconds: 7200 },
  thresholdReasons: {
    maxAgeSeconds:
      "Heat fails an action at the stack's timeout (stack_action_timeout, 3600 s by default); an action still in progress an hour after that has lost its engine",
  },
  remediation: [
    STEP.report(
      "the cloud operator: restart the heat-engine of the stack's host (it resets its stacks to *_FAILED), then retry",
    ),
  ],
  run(context) {
    const { inventory, now } = context;
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const stack of neededRecords(inventory, "orchestration.stack")) {
      const status = text(stack, "stack_status");
      const id = keyOf("orchestration.stack", stack);
      if (id === null || status === null || !status.endsWith("_IN_PROGRESS")) continue;
      // Heat's convergence engine (the default since Ocata) stamps updated_time when any action but a create begins;
      // a create began at creation_time.
      const since = stateSince(stack, "updated_time", "creation_time");
      const age = secondsSince(since, now);
      if (age === null || age <= maxAge) continue;
      detections.push({
        resourceType: "orchestration.stack",
        resourceId: id,
        summary: `stack stuck in ${status} for ${formatDuration(age)}`,
        evidence: pick(stack, STACK_EVIDENCE),
        since,
      });
    }
    return detections;
  },
};
