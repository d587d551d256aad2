// Seeders of Cinder's records: volumes (with their attachments), attachments, snapshots, backups and the
// volume services, each with every field the v3 API shows at its highest microversion.

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { SeedContext, Seeder } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";

// cinder/objects/fields.py VolumeStatus.
export const VOLUME_STATUSES = [
  "creating",
  "available",
  "deleting",
  "error",
  "error_deleting",
  "error_managing",
  "managing",
  "attaching",
  "in-use",
  "detaching",
  "maintenance",
  "restoring-backup",
  "error_restoring",
  "reserved",
  "awaiting-transfer",
  "backing-up",
  "error_backing-up",
  "error_extending",
  "downloading",
  "uploading",
  "retyping",
  "extending",
] as const;

// cinder/objects/fields.py SnapshotStatus and BackupStatus.
const SNAPSHOT_STATUSES = [
  "error",
  "available",
  "creating",
  "deleting",
  "deleted",
  "updating",
  "error_deleting",
  "unmanaging",
  "backing-up",
  "restoring",
];
const BACKUP_STATUSES = ["error", "error_deleting", "creating", "available", "deleting", "deleted", "restoring"];

function checkStatus(partial: ResourceRecord, allowed: readonly string[], fallback: string): string {
  const status = partial["status"] ?? fallback;
  if (typeof status !== "string" || !allowed.includes(status)) {
    throw new InvalidFieldError("status", `expected one of ${allowed.join(", ")}, got ${JSON.stringify(status)}`);
  }
  return status;
}

function text(partial: ResourceRecord, field: string, fallback: string): string {
  const value = partial[field];
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new InvalidFieldError(field, `expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function times(partial: ResourceRecord, ctx: SeedContext): { created_at: string; updated_at: string } {
  const created = text(partial, "created_at", formatTime(ctx.now, "iso-micro"));
  return { created_at: created, updated_at: text(partial, "updated_at", created) };
}

/**
 * A volume. Its `attachments[]` entries need only `server_id`; each becomes a full attachment entry and, as in
 * Cinder's database where both views read the same `volume_attachment` row, a `block-storage.attachment` record.
 * A volume with attachments defaults to `in-use`; set `status` to plant a mismatch.
 */
export const volumeSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const rawAttachments = partial["attachments"] ?? [];
    if (!Array.isArray(rawAttachments)) {
      throw new InvalidFieldError("attachments", "expected a list of {server_id, device?, host_name?}");
    }
    const status = checkStatus(partial, VOLUME_STATUSES, rawAttachments.length > 0 ? "in-use" : "available");
    const size = partial["size"] ?? 10;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1) {
      throw new InvalidFieldError("size", `expected a positive integer (GiB), got ${JSON.stringify(size)}`);
    }
    const { created_at, updated_at } = times(partial, ctx);
    const projectId = text(partial, "os-vol-tenant-attr:tenant_id", ctx.adminProjectId);
    const attachments = rawAttachments.map((raw: unknown, index) => {
      if (
        raw === null ||
        typeof raw !== "object" ||
        typeof (raw as Record<string, unknown>)["server_id"] !== "string"
      ) {
        throw new InvalidFieldError(`attachments[${index}].server_id`, "expected the id of a server");
      }
      const entry = raw as Record<string, unknown>;
      const attachmentId = typeof entry["attachment_id"] === "string" ? entry["attachment_id"] : newUuid();
      return {
        server_id: entry["server_id"] as string,
        attachment_id: attachmentId,
        attached_at: typeof entry["attached_at"] === "string" ? entry["attached_at"] : updated_at,
        host_name: typeof entry["host_name"] === "string" ? entry["host_name"] : "compute-1",
        volume_id: partial.id,
        device: typeof entry["device"] === "string" ? entry["device"] : `/dev/vd${String.fromCharCode(98 + index)}`,
        id: partial.id,
      };
    });
    const volumeType = text(partial, "volume_type", "__DEFAULT__");
    const record: ResourceRecord = {
      name: null,
      description: null,
      size,
      availability_zone: "nova",
      bootable: "false",
      encrypted: false,
      multiattach: false,
      metadata: {},
      snapshot_id: null,
      source_volid: null,
      consistencygroup_id: null,
      group_id: null,
      replication_status: null,
      migration_status: null,
      user_id: ctx.adminUserId,
      volume_type: volumeType,
      volume_type_id: "00000000-0000-4000-8000-0000000000de",
      provider_id: null,
      service_uuid: "00000000-0000-4000-8000-00000000c1de",
      shared_targets: false,
      cluster_name: null,
      consumes_quota: true,
      "os-vol-host-attr:host": "cinder-volume-1@lvm#lvm",
      "os-vol-mig-status-attr:migstat": null,
      "os-vol-mig-status-attr:name_id": null,
      "os-vol-tenant-attr:tenant_id": projectId,
      ...partial,
      status,
      created_at,
      updated_at,
      attachments,
    };
    // The attachment rows behind the volume's view (see above); skipped when the scenario seeds them itself.
    const rows = ctx.state.collection("block-storage.attachment");
    for (const attachment of attachments) {
      if (rows.has(attachment.attachment_id)) continue;
      rows.insert({
        id: attachment.attachment_id,
        status: "attached",
        instance: attachment.server_id,
        volume_id: partial.id,
        attached_at: attachment.attached_at,
        detached_at: "",
        attach_mode: "rw",
        connection_info: { driver_volume_type: "iscsi", attachment_id: attachment.attachment_id },
        "fakecloud:project_id": projectId,
      });
    }
    return record;
  },
};

/** An attachment row with no volume entry behind it (a half-finished attach, or database surgery). */
export const attachmentSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const volumeId = text(partial, "volume_id", "");
    if (volumeId === "") throw new InvalidFieldError("volume_id", "expected the id of a volume");
    const volume = ctx.state.collection("block-storage.volume").get(volumeId);
    const project = volume?.["os-vol-tenant-attr:tenant_id"];
    return {
      status: "attached",
      instance: null,
      attached_at: formatTime(ctx.now, "iso-micro"),
      detached_at: "",
      attach_mode: "rw",
      connection_info: null,
      "fakecloud:project_id": typeof project === "string" ? project : ctx.adminProjectId,
      ...partial,
    };
  },
};

export const snapshotSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const status = checkStatus(partial, SNAPSHOT_STATUSES, "available");
    const volumeId = text(partial, "volume_id", "");
    if (volumeId === "") throw new InvalidFieldError("volume_id", "expected the id of a volume");
    const volume = ctx.state.collection("block-storage.volume").get(volumeId);
    const project = volume?.["os-vol-tenant-attr:tenant_id"];
    return {
      name: null,
      description: null,
      size: typeof volume?.["size"] === "number" ? volume["size"] : 10,
      metadata: {},
      user_id: ctx.adminUserId,
      group_snapshot_id: null,
      consumes_quota: true,
      "os-extended-snapshot-attributes:project_id": typeof project === "string" ? project : ctx.adminProjectId,
      "os-extended-snapshot-attributes:progress": status === "available" ? "100%" : "0%",
      ...partial,
      ...times(partial, ctx),
      status,
    };
  },
};

export const backupSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const status = checkStatus(partial, BACKUP_STATUSES, "available");
    const volumeId = text(partial, "volume_id", "");
    if (volumeId === "") throw new InvalidFieldError("volume_id", "expected the id of a volume");
    const volume = ctx.state.collection("block-storage.volume").get(volumeId);
    const project = volume?.["os-vol-tenant-attr:tenant_id"];
    const { created_at, updated_at } = times(partial, ctx);
    return {
      name: null,
      description: null,
      availability_zone: "nova",
      container: "volumebackups",
      size: typeof volume?.["size"] === "number" ? volume["size"] : 10,
      object_count: 0,
      snapshot_id: null,
      data_timestamp: created_at,
      fail_reason: status === "error" ? "Backup driver reported an error" : null,
      has_dependent_backups: false,
      is_incremental: false,
      metadata: {},
      user_id: ctx.adminUserId,
      encryption_key_id: null,
      "os-backup-project-attr:project_id": typeof project === "string" ? project : ctx.adminProjectId,
      ...partial,
      created_at,
      updated_at,
      status,
    };
  },
};

/**
 * A cinder service (`cinder-volume`, `cinder-scheduler`, `cinder-backup`). Like Nova's, it heartbeats for as long
 * as fakecloud runs unless the scenario says `state: down` or sets `updated_at` (a heartbeat in the future plants
 * clock skew). Its id is `<binary>/<host>`, the fields that identify it in the API.
 */
export const volumeServiceSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const state = partial["state"];
    if (state !== undefined && state !== "up" && state !== "down") {
      throw new InvalidFieldError("state", `expected "up" or "down", got ${JSON.stringify(state)}`);
    }
    const heartbeat = state === undefined && partial["updated_at"] === undefined;
    const downSince = formatTime(new Date(ctx.now.getTime() - 10 * 60_000), "iso-micro");
    const { state: _state, ...rest } = partial;
    return {
      binary: "cinder-volume",
      host: "cinder-volume-1@lvm",
      zone: "nova",
      status: "enabled",
      disabled_reason: null,
      cluster: null,
      replication_status: "disabled",
      active_backend_id: null,
      frozen: false,
      backend_state: "up",
      updated_at: heartbeat ? null : downSince,
      "fakecloud:heartbeat": heartbeat,
      ...rest,
    };
  },
};
