// share-replica.delete: deletes a non-active Manila share replica (the active one goes with its share); done when
// Manila no longer shows it.
import { deleteAction } from "../define-action.ts";

export const shareReplicaDelete = deleteAction({
  id: "share-replica.delete",
  resourceType: "shared-file-system.share-replica",
  destructive: true,
  command: "openstack share replica delete {id}",
  request: { method: "DELETE", path: "/share-replicas/{id}", microversion: "2.73" },
  failedStates: ["error_deleting"],
});
