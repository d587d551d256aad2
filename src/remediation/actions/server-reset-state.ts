// server.reset-state: Nova's admin `os-resetState`, which sets vm_state to active or error and clears task_state
// (nothing happens on the hypervisor); done when the server shows the status.
import { defineAction, stateOf } from "../define-action.ts";

export const serverResetState = defineAction({
  id: "server.reset-state",
  resourceType: "compute.server",
  destructive: false,
  command: "openstack server set --state {state} {id}",
  request: {
    method: "POST",
    path: "/servers/{id}/action",
    body: (step) => ({ "os-resetState": { state: step.params["state"] } }),
  },
  stateAfter: (params) => ({
    status: params["state"] === "active" ? "ACTIVE" : "ERROR",
    "OS-EXT-STS:task_state": null,
  }),
  progress: (live, step) => ({
    done:
      live !== null &&
      stateOf(live) === (step.params["state"] === "active" ? "ACTIVE" : "ERROR") &&
      (live["OS-EXT-STS:task_state"] ?? null) === null,
  }),
});
