// Glance's images from its database: the API's view for when glance-api is down, and the images the Image API never
// lists at all. Measured on Zed: an image in `killed` is absent from every listing, `?status=killed` included (only
// `GET /v2/images/{id}` shows it); a deleted image waiting for the scrubber (`pending_delete`, with
// `delayed_delete = True`) is a deleted row whose data is still in the store.
import { flag, type DatabaseListing } from "../database-listing.ts";

const COLUMNS =
  "id, name, status, visibility, owner, os_hidden, protected, disk_format, container_format, size, " +
  "created_at, updated_at, deleted_at";

const asApi = (row: Record<string, unknown>): Record<string, unknown> => ({
  ...row,
  os_hidden: flag(row.os_hidden),
  protected: flag(row.protected),
});

export const glanceImages: DatabaseListing = {
  type: "image.image",
  services: ["glance"],
  standsIn: true,
  list: async (db) =>
    (
      await db.select(
        "glance",
        `SELECT ${COLUMNS} FROM images WHERE deleted = false AND status NOT IN ('killed', 'deleted', 'pending_delete')`,
      )
    ).map(asApi),
};

export const glanceImagesUnlisted: DatabaseListing = {
  type: "database.image-unlisted",
  services: ["glance"],
  standsIn: false,
  list: async (db) =>
    (
      await db.select(
        "glance",
        `SELECT ${COLUMNS} FROM images WHERE (status = 'killed' AND deleted = false) OR status = 'pending_delete'`,
      )
    ).map(asApi),
};
