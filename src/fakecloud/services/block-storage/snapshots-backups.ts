// Cinder's snapshots and backups: listings, show, delete and the admin actions that unstick them.

import type { Context, Hono } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { caller, errorResponse, jsonBody } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import type { ResourceTypeId } from "../../../inventory/resource-type-id.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { cinderList, policyRefused, visibleTo, withoutInternal } from "./cinder-listing.ts";

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
}

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
};

function mountKind(app: Hono<FakeEnv>, ctx: ServiceContext, kind: Kind): void {
  const collection = ctx.state.collection(kind.type);
  const now = (): string => formatTime(new Date(), "iso-micro");
  const listing = (detail: boolean) => (c: Context<FakeEnv>) =>
    cinderList(c, {
      collection,
      key: kind.plural,
      ownerOf: (record) => record[kind.ownerField],
      filterFields: ["status", "name", "volume_id"],
      notFound: kind.notFound,
      render: detail
        ? (record) => kind.render(c, record)
        : (record) => {
            const full = kind.render(c, record);
            return kind.singular === "backup" ? { id: record.id, name: record["name"], links: full["links"] } : full;
          },
    });
  app.get(`/v3/:project_id/${kind.plural}`, listing(false));
  app.get(`/v3/:project_id/${kind.plural}/detail`, listing(true));

  const find = (c: Context<FakeEnv>): ResourceRecord | undefined => {
    const record = collection.get(c.req.param("id") ?? "");
    return record !== undefined && visibleTo(c, record[kind.ownerField]) ? record : undefined;
  };
  const remove = (id: string): void => {
    collection.update(id, { status: "deleting", updated_at: now() });
    setImmediate(() => collection.delete(id));
  };

  app.get(`/v3/:project_id/${kind.plural}/:id`, (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, kind.notFound(c.req.param("id")));
    return c.json({ [kind.singular]: kind.render(c, record) });
  });

  app.delete(`/v3/:project_id/${kind.plural}/:id`, (c) => {
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, kind.notFound(c.req.param("id")));
    if (!kind.deletable.includes(String(record["status"]))) return errorResponse(c, 400, kind.notDeletable);
    remove(record.id);
    return c.body(null, 202);
  });

  app.post(`/v3/:project_id/${kind.plural}/:id/action`, async (c) => {
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
      case "os-force_delete":
        if (!caller(c).isAdmin) return policyRefused(c, `${policy}force_delete`);
        remove(record.id);
        return c.body(null, 202);
      default:
        return errorResponse(c, 404, `fakecloud: unknown route POST ${c.req.path} action ${action} (not implemented)`);
    }
  });
}

export function mountSnapshotsAndBackups(app: Hono<FakeEnv>, ctx: ServiceContext): void {
  mountKind(app, ctx, SNAPSHOT);
  mountKind(app, ctx, BACKUP);
}
