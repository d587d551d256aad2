// Manila's create calls: share networks, shares, snapshots and share replicas, answered as Zed's API answers them at
// 2.73 (share networks and shares 200, snapshots and replicas 202), each `creating` until the share service (the
// dummy driver here) has made it `available` right after the answer. Malformed bodies fail where Manila's own code
// fails, a missing required key included (a KeyError: 500).

import { Hono, type Context } from "hono";
import type { ResourceTypeId } from "@stacksweep/names";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { caller, errorResponse, jsonBody } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { Collection, ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";
import { SHARE_TYPES } from "./seeders.ts";

type Render = (type: ResourceTypeId, record: ResourceRecord, origin: string) => Record<string, unknown>;

/** The dummy driver's two backends: shares land on the first, their replicas on the second. */
const HOST = "devcloud@alpha#fake_pool_for_alpha";
const REPLICA_HOST = "devcloud@beta#fake_pool_for_beta";

const now = (): string => formatTime(new Date(), "iso-micro");

/** The object under `key`, or null (Manila's is_valid_body: 422). */
function bodyOf(body: unknown, key: string): Record<string, unknown> | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const inner = (body as Record<string, unknown>)[key];
  return typeof inner === "object" && inner !== null && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : null;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** `creating` → `available` once the answer is out, as the share service does it after the API. */
function completeAfterAnswer(collection: Collection, id: string, changes: Record<string, unknown>): void {
  setImmediate(() => {
    if (collection.get(id)?.["status"] === "creating") collection.update(id, { status: "available", ...changes });
  });
}

/**
 * manila/db/sqlalchemy/models.py Share.has_replicas: more than one of the share's instances has a replica state (the
 * active one and a synced replica); a replica still being created has none yet.
 */
export function refreshHasReplicas(ctx: ServiceContext, shareId: string): void {
  const shares = ctx.state.collection("shared-file-system.share");
  if (!shares.has(shareId)) return;
  let withState = 0;
  for (const r of ctx.state.collection("shared-file-system.share-replica").values())
    if (r["share_id"] === shareId && r["replica_state"] != null) withState += 1;
  shares.update(shareId, { has_replicas: withState > 1 });
}

export function shareCreateRoutes(ctx: ServiceContext, render: Render): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const networks = ctx.state.collection("shared-file-system.share-network");
  const shares = ctx.state.collection("shared-file-system.share");
  const snapshots = ctx.state.collection("shared-file-system.snapshot");
  const replicas = ctx.state.collection("shared-file-system.share-replica");
  const origin = (c: Context<FakeEnv>): string => new URL(c.req.url).origin;
  const unprocessable = (c: Context<FakeEnv>) => errorResponse(c, 422, "Unable to process the contained instructions");
  const keyError = (c: Context<FakeEnv>) =>
    errorResponse(c, 500, "The server has either erred or is incapable of performing the requested operation.");
  const visible = (c: Context<FakeEnv>, record: ResourceRecord | undefined): record is ResourceRecord =>
    record !== undefined && (caller(c).isAdmin || record["project_id"] === caller(c).projectId);

  // manila/api/v2/share_networks.py create: a network has one default subnet (no zone) from the start.
  app.post("/share-networks", async (c) => {
    const input = bodyOf(await jsonBody(c), "share_network");
    if (input === null) return unprocessable(c);
    const at = now();
    const record: ResourceRecord = {
      id: newUuid(),
      name: text(input["name"]),
      project_id: caller(c).projectId,
      created_at: at,
      updated_at: null,
      description: text(input["description"]),
      share_network_subnets: [
        {
          id: newUuid(),
          availability_zone: text(input["availability_zone"]),
          created_at: at,
          updated_at: null,
          segmentation_id: null,
          neutron_net_id: text(input["neutron_net_id"]),
          neutron_subnet_id: text(input["neutron_subnet_id"]),
          ip_version: null,
          cidr: null,
          network_type: null,
          mtu: null,
          gateway: null,
        },
      ],
      status: "active",
      security_service_update_support: true,
      network_allocation_update_support: true,
    };
    networks.insert(record);
    return jsonResponse(c, { share_network: render("shared-file-system.share-network", record, origin(c)) });
  });

  // manila/api/v2/shares.py create → share/api.py create: the share type by name or id (else the default), the
  // share's instance scheduled after the answer; a type with replication makes that instance the active replica.
  app.post("/shares", async (c) => {
    const input = bodyOf(await jsonBody(c), "share");
    if (input === null) return unprocessable(c);
    if (!("share_proto" in input) || !("size" in input)) return keyError(c);
    const wanted = text(input["share_type"]) ?? "default";
    const type = SHARE_TYPES.find((t) => t.id === wanted || t.name === wanted);
    if (type === undefined) return errorResponse(c, 404, "Share type not found.");
    const networkId = text(input["share_network_id"]);
    if (networkId !== null && !visible(c, networks.get(networkId)))
      return errorResponse(c, 404, `Share network ${networkId} could not be found.`);
    const who = caller(c);
    const metadata = input["metadata"];
    const record: ResourceRecord = {
      id: newUuid(),
      size: Number(input["size"]),
      availability_zone: null,
      created_at: now(),
      status: "creating",
      name: text(input["name"]),
      description: text(input["description"]),
      project_id: who.projectId,
      snapshot_id: text(input["snapshot_id"]),
      share_network_id: networkId,
      share_proto: String(input["share_proto"]).toUpperCase(),
      metadata: typeof metadata === "object" && metadata !== null ? metadata : {},
      share_type: type.id,
      volume_type: type.name,
      is_public: input["is_public"] === true,
      snapshot_support: true,
      task_state: null,
      share_type_name: type.name,
      access_rules_status: "active",
      replication_type: type.replicationType,
      has_replicas: false,
      user_id: who.userId,
      create_share_from_snapshot_support: false,
      revert_to_snapshot_support: false,
      share_group_id: null,
      source_share_group_snapshot_member_id: null,
      mount_snapshot_support: false,
      progress: null,
      is_soft_deleted: false,
      scheduled_to_be_deleted_at: null,
      share_server_id: null,
      host: "",
    };
    shares.insert(record);
    completeAfterAnswer(shares, record.id, { availability_zone: "nova", progress: "100%", host: HOST });
    if (type.replicationType !== null) {
      const active: ResourceRecord = {
        id: newUuid(),
        share_id: record.id,
        status: "creating",
        replica_state: "active",
        availability_zone: "nova",
        share_network_id: networkId,
        share_server_id: null,
        host: HOST,
        created_at: record["created_at"],
        updated_at: null,
        cast_rules_to_readonly: false,
      };
      replicas.insert(active);
      completeAfterAnswer(replicas, active.id, { updated_at: now() });
    }
    return jsonResponse(c, { share: render("shared-file-system.share", record, origin(c)) });
  });

  // manila/api/v1/share_snapshots.py create → share/api.py create_snapshot: only of an available share.
  app.post("/snapshots", async (c) => {
    const input = bodyOf(await jsonBody(c), "snapshot");
    if (input === null) return unprocessable(c);
    if (!("share_id" in input)) return keyError(c);
    const share = shares.get(String(input["share_id"]));
    if (!visible(c, share)) return errorResponse(c, 404, "NotFound: Resource could not be found.");
    if (share["snapshot_support"] !== true) {
      return errorResponse(
        c,
        422,
        `Snapshots cannot be created for share '${share.id}' since it does not have that capability.`,
      );
    }
    if (share["status"] !== "available")
      return errorResponse(c, 400, "Invalid share: Source share status must be available.");
    const metadata = input["metadata"];
    const record: ResourceRecord = {
      id: newUuid(),
      share_id: share.id,
      share_size: share["size"],
      created_at: now(),
      status: "creating",
      name: text(input["name"]),
      description: text(input["description"]),
      size: share["size"],
      share_proto: share["share_proto"],
      provider_location: null,
      user_id: caller(c).userId,
      project_id: share["project_id"],
      metadata: typeof metadata === "object" && metadata !== null ? metadata : {},
    };
    snapshots.insert(record);
    completeAfterAnswer(snapshots, record.id, { provider_location: `/path/to/fake/snapshot/snapshot_${record.id}` });
    return jsonResponse(c, { snapshot: render("shared-file-system.snapshot", record, origin(c)) }, 202);
  });

  // manila/api/v2/share_replicas.py _create → share/api.py create_share_replica: only of a share whose type
  // replicates, once its active replica is available; the new one is `creating` with no state until the driver has
  // synced it. Manila's message for a share still being created is its unformatted template.
  app.post("/share-replicas", async (c) => {
    const input = bodyOf(await jsonBody(c), "share_replica");
    if (input === null) return unprocessable(c);
    const shareId = text(input["share_id"]);
    if (shareId === null || shareId === "") return errorResponse(c, 400, "Must provide Share ID to add replica.");
    const share = shares.get(shareId);
    if (!visible(c, share)) return errorResponse(c, 404, `No share exists with ID ${shareId}.`);
    if (share["replication_type"] === null)
      return errorResponse(c, 400, `Replication not supported for share ${share.id}.`);
    const ofShare = [...replicas.values()].filter((r) => r["share_id"] === share.id);
    if (!ofShare.some((r) => r["replica_state"] === "active" && r["status"] === "available"))
      return errorResponse(c, 400, "Unable to perform a replication action: %(reason)s.");
    const record: ResourceRecord = {
      id: newUuid(),
      share_id: share.id,
      availability_zone: null,
      created_at: now(),
      status: "creating",
      share_network_id: share["share_network_id"],
      replica_state: null,
      updated_at: null,
      share_server_id: null,
      host: "",
      cast_rules_to_readonly: share["replication_type"] === "readable",
    };
    replicas.insert(record);
    completeAfterAnswer(replicas, record.id, {
      availability_zone: "nova",
      replica_state: "in_sync",
      host: REPLICA_HOST,
      updated_at: now(),
    });
    setImmediate(() => refreshHasReplicas(ctx, share.id));
    return jsonResponse(c, { share_replica: render("shared-file-system.share-replica", record, origin(c)) }, 202);
  });

  return app;
}
