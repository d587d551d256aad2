// loadbalancer.failover: Octavia rebuilds every amphora of a load balancer; done when it is ACTIVE again, failed
// when it falls back to ERROR. For an amphora's finding the call acts on the amphora's load balancer.
import { defineAction, stateOf } from "../define-action.ts";

export const loadbalancerFailover = defineAction({
  id: "loadbalancer.failover",
  resourceType: "load-balancer.loadbalancer",
  destructive: false,
  command: "openstack loadbalancer failover {target}",
  targetId: (resourceId, params) =>
    typeof params["loadbalancer_id"] === "string" ? params["loadbalancer_id"] : resourceId,
  request: { method: "PUT", path: "/v2/lbaas/loadbalancers/{id}/failover" },
  progress: (live) => {
    if (live === null) return { done: false, failed: "the load balancer disappeared" };
    const status = stateOf(live);
    if (status === "ACTIVE") return { done: true };
    return status === "ERROR" ? { done: false, failed: "the failover ended in ERROR" } : { done: false };
  },
});
