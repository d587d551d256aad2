// Cinder's attachments API (3.27+): the rows behind each volume's `attachments[]`. Deleting one detaches the
// volume, which is how an operator frees a volume still attached to a server that no longer exists.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast, formatVersion } from "../../http/microversion.ts";
import { errorResponse } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { cinderList, visibleTo } from "./cinder-listing.ts";
import { jsonResponse } from "../../http/json-response.ts";

const notFound = (id: string): string => `Volume attachment could not be found with filter: attachment_id = ${id}.`;

function summary(record: ResourceRecord): Record<string, unknown> {
  return { id: record.id, status: record["status"], instance: record["instance"], volume_id: record["volume_id"] };
}

function detail(record: ResourceRecord): Record<string, unknown> {
  return {
    ...summary(record),
    attached_at: record["attached_at"],
    detached_at: record["detached_at"],
    attach_mode: record["attach_mode"],
    connection_info: record["connection_info"],
  };
}

/** cinder/api/openstack/wsgi.py: a method below its microversion answers VersionNotFoundForAPIMethod (404). */
function tooOld(c: Context<FakeEnv>): Response | undefined {
  if (atLeast(c.var.microversion, "3.27")) return undefined;
  const version = c.var.microversion === undefined ? "3.0" : formatVersion(c.var.microversion);
  return errorResponse(c, 404, `API version ${version} is not supported on this method.`);
}

/** Cinder's attachments: `/v3/{project_id}/attachments`. */
export function attachmentRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const attachments = ctx.state.collection("block-storage.attachment");
  const volumes = ctx.state.collection("block-storage.volume");

  const listing = (render: (record: ResourceRecord) => Record<string, unknown>) => (c: Context<FakeEnv>) =>
    tooOld(c) ??
    cinderList(c, {
      collection: attachments,
      key: "attachments",
      ownerOf: (record) => record["fakecloud:project_id"],
      filterFields: ["volume_id", "instance_id", "status"],
      notFound,
      render,
      links: false,
    });
  app.get("/", listing(summary));
  app.get("/detail", listing(detail));

  const find = (c: Context<FakeEnv>): ResourceRecord | undefined => {
    const record = attachments.get(c.req.param("id") ?? "");
    return record !== undefined && visibleTo(c, record["fakecloud:project_id"]) ? record : undefined;
  };

  app.get("/:id", (c) => {
    const old = tooOld(c);
    if (old !== undefined) return old;
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, notFound(c.req.param("id")));
    return jsonResponse(c, { attachment: detail(record) });
  });

  // cinder/api/v3/attachments.py delete: 200 with the attachments still sharing the connection (none here).
  app.delete("/:id", (c) => {
    const old = tooOld(c);
    if (old !== undefined) return old;
    const record = find(c);
    if (record === undefined) return errorResponse(c, 404, notFound(c.req.param("id")));
    attachments.delete(record.id);
    const volumeId = String(record["volume_id"]);
    const volume = volumes.get(volumeId);
    if (volume !== undefined) {
      const entries = (volume["attachments"] as { attachment_id: string }[] | undefined) ?? [];
      const left = entries.filter((entry) => entry.attachment_id !== record.id);
      // cinder/volume/api.py attachment_delete → _attachment_reserve's inverse: last one gone → available.
      volumes.update(volumeId, {
        attachments: left,
        status: left.length > 0 ? "in-use" : "available",
        updated_at: formatTime(new Date(), "iso-micro"),
      });
    }
    return jsonResponse(c, { attachments: [] });
  });
  return app;
}
