// router.delete: deletes a router; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const routerDelete = deleteAction({
  id: "router.delete",
  resourceType: "network.router",
  destructive: true,
  command: "openstack router delete {id}",
  request: { method: "DELETE", path: "/v2.0/routers/{id}" },
});
