// amphora.failover: Octavia replaces one amphora. Apply runs these one at a time per load balancer and waits here
// until the load balancer is ACTIVE again, because a second failover while one runs is refused (409) or, worse,
// takes down both amphorae of an active/standby pair.
import { defineAction, stateOf } from "../define-action.ts";

export const amphoraFailover = defineAction({
  id: "amphora.failover",
  resourceType: "load-balancer.amphora",
  destructive: false,
  command: "openstack loadbalancer amphora failover {id}",
  request: { method: "PUT", path: "/v2/octavia/amphorae/{id}/failover" },
  settleOn: (step) =>
    typeof step.params["loadbalancer_id"] === "string"
      ? { type: "load-balancer.loadbalancer", id: step.params["loadbalancer_id"] }
      : step.target,
  progress: (live, step) => {
    if (typeof step.params["loadbalancer_id"] !== "string") {
      // No load balancer to watch: the amphora is replaced when it is gone or back in service.
      const status = live === null ? "DELETED" : stateOf(live);
      return { done: ["DELETED", "ALLOCATED", "READY"].includes(status) };
    }
    if (live === null) return { done: false, failed: "the load balancer disappeared" };
    const status = stateOf(live);
    if (status === "ACTIVE") return { done: true };
    return status === "ERROR" ? { done: false, failed: "the load balancer ended in ERROR" } : { done: false };
  },
});
