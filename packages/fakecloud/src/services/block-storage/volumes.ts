// Cinder's volumes: list (summary and detail), show, create, delete (`force` from 3.23, `cascade`) and the admin
// and attach actions an operator uses to unstick a volume, with Cinder's own preconditions and messages.

import { Hono, type Context } from "hono";
import * as z from "zod";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast, type ApiVersion } from "../../http/microversion.ts";
import { caller, errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import { copyWithout, isInternalFlag } from "../../http/record-copy.ts";
import { formatTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";
import { cinderList, policyRefused, queryTrue, visibleTo } from "./cinder-listing.ts";
import { VOLUME_STATUSES } from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

// Fields a microversion introduced (cinder/api/v3/views/volumes.py): older requests do not see them.
const FIELDS_SINCE: readonly [string, string][] = [
  ["group_id", "3.13"],
  ["provider_id", "3.21"],
  ["service_uuid", "3.48"],
  ["shared_targets", "3.48"],
  ["cluster_name", "3.61"],
  ["volume_type_id", "3.63"],
  ["consumes_quota", "3.65"],
];
// Admin-only attributes (policies volume_extension:volume_host_attribute and volume_mig_status_attribute).
const ADMIN_FIELDS = ["os-vol-host-attr:host", "os-vol-mig-status-attr:migstat", "os-vol-mig-status-attr:name_id"];

const now = (): string => formatTime(new Date(), "iso-micro");
const notFound = (id: string): string => `Volume ${id} could not be found.`;

/** The `links` of a volume as one request shows them: the caller and origin read once, not per volume. */
function volumeLinks(c: Context<FakeEnv>): (id: string) => unknown[] {
  const projectId = caller(c).projectId;
  const origin = new URL(c.req.url).origin;
  return (id) => [
    { rel: "self", href: `${origin}/volume/v3/${projectId}/volumes/${id}` },
    { rel: "bookmark", href: `${origin}/volume/${projectId}/volumes/${id}` },
  ];
}

/** A renderer of volumes for one request: the caller, version and origin are read once, not per volume. */
export function volumeRenderer(c: Context<FakeEnv>): (record: ResourceRecord) => Record<string, unknown> {
  const version: ApiVersion | undefined = c.var.microversion;
  const who = caller(c);
  const hidden = new Set(FIELDS_SINCE.filter(([, since]) => !atLeast(version, since)).map(([field]) => field));
  if (!who.isAdmin) for (const field of ADMIN_FIELDS) hidden.add(field);
  const leftOut = (key: string): boolean => hidden.has(key) || isInternalFlag(key);
  const links = volumeLinks(c);
  return (record) => {
    const shown = copyWithout(record, leftOut);
    shown["links"] = links(record.id);
    return shown;
  };
}

/** A renderer of the volume summaries of `GET /volumes` for one request. */
function volumeSummaryRenderer(c: Context<FakeEnv>): (record: ResourceRecord) => Record<string, unknown> {
  const links = volumeLinks(c);
  return (record) => ({ id: record.id, name: record["name"], links: links(record.id) });
}

const createSchema = z.object({
  volume: z.object({
    size: z.coerce.number().int().min(1),
    name: z.string().max(255).nullish(),
    description: z.string().max(255).nullish(),
    volume_type: z.string().nullish(),
    availability_zone: z.string().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
    snapshot_id: z.string().nullish(),
    source_volid: z.string().nullish(),
    imageRef: z.string().nullish(),
    multiattach: z.boolean().nullish(),
  }),
});

const resetStatusSchema = z.object({
  status: z.enum(VOLUME_STATUSES).optional(),
  attach_status: z.enum(["attached", "detached"]).optional(),
  migration_status: z.string().optional(),
});

/** Cinder's volumes: `/v3/{project_id}/volumes`. */
export function volumeRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const volumes = ctx.state.collection("block-storage.volume");
  const attachments = ctx.state.collection("block-storage.attachment");
  const snapshots = ctx.state.collection("block-storage.snapshot");

  /** Removes the attachment rows and entries of `volumeId` (all, or one), then settles its status. */
  const detach = (volumeId: string, attachmentId?: string): void => {
    const volume = volumes.get(volumeId);
    for (const row of [...attachments.values()]) {
      if (row["volume_id"] === volumeId && (attachmentId === undefined || row.id === attachmentId)) {
        attachments.delete(row.id);
      }
    }
    if (volume === undefined) return;
    const entries = (volume["attachments"] as { attachment_id: string }[] | undefined) ?? [];
    const left = entries.filter((entry) => attachmentId !== undefined && entry.attachment_id !== attachmentId);
    volumes.update(volumeId, {
      attachments: left,
      status: left.length > 0 ? "in-use" : "available",
      updated_at: now(),
    });
  };
  // What nova does through Cinder when a server goes or gives a volume back.
  ctx.state.on("compute.server.deleted", ({ serverId }) => {
    for (const row of [...attachments.values()]) {
      if (row["instance"] === serverId) detach(String(row["volume_id"]), row.id);
    }
  });
  // What Cinder records when nova attaches a volume: the attachment row, the volume's entry, `in-use`.
  ctx.state.on("compute.volume.attached", ({ serverId, volumeId, attachmentId, device, host }) => {
    const volume = volumes.get(volumeId);
    if (volume === undefined) return;
    const at = now();
    attachments.insert({
      id: attachmentId,
      status: "attached",
      instance: serverId,
      volume_id: volumeId,
      attached_at: at,
      detached_at: "",
      attach_mode: "rw",
      connection_info: {
        access_mode: "rw",
        qos_specs: null,
        encrypted: false,
        cacheable: false,
        driver_volume_type: "iscsi",
        attachment_id: attachmentId,
      },
      "fakecloud:project_id": volume["os-vol-tenant-attr:tenant_id"],
    });
    const entries = (volume["attachments"] as Record<string, unknown>[] | undefined) ?? [];
    volumes.update(volumeId, {
      status: "in-use",
      attachments: [
        ...entries,
        {
          id: volumeId,
          attachment_id: attachmentId,
          volume_id: volumeId,
          server_id: serverId,
          host_name: host,
          device,
          attached_at: at,
        },
      ],
      updated_at: at,
    });
  });
  ctx.state.on("compute.volume.detached", ({ serverId, volumeId }) => {
    for (const row of [...attachments.values()]) {
      if (row["instance"] === serverId && row["volume_id"] === volumeId) detach(volumeId, row.id);
    }
  });

  const listing = (detail: boolean) => (c: Context<FakeEnv>) =>
    cinderList(c, {
      collection: volumes,
      key: "volumes",
      ownerOf: (record) => record["os-vol-tenant-attr:tenant_id"],
      filterFields: ["status", "name", "bootable", "availability_zone"],
      notFound,
      render: detail ? volumeRenderer(c) : volumeSummaryRenderer(c),
    });
  app.get("/", listing(false));
  app.get("/detail", listing(true));

  const find = (c: Context<FakeEnv>): ResourceRecord | undefined => {
    const record = volumes.get(c.req.param("id") ?? "");
    return record !== undefined && visibleTo(c, record["os-vol-tenant-attr:tenant_id"]) ? record : undefined;
  };

  app.get("/:id", (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, notFound(c.req.param("id")));
    return jsonResponse(c, { volume: volumeRenderer(c)(record) });
  });

  app.post("/", async (c) => {
    const parsed = createSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errorResponse(
        c,
        400,
        `Invalid input for field/attribute ${String(issue.path.at(-1) ?? "volume")}. ${issue.message}`,
      );
    }
    const input = parsed.data.volume;
    const who = caller(c);
    const at = now();
    const record: ResourceRecord = {
      id: newUuid(),
      name: input.name ?? null,
      description: input.description ?? null,
      size: input.size,
      status: "creating",
      availability_zone: input.availability_zone ?? "nova",
      bootable: input.imageRef == null ? "false" : "true",
      encrypted: false,
      multiattach: input.multiattach ?? false,
      metadata: input.metadata ?? {},
      snapshot_id: input.snapshot_id ?? null,
      source_volid: input.source_volid ?? null,
      consistencygroup_id: null,
      group_id: null,
      replication_status: null,
      migration_status: null,
      user_id: who.userId,
      volume_type: input.volume_type ?? "__DEFAULT__",
      volume_type_id: "00000000-0000-4000-8000-0000000000de",
      provider_id: null,
      service_uuid: "00000000-0000-4000-8000-00000000c1de",
      shared_targets: false,
      cluster_name: null,
      consumes_quota: true,
      attachments: [],
      "os-vol-host-attr:host": null,
      "os-vol-mig-status-attr:migstat": null,
      "os-vol-mig-status-attr:name_id": null,
      "os-vol-tenant-attr:tenant_id": who.projectId,
      created_at: at,
      updated_at: null,
    };
    volumes.insert(record);
    const body = { volume: volumeRenderer(c)(record) };
    // The scheduler and volume service finish the create after the API has answered.
    setImmediate(() => {
      if (volumes.get(record.id)?.["status"] === "creating") {
        volumes.update(record.id, {
          status: "available",
          "os-vol-host-attr:host": "cinder-volume-1@lvm#lvm",
          updated_at: now(),
        });
      }
    });
    return jsonResponse(c, body, 202);
  });

  /** cinder/volume/api.py API.delete: the conditional update and the message when it fails. */
  const deleteVolume = (
    c: Context<FakeEnv>,
    record: ResourceRecord,
    force: boolean,
    cascade: boolean,
  ): Response | undefined => {
    const attached = ((record["attachments"] as unknown[] | undefined) ?? []).length > 0;
    // Volume.AVAILABLE_MIGRATION_STATUS: any other migration status means a migration is under way.
    const migrationOk = [null, undefined, "deleting", "error", "success"].includes(
      record["migration_status"] as string | null | undefined,
    );
    const allowed = ["available", "error", "error_restoring", "error_extending", "error_managing"];
    const ownSnapshots = [...snapshots.values()].filter((s) => s["volume_id"] === record.id);
    const snapshotsBlock = cascade
      ? !force && ownSnapshots.some((s) => !["available", "error", "deleting"].includes(String(s["status"])))
      : ownSnapshots.length > 0;
    if (attached || !migrationOk || (!force && !allowed.includes(String(record["status"]))) || snapshotsBlock) {
      // utils.build_or_str joins the statuses; with force there is none, which leaves Cinder's double space.
      const status = force ? "" : `status must be ${allowed.join(" or ")} and`;
      return errorResponse(
        c,
        400,
        `Invalid volume: Volume ${status} must not be migrating, attached, belong to a group, have snapshots, ` +
          "awaiting a transfer, or be disassociated from snapshots after volume transfer.",
      );
    }
    if (cascade) for (const snapshot of ownSnapshots) snapshots.delete(snapshot.id);
    volumes.update(record.id, { status: "deleting", updated_at: now() });
    // The volume service removes the volume after the API has answered.
    setImmediate(() => volumes.delete(record.id));
    return undefined;
  };

  app.delete("/:id", (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, notFound(c.req.param("id")));
    const query = queryOf(c);
    // cinder/api/v3/volumes.py delete: `force` counts only from 3.23; `cascade` always.
    const force = atLeast(c.var.microversion, "3.23") && queryTrue(query.get("force"));
    if (force && !caller(c).isAdmin) return policyRefused(c, "volume_extension:volume_admin_actions:force_delete");
    return deleteVolume(c, record, force, queryTrue(query.get("cascade"))) ?? c.body(null, 202);
  });

  app.post("/:id/action", async (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, notFound(c.req.param("id")));
    const body = await jsonBody(c);
    if (body === null || typeof body !== "object" || Object.keys(body).length !== 1) {
      return errorResponse(c, 400, "Malformed request body");
    }
    const [action, args] = Object.entries(body as Record<string, unknown>)[0]!;
    const admin = caller(c).isAdmin;
    const adminAction = (name: string): Response | undefined =>
      admin ? undefined : policyRefused(c, `volume_extension:volume_admin_actions:${name}`);
    switch (action) {
      case "os-reset_status": {
        const refused = adminAction("reset_status");
        if (refused !== undefined) return refused;
        const parsed = resetStatusSchema.safeParse(args);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          return errorResponse(c, 400, `Invalid input for field/attribute ${issue.path.join(".")}. ${issue.message}`);
        }
        const { status, attach_status: attachStatus, migration_status: migrationStatus } = parsed.data;
        // cinder/api/contrib/admin_actions.py: the tuple ('deleting', 'error_deleting' 'detaching') lacks a
        // comma, so only `deleting` is refused; error_deleting and detaching are accepted.
        if (status === "deleting") return errorResponse(c, 400, `Cannot reset-state to ${status}`);
        const hasAttachments = [...attachments.values()].some((row) => row["volume_id"] === record.id);
        if (status === "in-use" && !hasAttachments) {
          return errorResponse(c, 400, "Cannot reset-state to in-use because volume does not have any attachments.");
        }
        const update: Record<string, unknown> = { updated_at: now() };
        if (status !== undefined) update["status"] = status;
        if (migrationStatus !== undefined) {
          update["migration_status"] = migrationStatus.toLowerCase() === "none" ? null : migrationStatus.toLowerCase();
        }
        volumes.update(record.id, update);
        if (attachStatus === "detached") {
          for (const row of [...attachments.values()]) if (row["volume_id"] === record.id) attachments.delete(row.id);
          volumes.update(record.id, { attachments: [] });
        }
        return c.body(null, 202);
      }
      case "os-force_delete": {
        const refused = adminAction("force_delete");
        if (refused !== undefined) return refused;
        return deleteVolume(c, record, true, false) ?? c.body(null, 202);
      }
      case "os-force_detach": {
        const refused = adminAction("force_detach");
        if (refused !== undefined) return refused;
        const attachmentId =
          args !== null && typeof args === "object" ? (args as Record<string, unknown>)["attachment_id"] : undefined;
        if (typeof attachmentId === "string") {
          const row = attachments.get(attachmentId);
          if (row === undefined || row["volume_id"] !== record.id) {
            return errorResponse(
              c,
              400,
              `Error force detaching volume - VolumeAttachmentNotFound: Volume attachment could not be found with filter: attachment_id = ${attachmentId}.`,
            );
          }
          detach(record.id, row.id);
        } else {
          detach(record.id);
        }
        return c.body(null, 202);
      }
      case "os-roll_detaching":
        // cinder/volume/api.py roll_detaching: detaching → in-use, anything else unchanged, 202 either way.
        if (record["status"] === "detaching") volumes.update(record.id, { status: "in-use", updated_at: now() });
        return c.body(null, 202);
      case "os-unreserve": {
        // cinder/volume/api.py unreserve_volume: only `attaching` changes (to in-use when attached, else available).
        if (record["status"] === "attaching") {
          const attached = [...attachments.values()].some((row) => row["volume_id"] === record.id);
          volumes.update(record.id, { status: attached ? "in-use" : "available", updated_at: now() });
        }
        return c.body(null, 202);
      }
      default:
        return errorResponse(c, 404, `fakecloud: unknown route POST ${c.req.path} action ${action} (not implemented)`);
    }
  });
  return app;
}
