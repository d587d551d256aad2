// Seeders of Manila's records: shares, share snapshots, share networks and share replicas, with the fields its v2
// API shows at microversion 2.73 (manila/api/views).

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { SeedContext, Seeder } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";

// manila/common/constants.py
export const SHARE_STATUSES = [
  "creating",
  "creating_from_snapshot",
  "deleting",
  "error",
  "error_deleting",
  "available",
  "inactive",
  "manage_starting",
  "manage_error",
  "unmanage_starting",
  "unmanage_error",
  "extending",
  "extending_error",
  "shrinking",
  "shrinking_error",
  "shrinking_possible_data_loss_error",
  "migrating",
  "migrating_to",
  "replication_change",
  "reverting",
  "reverting_error",
];
const SNAPSHOT_STATUSES = ["creating", "deleting", "available", "error", "error_deleting", "restoring"];
const REPLICA_STATES = ["active", "in_sync", "out_of_sync", "error"];

/**
 * The share types a new share may name (`share_type`, by name or id): `default` (manila.conf default_share_type)
 * and `replicated`, whose shares have readable replicas (the e2e devcloud has the same two).
 */
export const SHARE_TYPES: readonly { id: string; name: string; replicationType: string | null }[] = [
  { id: "2c7f9f97-0dff-4111-9536-f357cdd952c0", name: "default", replicationType: null },
  { id: "5d9e1a55-4a3b-4f2e-9c61-0e7d1b6f8a21", name: "replicated", replicationType: "readable" },
];

function status(partial: ResourceRecord, allowed: readonly string[], fallback: string): string {
  const value = partial["status"] ?? fallback;
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new InvalidFieldError("status", `expected one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value;
}

const created = (partial: ResourceRecord, ctx: SeedContext): string =>
  typeof partial["created_at"] === "string" ? partial["created_at"] : formatTime(ctx.now, "iso-micro");

function shareOf(partial: ResourceRecord, ctx: SeedContext): ResourceRecord {
  const shareId = partial["share_id"];
  const share = typeof shareId === "string" ? ctx.state.collection("shared-file-system.share").get(shareId) : undefined;
  if (share === undefined) throw new InvalidFieldError("share_id", "expected the id of a share of the scenario");
  return share;
}

export const shareSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    return {
      name: null,
      description: null,
      size: 1,
      availability_zone: "nova",
      share_proto: "NFS",
      share_type_name: "default",
      share_type: SHARE_TYPES.find((t) => t.name === (partial["share_type_name"] ?? "default"))?.id ?? null,
      volume_type: partial["share_type_name"] ?? "default",
      create_share_from_snapshot_support: false,
      revert_to_snapshot_support: false,
      mount_snapshot_support: false,
      share_group_id: null,
      source_share_group_snapshot_member_id: null,
      share_network_id: null,
      share_server_id: null,
      snapshot_id: null,
      metadata: {},
      is_public: false,
      task_state: null,
      replication_type: null,
      has_replicas: false,
      access_rules_status: "active",
      snapshot_support: true,
      progress: "100%",
      is_soft_deleted: false,
      scheduled_to_be_deleted_at: null,
      host: "devcloud@alpha#fake_pool_for_alpha",
      project_id: ctx.adminProjectId,
      user_id: ctx.adminUserId,
      ...partial,
      status: status(partial, SHARE_STATUSES, "available"),
      created_at: created(partial, ctx),
    };
  },
};

export const shareSnapshotSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const share = shareOf(partial, ctx);
    return {
      name: null,
      description: null,
      size: share["size"],
      share_size: share["size"],
      share_proto: share["share_proto"],
      metadata: {},
      provider_location: null,
      project_id: share["project_id"],
      user_id: ctx.adminUserId,
      ...partial,
      status: status(partial, SNAPSHOT_STATUSES, "available"),
      created_at: created(partial, ctx),
    };
  },
};

export const shareNetworkSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    return {
      name: null,
      description: null,
      share_network_subnets: [],
      security_service_update_support: true,
      network_allocation_update_support: true,
      updated_at: null,
      project_id: ctx.adminProjectId,
      ...partial,
      status: status(partial, ["active", "error", "network_change"], "active"),
      created_at: created(partial, ctx),
    };
  },
};

export const shareReplicaSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const share = shareOf(partial, ctx);
    const state = partial["replica_state"] ?? "in_sync";
    if (typeof state !== "string" || !REPLICA_STATES.includes(state)) {
      throw new InvalidFieldError("replica_state", `expected one of ${REPLICA_STATES.join(", ")}`);
    }
    return {
      availability_zone: "nova",
      share_network_id: share["share_network_id"],
      share_server_id: null,
      host: "devcloud@beta#fake_pool_for_beta",
      updated_at: null,
      // Manila sets it on every replica of a `readable` share but the active one (manila/share/api.py).
      cast_rules_to_readonly: state !== "active" && share["replication_type"] === "readable",
      ...partial,
      replica_state: state,
      status: status(partial, ["creating", "available", "deleting", "error", "error_deleting"], "available"),
      created_at: created(partial, ctx),
    };
  },
};
