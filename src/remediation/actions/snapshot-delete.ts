// snapshot.delete: deletes a volume snapshot; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const snapshotDelete = deleteAction({
  id: "snapshot.delete",
  resourceType: "block-storage.snapshot",
  destructive: true,
  command: "openstack volume snapshot delete {id}",
  request: { method: "DELETE", path: "/snapshots/{id}" },
  failedStates: ["error_deleting"],
});
