// Glance's images and members: visibility rules (public, private, shared, community, `visibility=all`),
// hidden images, Glance's own pagination (`next`/`first` relative links, default page 25, `api_limit_max`
// 1000, 400 on an unknown marker), data upload (queued → active), delete, and members of shared images.

import { createHash } from "node:crypto";
import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { nextMarker, page } from "../../http/pagination.ts";
import { caller, errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import { sortByField, type ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";
import { imageSeeder, VISIBILITIES } from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

/** glance-api.conf `limit_param_default` and `api_limit_max`. */
export const LIMIT_PARAM_DEFAULT = 25;
export const API_LIMIT_MAX = 1000;
const CREATED_DESC = sortByField("created_at", "desc");
/** The attributes a JSON patch may change (the others are Glance's own: id, status, owner, size, ...). */
const PATCHABLE = new Set(["name", "visibility", "os_hidden", "protected", "min_disk", "min_ram", "tags"]);

/** Glance's images and their members: `/v2/images`. */
export function imageRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const images = ctx.state.collection("image.image");
  const members = ctx.state.collection("image.member");
  const now = (): string => formatTime(new Date(), "iso-z");

  const memberStatus = (imageId: string, projectId: string): unknown =>
    members.get(`${imageId}/${projectId}`)?.["status"];
  /** glance/db/sqlalchemy/api.py is_image_visible. */
  const canSee = (c: Context<FakeEnv>, image: ResourceRecord): boolean => canSeeAs(caller(c), image);
  const canSeeAs = (who: { isAdmin: boolean; projectId: string }, image: ResourceRecord): boolean => {
    if (who.isAdmin || image["owner"] === who.projectId) return true;
    const visibility = image["visibility"];
    if (visibility === "public" || visibility === "community") return true;
    return visibility === "shared" && memberStatus(image.id, who.projectId) !== undefined;
  };

  const render = (c: Context<FakeEnv>, image: ResourceRecord): Record<string, unknown> => ({
    ...image,
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: "/v2/schemas/image",
  });
  const notFound = (c: Context<FakeEnv>, id: string): Response => errorResponse(c, 404, `No image found with ID ${id}`);
  /**
   * Rows Glance has marked deleted: `deleted`, and `pending_delete` (a delayed delete sets both): no call finds them,
   * not even an admin's show (measured on Zed).
   */
  const isGone = (image: ResourceRecord): boolean =>
    image["status"] === "deleted" || image["status"] === "pending_delete";

  app.get("/", (c) => {
    const query = queryOf(c);
    const who = caller(c);
    const rawLimit = query.get("limit");
    if (rawLimit !== null && !/^\d+$/.test(rawLimit)) return errorResponse(c, 400, "limit param must be an integer");
    if (rawLimit !== null && Number(rawLimit) < 0) return errorResponse(c, 400, "limit param must be positive");
    const limit = Math.min(rawLimit === null ? LIMIT_PARAM_DEFAULT : Number(rawLimit), API_LIMIT_MAX);
    const visibility = query.get("visibility");
    if (visibility !== null && visibility !== "all" && !VISIBILITIES.includes(visibility)) {
      return errorResponse(c, 400, `Invalid visibility value: ${visibility}`);
    }
    // os_hidden=true lists only hidden images; without it hidden ones are left out.
    const hidden = (query.get("os_hidden") ?? "false").toLowerCase() === "true";
    const filters: [string, string][] = [];
    for (const field of ["status", "owner", "name", "disk_format", "container_format", "protected"]) {
      const value = query.get(field);
      if (value !== null) filters.push([field, value]);
    }
    const tags = query.getAll("tag");
    const memberStatusFilter = query.get("member_status") ?? "accepted";
    const filter = (image: ResourceRecord): boolean => {
      // glance/db/sqlalchemy/api.py _make_conditions_from_filters: the API always lists with deleted=False, which also
      // leaves every `killed` image out, whatever `status` asks for; a show still finds one (measured on Zed).
      if (isGone(image) || image["status"] === "killed") return false;
      if ((image["os_hidden"] === true) !== hidden) return false;
      if (!filters.every(([field, value]) => String(image[field]) === value)) return false;
      if (!tags.every((tag) => (image["tags"] as string[]).includes(tag))) return false;
      const v = image["visibility"];
      const own = image["owner"] === who.projectId;
      if (visibility === "all") return canSeeAs(who, image);
      if (visibility !== null) {
        if (v !== visibility) return false;
        if (v === "shared" && !who.isAdmin && !own) return memberStatus(image.id, who.projectId) === memberStatusFilter;
        return canSeeAs(who, image);
      }
      // No visibility filter: community images only when owned; shared ones with an accepted membership.
      if (v === "community") return own || who.isAdmin;
      if (who.isAdmin || own || v === "public") return true;
      return v === "shared" && memberStatus(image.id, who.projectId) === memberStatusFilter;
    };
    const marker = query.get("marker") ?? undefined;
    // glance/db/sqlalchemy/api.py _image_get for the marker: an unknown one is ImageNotFound, turned into 400.
    if (marker !== undefined) {
      const markerImage = images.get(marker);
      if (markerImage === undefined || !canSee(c, markerImage))
        return errorResponse(c, 400, `No image found with ID ${marker}`);
    }
    const result = page(images.sorted(CREATED_DESC), { marker, limit, filter });
    if (result.kind === "unknown-marker") return errorResponse(c, 400, `No image found with ID ${result.marker}`);
    // glance/api/v2/images.py ResponseSerializer.index: `first` without marker, `next` on a full page; both
    // relative to the endpoint, with the request's other parameters kept.
    const params = new URLSearchParams(query);
    params.delete("marker");
    const text = params.toString();
    const body: Record<string, unknown> = {
      images: result.items.map((image) => render(c, image)),
      first: text === "" ? "/v2/images" : `/v2/images?${text}`,
      schema: "/v2/schemas/images",
    };
    const last = result.items.at(-1);
    if (last !== undefined && result.items.length === limit) {
      params.set("marker", nextMarker(c, marker, last.id));
      body["next"] = `/v2/images?${params.toString()}`;
    }
    return jsonResponse(c, body);
  });

  app.get("/:id", (c) => {
    const image = images.get(c.req.param("id"));
    if (image === undefined || isGone(image) || !canSee(c, image)) return notFound(c, c.req.param("id"));
    return jsonResponse(c, render(c, image));
  });

  app.post("/", async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown> | undefined;
    if (body === undefined || typeof body !== "object") return errorResponse(c, 400, "Body expected in request.");
    const who = caller(c);
    const visibility = body["visibility"] ?? "shared";
    if (visibility === "public" && !who.isAdmin) {
      return errorResponse(c, 403, `You are not authorized to complete publicize_image action.`);
    }
    const at = now();
    const record = imageSeeder.build(
      {
        ...body,
        id: typeof body["id"] === "string" ? body["id"] : newUuid(),
        owner: who.projectId,
        status: "queued",
        created_at: at,
      },
      { state: ctx.state, now: new Date(), adminProjectId: who.projectId, adminUserId: who.userId },
    );
    images.insert(record);
    return jsonResponse(c, render(c, record), 201);
  });

  // glance/api/v2/image_data.py upload: octet-stream only, only a `queued` image takes data, then it is `active`
  // with its size and hashes (the devcloud's single `file` store).
  app.put("/:id/file", async (c) => {
    const image = images.get(c.req.param("id"));
    if (image === undefined || isGone(image) || !canSee(c, image)) return notFound(c, c.req.param("id"));
    const contentType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== "application/octet-stream") {
      return errorResponse(
        c,
        415,
        `The request media type ${contentType === "" ? "None" : contentType} is not supported by this server.`,
      );
    }
    const who = caller(c);
    if (!who.isAdmin && image["owner"] !== who.projectId) {
      return errorResponse(c, 403, "You are not authorized to complete upload_image action.");
    }
    if (image["status"] !== "queued") {
      return errorResponse(c, 409, `Image status transition from ${String(image["status"])} to saving is not allowed`);
    }
    const data = new Uint8Array(await c.req.arrayBuffer());
    images.update(image.id, {
      status: "active",
      size: data.byteLength,
      // Glance inspects the data for a virtual size; raw data is its own size, other formats are left unknown.
      virtual_size: image["disk_format"] === "raw" ? data.byteLength : null,
      checksum: createHash("md5").update(data).digest("hex"),
      os_hash_algo: "sha512",
      os_hash_value: createHash("sha512").update(data).digest("hex"),
      stores: "file",
      updated_at: now(),
    });
    return c.body(null, 204);
  });

  // glance/api/v2/images.py update: a JSON patch (RFC 6902 as Glance reads it) of the image's own attributes.
  app.patch("/:id", async (c) => {
    const image = images.get(c.req.param("id"));
    if (image === undefined || isGone(image) || !canSee(c, image)) return notFound(c, c.req.param("id"));
    const contentType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== "application/openstack-images-v2.1-json-patch") {
      return errorResponse(
        c,
        415,
        `The request media type ${contentType === "" ? "None" : contentType} is not supported by this server.`,
      );
    }
    const who = caller(c);
    if (!who.isAdmin && image["owner"] !== who.projectId) {
      return errorResponse(c, 403, "You are not authorized to complete modify_image action.");
    }
    const body = await jsonBody(c);
    if (!Array.isArray(body)) return errorResponse(c, 400, "Request body must be a JSON array of operation objects.");
    const changes: Record<string, unknown> = {};
    for (const raw of body as unknown[]) {
      const op = raw as { op?: unknown; path?: unknown; value?: unknown };
      const field = typeof op.path === "string" ? op.path.replace(/^\//, "") : "";
      if (!PATCHABLE.has(field)) return errorResponse(c, 403, `Attribute '${field}' is read-only.`);
      if (op.op === "replace" || op.op === "add") changes[field] = op.value;
      else if (op.op === "remove") changes[field] = null;
      else return errorResponse(c, 400, `Unable to find '${String(op.op)}' operation.`);
    }
    if (changes["visibility"] === "public" && !who.isAdmin) {
      return errorResponse(c, 403, "You are not authorized to complete publicize_image action.");
    }
    images.update(image.id, { ...changes, updated_at: now() });
    return jsonResponse(c, render(c, images.get(image.id)!));
  });

  app.delete("/:id", (c) => {
    const image = images.get(c.req.param("id"));
    if (image === undefined || isGone(image) || !canSee(c, image)) return notFound(c, c.req.param("id"));
    const who = caller(c);
    if (!who.isAdmin && image["owner"] !== who.projectId) {
      return errorResponse(c, 403, `You are not authorized to complete delete_image action.`);
    }
    if (image["protected"] === true)
      return errorResponse(c, 403, `Image ${image.id} is protected and cannot be deleted.`);
    images.delete(image.id);
    for (const member of [...members.values()]) if (member["image_id"] === image.id) members.delete(member.id);
    return c.body(null, 204);
  });

  // Members: glance/api/v2/image_members.py
  const renderMember = (member: ResourceRecord): Record<string, unknown> => ({
    created_at: member["created_at"],
    image_id: member["image_id"],
    member_id: member["member_id"],
    schema: "/v2/schemas/member",
    status: member["status"],
    updated_at: member["updated_at"],
  });
  const imageFor = (c: Context<FakeEnv>): ResourceRecord | undefined => {
    const image = images.get(c.req.param("id") ?? "");
    return image !== undefined && !isGone(image) && canSee(c, image) ? image : undefined;
  };

  app.get("/:id/members", (c) => {
    const image = imageFor(c);
    if (image === undefined) return errorResponse(c, 404, `Image ${c.req.param("id")} not found.`);
    const who = caller(c);
    const list = [...members.values()].filter(
      (m) =>
        m["image_id"] === image.id &&
        (who.isAdmin || image["owner"] === who.projectId || m["member_id"] === who.projectId),
    );
    return jsonResponse(c, { members: list.map(renderMember), schema: "/v2/schemas/members" });
  });

  app.get("/:id/members/:member", (c) => {
    const image = imageFor(c);
    if (image === undefined) return errorResponse(c, 404, `Image ${c.req.param("id")} not found.`);
    const member = members.get(`${image.id}/${c.req.param("member")}`);
    if (member === undefined) {
      return errorResponse(c, 404, `${c.req.param("member")} not found in the member list of the image ${image.id}.`);
    }
    return jsonResponse(c, renderMember(member));
  });

  app.post("/:id/members", async (c) => {
    const image = imageFor(c);
    if (image === undefined) return errorResponse(c, 404, `Image ${c.req.param("id")} not found.`);
    const who = caller(c);
    if (!who.isAdmin && image["owner"] !== who.projectId) {
      return errorResponse(c, 403, `Not allowed to create members for image ${image.id}.`);
    }
    if (image["visibility"] !== "shared") return errorResponse(c, 403, "Only shared images have members.");
    const body = (await jsonBody(c)) as Record<string, unknown> | undefined;
    const memberId = body?.["member"];
    if (typeof memberId !== "string" || memberId === "")
      return errorResponse(c, 400, "Member to be added not specified");
    if (members.has(`${image.id}/${memberId}`)) {
      return errorResponse(c, 409, `Member ${memberId} is duplicated for image ${image.id}`);
    }
    const at = now();
    const member: ResourceRecord = {
      id: `${image.id}/${memberId}`,
      image_id: image.id,
      member_id: memberId,
      status: "pending",
      created_at: at,
      updated_at: at,
    };
    members.insert(member);
    return jsonResponse(c, renderMember(member));
  });

  app.delete("/:id/members/:member", (c) => {
    const image = imageFor(c);
    if (image === undefined) return errorResponse(c, 404, `Image ${c.req.param("id")} not found.`);
    const who = caller(c);
    if (!who.isAdmin && image["owner"] !== who.projectId)
      return errorResponse(c, 403, "You cannot delete image member.");
    if (members.delete(`${image.id}/${c.req.param("member")}`) === undefined) {
      return errorResponse(c, 404, `${c.req.param("member")} not found in the member list of the image ${image.id}.`);
    }
    return c.body(null, 204);
  });
  return app;
}
