// share-snapshot.delete: deletes a Manila share snapshot; done when Manila no longer shows it.
import { deleteAction } from "../define-action.ts";

export const shareSnapshotDelete = deleteAction({
  id: "share-snapshot.delete",
  resourceType: "shared-file-system.snapshot",
  destructive: true,
  command: "openstack share snapshot delete {id}",
  request: { method: "DELETE", path: "/snapshots/{id}", microversion: "2.73" },
  failedStates: ["error_deleting"],
});
