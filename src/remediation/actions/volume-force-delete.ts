// volume.force-delete: Cinder's admin `os-force_delete`, which deletes a volume whatever its status; done when Cinder no longer shows it.
import { deleteAction } from "../define-action.ts";

export const volumeForceDelete = deleteAction({
  id: "volume.force-delete",
  resourceType: "block-storage.volume",
  destructive: true,
  command: "openstack volume delete --force {id}",
  request: { method: "POST", path: "/volumes/{id}/action", body: () => ({ "os-force_delete": {} }) },
  failedStates: ["error_deleting"],
});
