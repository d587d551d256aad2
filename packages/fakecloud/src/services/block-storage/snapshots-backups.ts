// Cinder's snapshots and backups: listings, show, delete and the admin actions that unstick them, and snapshot
// create with Cinder's preconditions on the volume's status.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { caller, errorResponse, jsonBody } from "../../http/respond.ts";
import { newUuid } from "../../state/ids.ts";
import { formatTime } from "../../http/time-format.ts";
import type { ResourceTypeId } from "@stacksweep/names";
import type { ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { cinderList, policyRefused, visibleTo, withoutInternal } from "./cinder-listing.ts";
import { jsonResponse } from "../../http/json-response.ts";

interface Kind {
  type: ResourceTypeId;
  plural: "snapshots" | "backups";
  singular: "snapshot" | "backup";
  ownerField: string;
  notFound: (id: string) => string;
  /** Statuses a plain delete accepts, and the message when the status is another. */
  deletable: readonly string[];
  notDeletable: string;
  render: (c: Context<FakeEnv>, record: ResourceRecord) => Record<string, unknown>;
  /** The summary listing (`GET /snapshots`, `GET /backups`): what `render` shows less the detail-only fields. */
  summary: (c: Context<FakeEnv>, record: ResourceRecord) => Record<string, unknown>;
}

/** Added to a snapshot by the extended_snapshot_attributes extension, on show and the detail listing only. */
const EXTENDED_SNAPSHOT_ATTRIBUTES = [
  "os-extended-snapshot-attributes:project_id",
  "os-extended-snapshot-attributes:progress",
];
const withoutExtendedAttributes = (shown: Record<string, unknown>): Record<string, unknown> => {
  for (const key of EXTENDED_SNAPSHOT_ATTRIBUTES) Reflect.deleteProperty(shown, key);
  return shown;
};

const SNAPSHOT: Kind = {
  type: "block-storage.snapshot",
  plural: "snapshots",
  singular: "snapshot",
  ownerField: "os-extended-snapshot-attributes:project_id",
  notFound: (id) => `Snapshot ${id} could not be found.`,
  // cinder/volume/api.py delete_snapshot
  deletable: ["available", "error", "error_deleting"],
  notDeletable: "Invalid snapshot: Volume Snapshot status must be available or error and must not be part of a group.",
  render: (c, record) => {
    const shown = withoutInternal(record);
    if (!caller(c).isAdmin) Reflect.deleteProperty(shown, "os-extended-snapshot-attributes:progress");
    if (!atLeast(c.var.microversion, "3.14")) Reflect.deleteProperty(shown, "group_snapshot_id");
    if (!atLeast(c.var.microversion, "3.41")) Reflect.deleteProperty(shown, "user_id");
    if (!atLeast(c.var.microversion, "3.65")) Reflect.deleteProperty(shown, "consumes_quota");
    return shown;
  },
  summary: (c, record) => withoutExtendedAttributes(SNAPSHOT.render(c, record)),
};

const BACKUP: Kind = {
  type: "block-storage.backup",
  plural: "backups",
  singular: "backup",
  ownerField: "os-backup-project-attr:project_id",
  notFound: (id) => `Backup ${id} could not be found.`,
  // cinder/backup/api.py delete
  deletable: ["available", "error"],
  notDeletable: "Invalid backup: Backup status must be available or error",
  render: (c, record) => {
    const shown = withoutInternal(record);
    // cinder/api/v3/views/backups.py: the owner from 3.18 (and only for an admin), user_id 3.56, metadata 3.43.
    if (!atLeast(c.var.microversion, "3.18") || !caller(c).isAdmin) {
      Reflect.deleteProperty(shown, "os-backup-project-attr:project_id");
    }
    if (!atLeast(c.var.microversion, "3.43")) Reflect.deleteProperty(shown, "metadata");
    if (!atLeast(c.var.microversion, "3.56")) Reflect.deleteProperty(shown, "user_id");
    if (!atLeast(c.var.microversion, "3.64")) Reflect.deleteProperty(shown, "encryption_key_id");
    const origin = new URL(c.req.url).origin;
    shown["links"] = [
      { rel: "self", href: `${origin}/volume/v3/${caller(c).projectId}/backups/${record.id}` },
      { rel: "bookmark", href: `${origin}/volume/${caller(c).projectId}/backups/${record.id}` },
    ];
    return shown;
  },
  summary: (c, record) => {
    const full = BACKUP.render(c, record);
    return { id: record.id, name: record["name"], links: full["links"] };
  },
};

/** What snapshots and backups share: list, show, delete and actions, at the kind's collection path. */
function kindRoutes(ctx: ServiceContext, kind: Kind): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const collection = ctx.state.collection(kind.type);
  const now = (): string => formatTime(new Date(), "iso-micro");
  const listing = (detail: boolean) => (c: Context<FakeEnv>) =>
    cinderList(c, {
      collection,
      key: kind.plural,
      ownerOf: (record) => record[kind.ownerField],
      filterFields: ["status", "name", "volume_id"],
      notFound: kind.notFound,
      render: detail ? (record) => kind.render(c, record) : (record) => kind.summary(c, record),
    });
  app.get("/", listing(false));
  app.get("/detail", listing(true));

  const find = (c: Context<FakeEnv>): ResourceRecord | undefined => {
    const record = collection.get(c.req.param("id") ?? "");
    return record !== undefined && visibleTo(c, record[kind.ownerField]) ? record : undefined;
  };
  const volumes = ctx.state.collection("block-storage.volume");
  /**
   * Cinder loads a snapshot's volume before deleting it, even with os-force_delete, and answers 404 for the volume
   * when its row is gone (measured on Zed): a snapshot that outlived its volume cannot be deleted through the API.
   */
  const volumeGone = (c: Context<FakeEnv>, record: ResourceRecord): Response | undefined => {
    const volumeId = typeof record["volume_id"] === "string" ? record["volume_id"] : "";
    return kind.type === "block-storage.snapshot" && volumes.get(volumeId) === undefined
      ? errorResponse(c, 404, `Volume ${volumeId} could not be found.`)
      : undefined;
  };
  const remove = (id: string): void => {
    collection.update(id, { status: "deleting", updated_at: now() });
    setImmediate(() => collection.delete(id));
  };

  app.get("/:id", (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, kind.notFound(c.req.param("id")));
    return jsonResponse(c, { [kind.singular]: kind.render(c, record) });
  });

  app.delete("/:id", (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, kind.notFound(c.req.param("id")));
    const gone = volumeGone(c, record);
    if (gone !== undefined) return gone;
    if (!kind.deletable.includes(String(record["status"]))) return errorResponse(c, 400, kind.notDeletable);
    remove(record.id);
    return c.body(null, 202);
  });

  app.post("/:id/action", async (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, kind.notFound(c.req.param("id")));
    const body = await jsonBody(c);
    if (body === null || typeof body !== "object" || Object.keys(body).length !== 1) {
      return errorResponse(c, 400, "Malformed request body");
    }
    const [action, args] = Object.entries(body as Record<string, unknown>)[0]!;
    const policy = `volume_extension:${kind.singular}_admin_actions:`;
    switch (action) {
      case "os-reset_status": {
        if (!caller(c).isAdmin) return policyRefused(c, `${policy}reset_status`);
        const status =
          args !== null && typeof args === "object" ? (args as Record<string, unknown>)["status"] : undefined;
        if (typeof status !== "string") {
          return errorResponse(
            c,
            400,
            "Invalid input for field/attribute status. Value: None. 'status' is a required property",
          );
        }
        collection.update(record.id, { status: status.toLowerCase(), updated_at: now() });
        return c.body(null, 202);
      }
      case "os-force_delete": {
        if (!caller(c).isAdmin) return policyRefused(c, `${policy}force_delete`);
        const gone = volumeGone(c, record);
        if (gone !== undefined) return gone;
        remove(record.id);
        return c.body(null, 202);
      }
      default:
        return errorResponse(c, 404, `fakecloud: unknown route POST ${c.req.path} action ${action} (not implemented)`);
    }
  });
  return app;
}

/** The body of a snapshot create: cinder/api/schemas/snapshots.py `create`. */
interface SnapshotCreate {
  volumeId: string;
  name: string | null;
  description: string | null;
  force: boolean | undefined;
  metadata: Record<string, string>;
}

function parseSnapshotCreate(body: unknown): SnapshotCreate | string {
  const snapshot =
    body !== null && typeof body === "object" ? (body as Record<string, unknown>)["snapshot"] : undefined;
  if (snapshot === null || typeof snapshot !== "object") {
    return "Invalid input for field/attribute snapshot. Value: None. 'snapshot' is a required property";
  }
  const input = snapshot as Record<string, unknown>;
  const volumeId = input["volume_id"];
  if (typeof volumeId !== "string") {
    return "Invalid input for field/attribute volume_id. Value: None. 'volume_id' is a required property";
  }
  const optionalText = (key: string): string | null | undefined => {
    const value = input[key] ?? input[`display_${key}`];
    return value === undefined || value === null ? null : typeof value === "string" ? value : undefined;
  };
  const name = optionalText("name");
  const description = optionalText("description");
  if (name === undefined) return `Invalid input for field/attribute name. Value: ${String(input["name"])}.`;
  if (description === undefined) {
    return `Invalid input for field/attribute description. Value: ${String(input["description"])}.`;
  }
  // oslo's boolean strings are accepted as well as JSON booleans.
  const rawForce = input["force"];
  let force: boolean | undefined;
  if (typeof rawForce === "boolean") force = rawForce;
  else if (typeof rawForce === "string" && /^(true|false|1|0|yes|no|on|off|y|n|t|f)$/i.test(rawForce)) {
    force = /^(true|1|yes|on|y|t)$/i.test(rawForce);
  } else if (rawForce !== undefined && rawForce !== null) {
    return `Invalid input for field/attribute force. Value: ${JSON.stringify(rawForce)}.`;
  }
  const metadata = input["metadata"] ?? {};
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    return "Invalid input for field/attribute metadata. Value must be an object.";
  }
  return { volumeId, name, description, force, metadata: metadata as Record<string, string> };
}

/** POST /snapshots: cinder/volume/api.py `_create_snapshot` checks, then `creating` → `available` after the answer. */
function addSnapshotCreate(app: Hono<FakeEnv>, ctx: ServiceContext): void {
  const snapshots = ctx.state.collection("block-storage.snapshot");
  const volumes = ctx.state.collection("block-storage.volume");
  app.post("/", async (c) => {
    const input = parseSnapshotCreate(await jsonBody(c));
    if (typeof input === "string") return errorResponse(c, 400, input);
    const volume = volumes.get(input.volumeId);
    if (volume === undefined || !visibleTo(c, volume["os-vol-tenant-attr:tenant_id"])) {
      return errorResponse(c, 404, `Volume ${input.volumeId} could not be found.`);
    }
    const status = String(volume["status"]);
    // From 3.66 an in-use volume needs no `force`; before it, only `force` allows one.
    const inUseAllowed = atLeast(c.var.microversion, "3.66") || input.force === true;
    if (status !== "available" && !(inUseAllowed && status === "in-use")) {
      const wanted = inUseAllowed ? "available or in-use" : "available";
      return errorResponse(
        c,
        400,
        `Invalid volume: Volume ${volume.id} status must be ${wanted}, but current status is: ${status}.`,
      );
    }
    const who = caller(c);
    const at = formatTime(new Date(), "iso-micro");
    const record: ResourceRecord = {
      id: newUuid(),
      created_at: at,
      updated_at: null,
      name: input.name,
      description: input.description,
      volume_id: volume.id,
      status: "creating",
      size: volume["size"],
      metadata: input.metadata,
      group_snapshot_id: null,
      user_id: who.userId,
      consumes_quota: true,
      "os-extended-snapshot-attributes:project_id": volume["os-vol-tenant-attr:tenant_id"],
      "os-extended-snapshot-attributes:progress": "0%",
    };
    snapshots.insert(record);
    const body = { snapshot: withoutExtendedAttributes(SNAPSHOT.render(c, record)) };
    // The volume service takes the snapshot after the API has answered.
    setImmediate(() => {
      if (snapshots.get(record.id)?.["status"] === "creating") {
        snapshots.update(record.id, {
          status: "available",
          "os-extended-snapshot-attributes:progress": "100%",
          updated_at: formatTime(new Date(), "iso-micro"),
        });
      }
    });
    return jsonResponse(c, body, 202);
  });
}

/** Cinder's snapshots: `/v3/{project_id}/snapshots`. */
export function snapshotRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = kindRoutes(ctx, SNAPSHOT);
  addSnapshotCreate(app, ctx);
  return app;
}

/** Cinder's backups: `/v3/{project_id}/backups`. */
export function backupRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  return kindRoutes(ctx, BACKUP);
}
