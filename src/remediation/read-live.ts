// Re-reads one resource just before an action (rule 3: the world may have changed since the scan), through the
// show call its resource type declares. A 404 means gone; anything else that fails is an error, never "gone".

import { resourceType } from "../inventory/registry.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { ResourceType } from "../inventory/resource-type.ts";
import { OpenStackApiError } from "../openstack/errors.ts";
import { accountPath } from "../openstack/object-store-account.ts";
import type { Session } from "../openstack/session.ts";
import type { LiveRecord } from "./action.ts";

export interface LiveRead {
  record: LiveRecord;
  requestId: string | null;
}

/** Reads a resource by id; `record` is null only on a 404. Throws for a type that cannot be shown by id. */
export async function readLive(session: Session, type: ResourceTypeId, id: string): Promise<LiveRead> {
  if (type === "object-store.container") return readContainer(session, id);
  const declaration = resourceType(type);
  const show = customShow(type, id) ?? declaration.show;
  if (show === null) throw new Error(`${type} cannot be read by id: no show call is declared for it`);
  try {
    const response = await session.request(declaration.service, {
      path: show.path.replace("{id}", () => encodeURIComponent(id)),
      ...(show.microversion === undefined ? {} : { microversion: show.microversion }),
      ...(show.headers === undefined ? {} : { headers: show.headers }),
    });
    const record = unwrap(response.body);
    if (type === "orchestration.stack") return { record: withStackProject(record), requestId: response.requestId };
    // Placement answers 200 with no allocations for a consumer it does not know.
    if (type === "placement.allocation" && isEmptyObject(record["allocations"]))
      return { record: null, requestId: response.requestId };
    return { record, requestId: response.requestId };
  } catch (error) {
    if (error instanceof OpenStackApiError && error.status === 404) return { record: null, requestId: error.requestId };
    throw error;
  }
}

/**
 * A Swift container is shown by `HEAD /<account>/<container>`: its counts are headers, as the account listing's
 * `count` and `bytes` fields. Its id is `<project>/<container>` (a container name holds no "/").
 */
async function readContainer(session: Session, id: string): Promise<LiveRead> {
  const slash = id.indexOf("/");
  const projectId = id.slice(0, slash);
  const name = id.slice(slash + 1);
  const path = `${accountPath(session.objectStoreAccountPrefix(), projectId)}/${encodeURIComponent(name)}`;
  try {
    const response = await session.request("object-store", { method: "HEAD", path });
    const count = Number(response.headers["x-container-object-count"] ?? NaN);
    const bytes = Number(response.headers["x-container-bytes-used"] ?? NaN);
    return { record: { project_id: projectId, name, count, bytes }, requestId: response.requestId };
  } catch (error) {
    if (error instanceof OpenStackApiError && error.status === 404) return { record: null, requestId: error.requestId };
    throw error;
  }
}

/**
 * Types whose id is not a single path segment: an image member's id is `image_id/member_id`, a placement allocation
 * is read by its consumer.
 */
function customShow(type: ResourceTypeId, id: string): ResourceType["show"] {
  if (type === "image.member") {
    const [imageId = "", memberId = ""] = id.split("/");
    return { path: `/v2/images/${encodeURIComponent(imageId)}/members/${encodeURIComponent(memberId)}` };
  }
  if (type === "orchestration.stack") {
    // Heat shows a stack at /stacks/{stack_name}/{stack_id} only (a bare id answers 302 to it).
    const [name = "", stackId = ""] = id.split("/");
    return { path: `/stacks/${encodeURIComponent(name)}/${encodeURIComponent(stackId)}` };
  }
  if (type === "placement.allocation") {
    const consumer = id.includes("/") ? id.slice(id.indexOf("/") + 1) : id;
    return { path: `/allocations/${encodeURIComponent(consumer)}`, microversion: "1.28" };
  }
  return null;
}

/** Nova, Cinder, Neutron and Octavia wrap a record in its singular name (`{"volume": {...}}`); Glance does not. */
function unwrap(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length === 1) {
    const [, value] = entries[0]!;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  }
  return body as Record<string, unknown>;
}

/**
 * Heat's show has no `project` (its listing has, for an admin): the stack's tenant is in its self link,
 * `/v1/{tenant}/stacks/{stack_name}/{stack_id}` (heat/api/openstack/v1/util.py make_link, from the stack's identity).
 */
function withStackProject(record: Record<string, unknown>): Record<string, unknown> {
  if (record["project"] !== undefined) return record;
  const links = Array.isArray(record["links"]) ? (record["links"] as unknown[]) : [];
  for (const link of links) {
    const href = link !== null && typeof link === "object" ? (link as { href?: unknown }).href : undefined;
    const tenant = typeof href === "string" ? /\/v1\/([^/]+)\/stacks\//.exec(href)?.[1] : undefined;
    if (tenant !== undefined) return { ...record, project: decodeURIComponent(tenant) };
  }
  return record;
}

function isEmptyObject(value: unknown): boolean {
  return value === undefined || (value !== null && typeof value === "object" && Object.keys(value).length === 0);
}
