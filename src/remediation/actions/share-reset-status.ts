// share.reset-status: Manila's admin `reset_status`, which rewrites the status a share records (nothing on the
// backend changes); done when the share shows the new status.
import { defineAction, stateOf } from "../define-action.ts";

export const shareResetStatus = defineAction({
  id: "share.reset-status",
  resourceType: "shared-file-system.share",
  destructive: false,
  command: "openstack share set --status {status} {id}",
  request: {
    method: "POST",
    path: "/shares/{id}/action",
    body: (step) => ({ reset_status: { status: step.params["status"] } }),
    microversion: "2.73",
  },
  stateAfter: (params) => (typeof params["status"] === "string" ? { status: params["status"] } : {}),
  progress: (live, step) => ({ done: live !== null && stateOf(live) === step.params["status"] }),
});
