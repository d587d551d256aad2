// The token document keystone returns from POST and GET /v3/auth/tokens, with the catalog of the token's
// project (endpoint URLs with `{project_id}` substituted, as keystone does with `%(project_id)s`).

import { createHash } from "node:crypto";
import { formatTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { Token } from "../../state/token-store.ts";

const INTERFACES = ["public", "internal", "admin"] as const;

/** Stable ids for catalog services and endpoints, so two tokens show the same catalog. */
function stableId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("/")).digest("hex").slice(0, 32);
}

function domainRef(ctx: ServiceContext, domainId: string): { id: string; name: string } {
  const domain = ctx.state.collection("identity.domain").get(domainId);
  return { id: domainId, name: typeof domain?.["name"] === "string" ? domain["name"] : domainId };
}

/**
 * The catalog as one Keystone of a multi-region cloud gives it: every service with one endpoint per region and
 * interface, each region's at the URL that region is served at, Keystone's own at Keystone's in every region.
 * `baseUrl` (the URL the token was asked at) stands for the region that answered, as the client reached it.
 */
export function catalogFor(ctx: ServiceContext, baseUrl: string, projectId: string): unknown[] {
  const { keystone } = ctx.state;
  const regions = new Map(keystone.regionUrls);
  regions.set(ctx.state.region, baseUrl);
  const keystoneUrl = regions.get(keystone.region) ?? baseUrl;
  const byType = new Map<string, { name: string; endpoints: unknown[] }>();
  for (const { serviceType, entry } of ctx.catalog) {
    if (ctx.state.removedFromCatalog.has(serviceType)) continue;
    const path = entry.path.replaceAll("{project_id}", projectId);
    const endpoints = [...regions].flatMap(([region, regionUrl]) =>
      INTERFACES.map((iface) => ({
        id: stableId(entry.type, region, iface),
        interface: iface,
        region_id: region,
        url: (serviceType === "identity" ? keystoneUrl : regionUrl) + path,
        region,
      })),
    );
    byType.set(entry.type, { name: entry.name, endpoints });
  }
  return [...byType].map(([type, { name, endpoints }]) => ({ endpoints, id: stableId(type), type, name }));
}

export function tokenBody(ctx: ServiceContext, baseUrl: string, token: Token): unknown {
  const { identity } = ctx.state;
  const user = identity.users.get(token.userId);
  const body: Record<string, unknown> = {
    methods: token.methods,
    user: {
      domain: domainRef(ctx, user?.domainId ?? "default"),
      id: token.userId,
      name: user?.name ?? token.userId,
      password_expires_at: null,
    },
    audit_ids: [token.auditId],
    expires_at: formatTime(token.expiresAt, "iso-micro-z"),
    issued_at: formatTime(token.issuedAt, "iso-micro-z"),
  };
  if (token.projectId !== null) {
    const project = ctx.state.collection("identity.project").get(token.projectId);
    const domainId = typeof project?.["domain_id"] === "string" ? project["domain_id"] : "default";
    body["project"] = {
      domain: domainRef(ctx, domainId),
      id: token.projectId,
      name: typeof project?.["name"] === "string" ? project["name"] : token.projectId,
    };
    body["is_domain"] = false;
    body["roles"] = identity.expandRoles(token.roleIds).map((role) => ({ id: role.id, name: role.name }));
    body["catalog"] = catalogFor(ctx, baseUrl, token.projectId);
  }
  if (token.applicationCredentialId !== null) {
    const credential = identity.applicationCredentials.get(token.applicationCredentialId);
    body["application_credential"] = {
      id: token.applicationCredentialId,
      name: credential?.name ?? "",
      restricted: true,
    };
  }
  return { token: body };
}
