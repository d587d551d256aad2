// image.delete: deletes an image; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const imageDelete = deleteAction({
  id: "image.delete",
  resourceType: "image.image",
  destructive: true,
  command: "openstack image delete {id}",
  request: { method: "DELETE", path: "/v2/images/{id}" },
});
