// server.force-delete: Nova's `forceDelete`, which deletes a server in any vm_state and task_state (only a lock, for
// a non-admin, stops it); done when Nova no longer shows it.
import { deleteAction } from "../define-action.ts";

export const serverForceDelete = deleteAction({
  id: "server.force-delete",
  resourceType: "compute.server",
  destructive: true,
  command: "openstack server delete --force {id}",
  request: { method: "POST", path: "/servers/{id}/action", body: () => ({ forceDelete: null }) },
});
