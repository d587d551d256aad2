// server-error: servers Nova put in ERROR (failed build, failed migration, failed delete); they hold quota,
// ports and sometimes volumes.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { bool, object, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const serverError: Check = {
  id: "server-error",
  title: "Server in ERROR",
  description: "Servers whose status is ERROR, with Nova's fault message.",
  severity: "warning",
  needs: ["compute.server"],
  thresholds: {},
  remediation: [STEP.serverResetState("active"), STEP.serverDelete(), STEP.serverForceDelete()],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const server of neededRecords(inventory, "compute.server")) {
      const id = keyOf("compute.server", server);
      if (id === null || text(server, "status") !== "ERROR") continue;
      const fault = object(server, "fault");
      const message = fault === null ? null : text(fault, "message");
      const locked = bool(server, "locked") === true;
      detections.push({
        resourceType: "compute.server",
        resourceId: id,
        summary: message === null ? "server in ERROR" : `server in ERROR: ${message.split("\n")[0] ?? ""}`,
        evidence: {
          status: server["status"],
          "OS-EXT-STS:vm_state": server["OS-EXT-STS:vm_state"],
          "OS-EXT-STS:task_state": server["OS-EXT-STS:task_state"],
          fault: fault === null ? null : { code: fault["code"], message },
          locked: server["locked"],
          updated: server["updated"],
        },
        since: stateSince(server, "updated", "created"),
        // A locked server refuses a plain delete and a reset; forceDelete is the admin's way through.
        remediation: locked
          ? [STEP.serverForceDelete()]
          : [STEP.serverResetState("active"), STEP.serverDelete(), STEP.serverForceDelete()],
      });
    }
    return detections;
  },
};
