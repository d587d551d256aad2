// server.delete: deletes a server; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const serverDelete = deleteAction({
  id: "server.delete",
  resourceType: "compute.server",
  destructive: true,
  command: "openstack server delete {id}",
  request: { method: "DELETE", path: "/servers/{id}" },
});
