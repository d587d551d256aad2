// server.reset-state: Nova's admin `os-resetState`, which sets vm_state to active or error and clears task_state
// (nothing happens on the hypervisor); done when the server shows the status.
import { defineAction, stateOf } from "../define-action.ts";

export const serverResetState = defineAction({
  id: "server.reset-state",
  resourceType: "compute.server",
  destructive: false,
  call: 'POST /servers/{id}/action {"os-resetState":{"state":"{state}"}}',
  command: "openstack server set --state {state} {id}",
  request: {
    method: "POST",
    path: "/servers/{id}/action",
    body: (step) => ({ "os-resetState": { state: step.params["state"] } }),
  },
  progress: (live, step) => ({
    done:
      live !== null &&
      stateOf(live) === (step.params["state"] === "active" ? "ACTIVE" : "ERROR") &&
      (live["OS-EXT-STS:task_state"] ?? null) === null,
  }),
});
