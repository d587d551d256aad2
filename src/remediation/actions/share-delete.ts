// share.delete: deletes a Manila share (its snapshots and non-active replicas first: Manila refuses otherwise); done
// when Manila no longer shows it.
import { deleteAction } from "../define-action.ts";

export const shareDelete = deleteAction({
  id: "share.delete",
  resourceType: "shared-file-system.share",
  destructive: true,
  command: "openstack share delete {id}",
  request: { method: "DELETE", path: "/shares/{id}", microversion: "2.73" },
  failedStates: ["error_deleting"],
});
