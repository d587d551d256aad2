// snapshot.reset-status: Cinder's admin `os-reset_status`, which rewrites the status a snapshot records (nothing else
// changes); done when the snapshot shows the new status.
import { defineAction, stateOf } from "../define-action.ts";

export const snapshotResetStatus = defineAction({
  id: "snapshot.reset-status",
  resourceType: "block-storage.snapshot",
  destructive: false,
  command: "openstack volume snapshot set --state {status} {id}",
  request: {
    method: "POST",
    path: "/snapshots/{id}/action",
    body: (step) => ({ "os-reset_status": { status: step.params["status"] } }),
  },
  stateAfter: (params) => (typeof params["status"] === "string" ? { status: params["status"] } : {}),
  progress: (live, step) => ({ done: live !== null && stateOf(live) === step.params["status"] }),
});
