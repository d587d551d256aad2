// volume.reset-status: Cinder's admin `os-reset_status`, which rewrites the status (and attach status) a volume
// records without touching the backend; done when the volume shows the new status.
import { defineAction, stateOf } from "../define-action.ts";

export const volumeResetStatus = defineAction({
  id: "volume.reset-status",
  resourceType: "block-storage.volume",
  destructive: false,
  command: "openstack volume set --state {status} --{attach_status} {id}",
  request: {
    method: "POST",
    path: "/volumes/{id}/action",
    body: (step) => {
      const attachStatus = step.params["attach_status"];
      return {
        "os-reset_status":
          typeof attachStatus === "string"
            ? { status: step.params["status"], attach_status: attachStatus }
            : { status: step.params["status"] },
      };
    },
  },
  stateAfter: (params) => (typeof params["status"] === "string" ? { status: params["status"] } : {}),
  progress: (live, step) => ({ done: live !== null && stateOf(live) === step.params["status"] }),
});
