// Nova's servers API: list (with nova's all_tenants policy), show, create (on a compute host, with its
// allocation in Placement), delete, the admin actions os-resetState and forceDelete, and the os-volume_attachments
// of a server.

import { Hono, type Context } from "hono";
import * as z from "zod";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { linkWithMarker, nextMarker, page } from "../../http/pagination.ts";
import { caller, errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import { formatTime, parseTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import { sortByField, type ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";
import { findFlavor } from "./flavors.ts";
import { renderComputeService } from "./os-services.ts";
import { isInDownCell, renderServer, serverLinks, serverRenderer, type HostStatusOf } from "./render-server.ts";
import { serverSeeder } from "./server-seeder.ts";
import { jsonResponse } from "../../http/json-response.ts";

/** nova.conf [api] max_limit: the largest page nova returns, whatever `limit` asks for. */
export const NOVA_MAX_LIMIT = 1000;

// nova sorts by created_at desc, id desc unless told otherwise (nova/compute/api.py get_all).
const DEFAULT_ORDER = sortByField("created", "desc");

function baseUrlOf(c: Context<FakeEnv>): string {
  return new URL(c.req.url).origin;
}

/** oslo's strutils.bool_from_string(strict=True) as nova's is_all_tenants uses it; "" (bare flag) is true. */
function parseAllTenants(value: string | null): boolean | "invalid" {
  if (value === null) return false;
  const normalized = value.trim().toLowerCase();
  if (normalized === "" || ["1", "t", "true", "on", "y", "yes"].includes(normalized)) return true;
  if (["0", "f", "false", "off", "n", "no"].includes(normalized)) return false;
  return "invalid";
}

/** The state of every nova-compute host, read once per request (nova/compute/api.py get_instances_host_statuses). */
function hostStatuses(ctx: ServiceContext): HostStatusOf {
  const now = new Date();
  const byHost = new Map<string, string>();
  for (const service of ctx.state.collection("compute.service").values()) {
    if (service["binary"] !== "nova-compute" || typeof service["host"] !== "string") continue;
    let status = "UNKNOWN";
    if (service["forced_down"] === true) status = "DOWN";
    else if (renderComputeService(service, now, true)["state"] === "up") {
      status = service["status"] === "disabled" ? "MAINTENANCE" : "UP";
    }
    byHost.set(service["host"], status);
  }
  return (host) => (typeof host === "string" && host !== "" ? (byHost.get(host) ?? "UNKNOWN") : "");
}

/** Where the scheduler puts a new server: the first enabled nova-compute host that is up, else fakecloud's own. */
function scheduleHost(ctx: ServiceContext): string {
  const now = new Date();
  for (const service of ctx.state.collection("compute.service").values()) {
    if (service["binary"] !== "nova-compute" || service["status"] === "disabled") continue;
    if (renderComputeService(service, now, true)["state"] === "up" && typeof service["host"] === "string") {
      return service["host"];
    }
  }
  return "compute-1";
}

/** Nova's `limit`: capped at max_limit, its own 400s for one that is not a non-negative integer. */
export function novaLimit(c: Context<FakeEnv>, raw: string | null): number | Response {
  if (raw === null) return NOVA_MAX_LIMIT;
  if (!/^-?\d+$/.test(raw)) return errorResponse(c, 400, "limit param must be an integer");
  if (Number(raw) < 0) return errorResponse(c, 400, "limit param must be positive");
  return Math.min(Number(raw), NOVA_MAX_LIMIT);
}

function findServer(ctx: ServiceContext, c: Context<FakeEnv>, id: string): ResourceRecord | Response {
  const record = ctx.state.collection("compute.server").get(id);
  const auth = caller(c);
  // A member never sees another project's server: nova answers exactly as if it did not exist.
  if (record === undefined || (!auth.isAdmin && record["tenant_id"] !== auth.projectId)) {
    return errorResponse(c, 404, `Instance ${id} could not be found.`);
  }
  return record;
}

function listServers(ctx: ServiceContext, c: Context<FakeEnv>, detail: boolean): Response {
  const auth = caller(c);
  const query = queryOf(c);
  const allTenants = parseAllTenants(query.get("all_tenants"));
  if (allTenants === "invalid") {
    return errorResponse(c, 400, `Invalid value '${query.get("all_tenants") ?? ""}' for all_tenants`);
  }
  // nova/api/openstack/compute/servers.py _get_servers: all_tenants needs the admin-only get_all_tenants
  // policy (403 otherwise). Without it the listing is always the caller's own project: project_id and
  // tenant_id filters are then ignored (for members they are even stripped as not allowed).
  if (allTenants && !auth.isAdmin) {
    const rule = detail
      ? "os_compute_api:servers:detail:get_all_tenants"
      : "os_compute_api:servers:index:get_all_tenants";
    return errorResponse(c, 403, `Policy doesn't allow ${rule} to be performed.`);
  }
  let projectFilter: string | null = auth.projectId;
  if (allTenants) projectFilter = query.get("project_id") ?? query.get("tenant_id");

  const limit = novaLimit(c, query.get("limit"));
  if (limit instanceof Response) return limit;

  const filters: ((record: ResourceRecord) => boolean)[] = [];
  if (projectFilter !== null) filters.push((record) => record["tenant_id"] === projectFilter);
  const status = query.get("status");
  if (status !== null) filters.push((record) => record["status"] === status.toUpperCase());
  const name = query.get("name");
  if (name !== null) {
    // nova matches `name` as a regular expression
    let pattern: RegExp;
    try {
      pattern = new RegExp(name);
    } catch {
      return errorResponse(c, 400, `Invalid regular expression for name: ${name}`);
    }
    filters.push((record) => typeof record["name"] === "string" && pattern.test(record["name"]));
  }
  const host = query.get("host");
  if (host !== null && auth.isAdmin) filters.push((record) => record["OS-EXT-SRV-ATTR:host"] === host);
  const changesSinceText = query.get("changes-since");
  if (changesSinceText !== null) {
    const changesSince = parseTime(changesSinceText);
    if (changesSince === undefined)
      return errorResponse(
        c,
        400,
        `Invalid input for query parameters changes-since. Value: ${changesSinceText}. '${changesSinceText}' is not a 'date-time'`,
      );
    const threshold = formatTime(changesSince, "iso-z");
    filters.push((record) => typeof record["updated"] === "string" && record["updated"] >= threshold);
  }
  // Before 2.69 nova leaves servers of a down cell out of lists; from 2.69 it shows them as UNKNOWN.
  if (!atLeast(c.var.microversion, "2.69")) filters.push((record) => !isInDownCell(record));

  const marker = query.get("marker") ?? undefined;
  const view = ctx.state.collection("compute.server").sorted(DEFAULT_ORDER);
  const result = page(view, {
    marker,
    limit,
    ...(filters.length > 0 ? { filter: (record: ResourceRecord) => filters.every((test) => test(record)) } : {}),
  });
  if (result.kind === "unknown-marker") return errorResponse(c, 400, `marker [${result.marker}] not found`);
  // Hoisted: Hono's `c.var` builds a new object on each access, and a page may hold 1000 servers.
  const version = c.var.microversion;
  const baseUrl = baseUrlOf(c);
  const hostStatusOf = hostStatuses(ctx);
  const body: Record<string, unknown> = {
    servers: result.items.map(serverRenderer(version, auth.isAdmin, baseUrl, detail, hostStatusOf)),
  };
  // nova/api/openstack/common.py _get_collection_links: a next link whenever the page is full.
  const last = result.items.at(-1);
  if (last !== undefined && result.items.length === limit) {
    body["servers_links"] = [{ rel: "next", href: linkWithMarker(c, nextMarker(c, marker, last.id)) }];
  }
  return jsonResponse(c, body);
}

const createServerSchema = z.object({
  server: z.object({
    name: z.string().min(1).max(255),
    flavorRef: z.union([z.string(), z.number()]).optional(),
    imageRef: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.string()).optional(),
    description: z.string().nullable().optional(),
  }),
});

const attachVolumeSchema = z.object({
  volumeAttachment: z.object({
    // oslo's lenient uuid format: 32 hex digits, dashes optional.
    volumeId: z
      .string()
      .regex(/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, "is not a 'uuid'"),
    device: z.string().nullish(),
    tag: z.string().max(60).optional(),
    delete_on_termination: z.boolean().optional(),
  }),
});

const resetStateSchema = z.object({ "os-resetState": z.object({ state: z.enum(["active", "error"]) }) });

/** Nova's servers and their volume attachments: `/v2.1/servers`. */
export function serverRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const servers = ctx.state.collection("compute.server");

  app.get("/detail", (c) => listServers(ctx, c, true));
  app.get("/", (c) => listServers(ctx, c, false));

  app.get("/:id", (c) => {
    const found = findServer(ctx, c, c.req.param("id"));
    if (found instanceof Response) return found;
    const version = c.var.microversion;
    const server = renderServer(found, version, caller(c).isAdmin, baseUrlOf(c), true, hostStatuses(ctx));
    // 2.71: a server shows its server groups, on show (and rebuild/update) only, not in lists.
    if (atLeast(version, "2.71") && !isInDownCell(found)) server["server_groups"] = [];
    return jsonResponse(c, { server });
  });

  app.post("/", async (c) => {
    const auth = caller(c);
    const parsed = createServerSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errorResponse(c, 400, `Invalid input for field/attribute ${issue.path.join(".")}. ${issue.message}`);
    }
    const input = parsed.data.server;
    // nova/api/openstack/compute/servers.py create: the flavor and the image are checked before anything is built.
    const flavorRef = input.flavorRef === undefined ? undefined : String(input.flavorRef).split("/").at(-1)!;
    const flavor = flavorRef === undefined ? undefined : findFlavor(flavorRef);
    if (flavor === undefined) return errorResponse(c, 400, "Invalid flavorRef provided.");
    let image: { id: string } | string = "";
    if (input.imageRef !== undefined && input.imageRef !== "") {
      const imageId = input.imageRef.split("/").at(-1)!;
      const found = ctx.state.collection("image.image").get(imageId);
      if (found === undefined || found["status"] === "deleted") {
        return errorResponse(c, 400, `Image ${imageId} could not be found.`);
      }
      if (found["status"] !== "active") return errorResponse(c, 400, `Image ${imageId} is not active.`);
      image = { id: imageId };
    }
    const id = newUuid();
    const now = new Date();
    const host = scheduleHost(ctx);
    const record = serverSeeder.build(
      {
        id,
        name: input.name,
        tenant_id: auth.projectId,
        user_id: auth.userId,
        metadata: input.metadata ?? {},
        tags: input.tags ?? [],
        description: input.description ?? null,
        image,
        flavor: {
          vcpus: flavor.vcpus,
          ram: flavor.ram,
          disk: flavor.disk,
          ephemeral: 0,
          swap: 0,
          original_name: flavor.name,
          extra_specs: {},
        },
        "OS-EXT-SRV-ATTR:host": host,
      },
      { state: ctx.state, now, adminProjectId: auth.projectId, adminUserId: auth.userId },
    );
    servers.insert(record);
    ctx.state.emit("compute.server.created", {
      serverId: id,
      host,
      projectId: auth.projectId,
      userId: auth.userId,
      resources: { DISK_GB: flavor.disk, MEMORY_MB: flavor.ram, VCPU: flavor.vcpus },
    });
    // The create answer is the reservation, not the server (nova/api/openstack/compute/servers.py create).
    return jsonResponse(
      c,
      {
        server: {
          id,
          links: serverLinks(baseUrlOf(c), id),
          "OS-DCF:diskConfig": "MANUAL",
          security_groups: [{ name: "default" }],
          adminPass: newUuid().slice(0, 12),
        },
      },
      202,
    );
  });

  const remove = (c: Context<FakeEnv>, id: string, action: string): Response => {
    const found = findServer(ctx, c, id);
    if (found instanceof Response) return found;
    // nova/compute/api.py check_instance_lock: a locked server refuses everyone but an admin.
    if (found["locked"] === true && !caller(c).isAdmin) {
      return errorResponse(c, 409, `Instance ${id} is locked`);
    }
    servers.delete(id);
    ctx.state.emit("compute.server.deleted", { serverId: id });
    return c.body(null, action === "delete" ? 204 : 202);
  };

  app.delete("/:id", (c) => remove(c, c.req.param("id"), "delete"));

  app.post("/:id/action", async (c) => {
    const id = c.req.param("id");
    const body = await jsonBody(c);
    if (body === null || typeof body !== "object") return errorResponse(c, 400, "Malformed request body");
    if ("forceDelete" in body) {
      // nova force_delete works in any vm_state and task_state; only the lock stops it.
      return remove(c, id, "forceDelete");
    }
    if ("os-resetState" in body) {
      if (!caller(c).isAdmin)
        return errorResponse(
          c,
          403,
          "Policy doesn't allow os_compute_api:os-admin-actions:reset_state to be performed.",
        );
      const parsed = resetStateSchema.safeParse(body);
      if (!parsed.success) {
        const state = (body as { "os-resetState"?: { state?: unknown } })["os-resetState"]?.state;
        return errorResponse(
          c,
          400,
          `Invalid input for field/attribute state. Value: ${String(state)}. '${String(state)}' is not one of ['active', 'error']`,
        );
      }
      const found = findServer(ctx, c, id);
      if (found instanceof Response) return found;
      const state = parsed.data["os-resetState"].state;
      servers.update(id, {
        status: state === "active" ? "ACTIVE" : "ERROR",
        "OS-EXT-STS:vm_state": state,
        "OS-EXT-STS:task_state": null,
        updated: formatTime(new Date(), "iso-z"),
      });
      return c.body(null, 202);
    }
    const action = Object.keys(body)[0] ?? "(none)";
    return errorResponse(c, 404, `fakecloud: unknown route POST ${c.req.path} action ${action} (not implemented)`);
  });

  const attachedVolumes = (server: ResourceRecord): Record<string, unknown>[] =>
    (server["os-extended-volumes:volumes_attached"] as Record<string, unknown>[] | undefined) ?? [];
  /** nova's volume attachment view at the request's microversion. */
  const renderAttachment = (
    c: Context<FakeEnv>,
    server: ResourceRecord,
    volume: Record<string, unknown>,
    index: number,
  ): Record<string, unknown> => {
    const version = c.var.microversion;
    const attachment: Record<string, unknown> = {
      id: volume["id"],
      serverId: server.id,
      volumeId: volume["id"],
      device: volume["device"] ?? `/dev/vd${String.fromCharCode(98 + index)}`,
    };
    if (atLeast(version, "2.70")) attachment["tag"] = volume["tag"] ?? null;
    if (atLeast(version, "2.79")) attachment["delete_on_termination"] = volume["delete_on_termination"] ?? false;
    if (atLeast(version, "2.89")) {
      Reflect.deleteProperty(attachment, "id");
      attachment["attachment_id"] = volume["attachment_id"] ?? null;
      attachment["bdm_uuid"] = volume["bdm_uuid"] ?? null;
    }
    return attachment;
  };

  app.get("/:id/os-volume_attachments", (c) => {
    const found = findServer(ctx, c, c.req.param("id"));
    if (found instanceof Response) return found;
    const attachments = attachedVolumes(found).map((volume, index) => renderAttachment(c, found, volume, index));
    return jsonResponse(c, { volumeAttachments: attachments });
  });

  // nova/api/openstack/compute/volume_attachments.py create: nova asks Cinder for the volume, checks it can be
  // attached, creates the Cinder attachment and answers 200 once the volume is attached.
  app.post("/:id/os-volume_attachments", async (c) => {
    const found = findServer(ctx, c, c.req.param("id"));
    if (found instanceof Response) return found;
    const parsed = attachVolumeSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errorResponse(c, 400, `Invalid input for field/attribute ${issue.path.join(".")}. ${issue.message}`);
    }
    const input = parsed.data.volumeAttachment;
    const auth = caller(c);
    if (found["locked"] === true && !auth.isAdmin) return errorResponse(c, 409, `Instance ${found.id} is locked`);
    const volume = ctx.state.collection("block-storage.volume").get(input.volumeId);
    if (volume === undefined || (!auth.isAdmin && volume["os-vol-tenant-attr:tenant_id"] !== auth.projectId)) {
      return errorResponse(c, 404, `Volume ${input.volumeId} could not be found.`);
    }
    const holders = ((volume["attachments"] as { server_id?: unknown }[] | undefined) ?? []).map((entry) =>
      String(entry.server_id),
    );
    if (holders.length > 0 && (volume["multiattach"] !== true || holders.includes(found.id))) {
      return errorResponse(
        c,
        400,
        `Invalid volume: volume ${volume.id} is already attached to instances: ${holders.join(",")}`,
      );
    }
    const status = String(volume["status"]);
    if (status !== "available" && !(status === "in-use" && volume["multiattach"] === true)) {
      return errorResponse(
        c,
        400,
        `Invalid volume: volume '${volume.id}' status must be 'available'. Currently in '${status}'`,
      );
    }
    const existing = attachedVolumes(found);
    const used = new Set(existing.map((entry) => entry["device"]));
    let device = input.device ?? "";
    for (let letter = 98; device === "" || (input.device == null && used.has(device)); letter++) {
      device = `/dev/vd${String.fromCharCode(letter)}`;
    }
    const entry: Record<string, unknown> = {
      id: volume.id,
      delete_on_termination: input.delete_on_termination ?? false,
      device,
      tag: input.tag ?? null,
      attachment_id: newUuid(),
      bdm_uuid: newUuid(),
    };
    servers.update(found.id, {
      "os-extended-volumes:volumes_attached": [...existing, entry],
      updated: formatTime(new Date(), "iso-z"),
    });
    ctx.state.emit("compute.volume.attached", {
      serverId: found.id,
      volumeId: volume.id,
      attachmentId: String(entry["attachment_id"]),
      device,
      host: typeof found["OS-EXT-SRV-ATTR:host"] === "string" ? found["OS-EXT-SRV-ATTR:host"] : "compute-1",
    });
    return jsonResponse(c, { volumeAttachment: renderAttachment(c, found, entry, existing.length) });
  });

  app.delete("/:id/os-volume_attachments/:volumeId", (c) => {
    const found = findServer(ctx, c, c.req.param("id"));
    if (found instanceof Response) return found;
    const volumeId = c.req.param("volumeId");
    // nova/api/openstack/compute/volume_attachments.py delete asks Cinder for the volume first: a volume that
    // Cinder no longer has cannot be detached through this API (404), however stale nova's record is.
    if (!ctx.state.collection("block-storage.volume").has(volumeId)) {
      return errorResponse(c, 404, `Volume ${volumeId} could not be found.`);
    }
    if (found["locked"] === true && !caller(c).isAdmin) return errorResponse(c, 409, `Instance ${found.id} is locked`);
    const volumes = (found["os-extended-volumes:volumes_attached"] as Record<string, unknown>[] | undefined) ?? [];
    if (!volumes.some((volume) => volume["id"] === volumeId)) {
      return errorResponse(c, 404, `Instance ${found.id} is not attached to volume ${volumeId}`);
    }
    servers.update(found.id, {
      "os-extended-volumes:volumes_attached": volumes.filter((volume) => volume["id"] !== volumeId),
      updated: formatTime(new Date(), "iso-z"),
    });
    ctx.state.emit("compute.volume.detached", { serverId: found.id, volumeId });
    return c.body(null, 202);
  });
  return app;
}
