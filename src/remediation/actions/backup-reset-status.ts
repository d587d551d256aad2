// backup.reset-status: Cinder's admin `os-reset_status`, which rewrites the status a backup records (nothing else
// changes); done when the backup shows the new status.
import { defineAction, stateOf } from "../define-action.ts";

export const backupResetStatus = defineAction({
  id: "backup.reset-status",
  resourceType: "block-storage.backup",
  destructive: false,
  command: "openstack volume backup set --state {status} {id}",
  request: {
    method: "POST",
    path: "/backups/{id}/action",
    body: (step) => ({ "os-reset_status": { status: step.params["status"] } }),
  },
  stateAfter: (params) => (typeof params["status"] === "string" ? { status: params["status"] } : {}),
  progress: (live, step) => ({ done: live !== null && stateOf(live) === step.params["status"] }),
});
