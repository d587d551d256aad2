// Seeders of Glance's records: images (every field `GET /v2/images` shows) and image members.

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { Seeder } from "../../service-module.ts";

// glance/db/sqlalchemy/models.py and the image status state machine.
export const IMAGE_STATUSES = [
  "queued",
  "saving",
  "active",
  "killed",
  "deleted",
  "pending_delete",
  "deactivated",
  "uploading",
  "importing",
];
export const VISIBILITIES = ["public", "private", "shared", "community"];

export const imageSeeder: Seeder = {
  timeFormat: "iso-z",
  build(partial, ctx) {
    const status = partial["status"] ?? "active";
    if (typeof status !== "string" || !IMAGE_STATUSES.includes(status)) {
      throw new InvalidFieldError(
        "status",
        `expected one of ${IMAGE_STATUSES.join(", ")}, got ${JSON.stringify(status)}`,
      );
    }
    const visibility = partial["visibility"] ?? "shared";
    if (typeof visibility !== "string" || !VISIBILITIES.includes(visibility)) {
      throw new InvalidFieldError(
        "visibility",
        `expected one of ${VISIBILITIES.join(", ")}, got ${JSON.stringify(visibility)}`,
      );
    }
    const tags = partial["tags"] ?? [];
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string")) {
      throw new InvalidFieldError("tags", "expected a list of strings");
    }
    const created = typeof partial["created_at"] === "string" ? partial["created_at"] : formatTime(ctx.now, "iso-z");
    const uploaded = status === "active" || status === "deactivated";
    return {
      name: null,
      disk_format: "qcow2",
      container_format: "bare",
      owner: ctx.adminProjectId,
      size: uploaded ? 21_430_272 : null,
      virtual_size: uploaded ? 117_440_512 : null,
      checksum: uploaded ? "1d3062cd89af34e419f7100277f38b2b" : null,
      os_hash_algo: uploaded ? "sha512" : null,
      os_hash_value: uploaded ? partial.id.replaceAll("-", "").padEnd(128, "0") : null,
      // Glance shows the stores holding the data (comma-separated) once there is data; the devcloud's is `file`.
      ...(uploaded ? { stores: "file" } : {}),
      min_disk: 0,
      min_ram: 0,
      protected: false,
      os_hidden: false,
      created_at: created,
      updated_at: created,
      ...partial,
      status,
      visibility,
      tags,
    };
  },
};

/** An image member; its id is `<image_id>/<member_id>`, the pair that identifies it in the API. */
export const imageMemberSeeder: Seeder = {
  timeFormat: "iso-z",
  build(partial, ctx) {
    const imageId = partial["image_id"];
    const memberId = partial["member_id"];
    if (typeof imageId !== "string" || imageId === "")
      throw new InvalidFieldError("image_id", "expected the id of an image");
    if (typeof memberId !== "string" || memberId === "")
      throw new InvalidFieldError("member_id", "expected a project id");
    const status = partial["status"] ?? "accepted";
    if (status !== "pending" && status !== "accepted" && status !== "rejected") {
      throw new InvalidFieldError("status", `expected pending, accepted or rejected, got ${JSON.stringify(status)}`);
    }
    const created = typeof partial["created_at"] === "string" ? partial["created_at"] : formatTime(ctx.now, "iso-z");
    return { created_at: created, updated_at: created, ...partial, id: `${imageId}/${memberId}`, status };
  },
};
