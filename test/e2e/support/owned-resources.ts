// Everything the real APIs list as owned by one project, queried with each service's raw owner filter (works for a
// deleted project too, unlike the CLI's --project, which resolves the name in Keystone first).
import * as z from "zod";
import type { ResourceTypeId } from "../../../src/inventory/resource-type-id.ts";
import type { RestSession } from "./rest-session.ts";

export interface OwnedResource {
  type: ResourceTypeId;
  id: string;
}

const LISTINGS: readonly { type: ResourceTypeId; service: string; path: (project: string) => string; key: string }[] = [
  { type: "compute.server", service: "compute", path: (p) => `/servers?all_tenants=1&project_id=${p}`, key: "servers" },
  {
    type: "block-storage.volume",
    service: "block-storage",
    path: (p) => `/volumes?all_tenants=1&project_id=${p}`,
    key: "volumes",
  },
  {
    type: "network.network",
    service: "network",
    path: (p) => `/v2.0/networks?project_id=${p}&fields=id`,
    key: "networks",
  },
  {
    type: "network.subnet",
    service: "network",
    path: (p) => `/v2.0/subnets?project_id=${p}&fields=id`,
    key: "subnets",
  },
  { type: "network.port", service: "network", path: (p) => `/v2.0/ports?project_id=${p}&fields=id`, key: "ports" },
  {
    type: "network.router",
    service: "network",
    path: (p) => `/v2.0/routers?project_id=${p}&fields=id`,
    key: "routers",
  },
  {
    type: "network.floatingip",
    service: "network",
    path: (p) => `/v2.0/floatingips?project_id=${p}&fields=id`,
    key: "floatingips",
  },
  // Listed for every project and filtered here: asked for one project's security groups, Neutron creates that
  // project's default group when it has none, even for a deleted project (which would then never be empty).
  {
    type: "network.security-group",
    service: "network",
    path: () => `/v2.0/security-groups?fields=id&fields=project_id`,
    key: "security_groups",
  },
  {
    type: "network.security-group-rule",
    service: "network",
    path: () => `/v2.0/security-group-rules?fields=id&fields=project_id`,
    key: "security_group_rules",
  },
  {
    type: "network.rbac-policy",
    service: "network",
    path: (p) => `/v2.0/rbac-policies?project_id=${p}&fields=id`,
    key: "rbac_policies",
  },
  { type: "image.image", service: "image", path: (p) => `/v2/images?owner=${p}`, key: "images" },
  {
    type: "load-balancer.loadbalancer",
    service: "load-balancer",
    path: (p) => `/v2/lbaas/loadbalancers?project_id=${p}`,
    key: "loadbalancers",
  },
];

const listSchema = z.record(z.string(), z.unknown());
const idsSchema = z.array(z.object({ id: z.string(), project_id: z.string().optional() }));

export async function ownedResources(admin: RestSession, projectId: string): Promise<OwnedResource[]> {
  const lists = await Promise.all(
    LISTINGS.map(async (listing) => {
      const body = listSchema.parse(await admin.get(listing.service, listing.path(projectId)));
      return idsSchema
        .parse(body[listing.key])
        .filter((r) => r.project_id === undefined || r.project_id === projectId)
        .map((r) => ({ type: listing.type, id: r.id }));
    }),
  );
  return lists.flat();
}
