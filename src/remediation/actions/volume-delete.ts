// volume.delete: deletes a volume; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const volumeDelete = deleteAction({
  id: "volume.delete",
  resourceType: "block-storage.volume",
  destructive: true,
  command: "openstack volume delete {id}",
  request: { method: "DELETE", path: "/volumes/{id}" },
  failedStates: ["error_deleting"],
});
