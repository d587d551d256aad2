// router.remove-interface: a router interface port is removed through its router (a DELETE on the port answers
// 409); done when the port is gone. The finding is about the port; the call acts on the router.
import { defineAction } from "../define-action.ts";

export const routerRemoveInterface = defineAction({
  id: "router.remove-interface",
  resourceType: "network.router",
  destructive: true,
  command: "openstack router remove port {router_id} {id}",
  targetId: (_portId, params) => String(params["router_id"] ?? ""),
  request: {
    method: "PUT",
    path: "/v2.0/routers/{id}/remove_router_interface",
    body: (step) => ({ port_id: step.resource.id }),
  },
  settleOn: (step) => ({ type: step.resource.type, id: step.resource.id }),
  progress: (live) => ({ done: live === null }),
});
