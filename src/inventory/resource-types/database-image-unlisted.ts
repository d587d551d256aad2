// Glance images in states the Image API never lists (killed; pending_delete, waiting for the scrubber), from Glance's database.
import type { ResourceType } from "../resource-type.ts";
import { imageImage } from "./image-image.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseImageUnlisted: ResourceType = listedFromDatabase({
  id: "database.image-unlisted",
  service: "image",
  // The API's fields, and when the image was deleted (pending_delete).
  fields: [...imageImage.fields, "deleted_at"],
  idFields: ["id"],
  ownerField: "owner",
  nameField: "name",
});
