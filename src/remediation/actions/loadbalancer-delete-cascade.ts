// loadbalancer.delete-cascade: deletes a load balancer with its listeners, pools, members and health monitors (cascade); done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const loadbalancerDeleteCascade = deleteAction({
  id: "loadbalancer.delete-cascade",
  resourceType: "load-balancer.loadbalancer",
  destructive: true,
  command: "openstack loadbalancer delete --cascade {id}",
  request: { method: "DELETE", path: "/v2/lbaas/loadbalancers/{id}", query: { cascade: "true" } },
  failedStates: ["ERROR"],
});
