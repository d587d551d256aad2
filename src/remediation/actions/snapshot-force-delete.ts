// snapshot.force-delete: Cinder's admin `os-force_delete`, which deletes a snapshot whatever its status; done when Cinder no longer shows it.
import { deleteAction } from "../define-action.ts";

export const snapshotForceDelete = deleteAction({
  id: "snapshot.force-delete",
  resourceType: "block-storage.snapshot",
  destructive: true,
  command: "openstack volume snapshot delete --force {id}",
  request: { method: "POST", path: "/snapshots/{id}/action", body: () => ({ "os-force_delete": {} }) },
  failedStates: ["error_deleting"],
});
