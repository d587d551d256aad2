// stack-failed: Heat stacks whose last action failed. Heat never retries on its own: the stack stays *_FAILED, with
// whatever it had created, until its owner updates or deletes it.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const STACK_EVIDENCE = ["stack_status", "stack_status_reason", "updated_time", "creation_time", "stack_owner"];

export const stackFailed: Check = {
  id: "stack-failed",
  title: "Stack whose last action failed",
  description:
    "Heat stacks in CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED, ROLLBACK_FAILED or another *_FAILED status: what " +
    "the stack had created stays, and a failed delete leaves resources billed to the project.",
  severity: "warning",
  needs: ["orchestration.stack"],
  thresholds: {},
  remediation: [
    STEP.stackDelete("{stack_name}", "{stack_id}"),
    STEP.report("the stack's owner: update the stack, or delete it"),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const stack of neededRecords(inventory, "orchestration.stack")) {
      const status = text(stack, "stack_status");
      const id = keyOf("orchestration.stack", stack);
      if (id === null || status === null || !status.endsWith("_FAILED")) continue;
      detections.push({
        resourceType: "orchestration.stack",
        resourceId: id,
        summary: `stack in ${status}`,
        evidence: pick(stack, STACK_EVIDENCE),
        since: stateSince(stack, "updated_time", "creation_time"),
        // A failed delete is retried as it is (Heat resumes from where it stopped); any other failure is the owner's
        // to judge: the stack may hold what they still use.
        remediation: status.startsWith("DELETE_")
          ? [STEP.stackDelete(text(stack, "stack_name") ?? "", text(stack, "id") ?? "")]
          : [STEP.report("the stack's owner: update the stack, or delete it")],
      });
    }
    return detections;
  },
};
