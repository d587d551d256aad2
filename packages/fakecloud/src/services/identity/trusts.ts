// Keystone's trusts: every trust listed to an admin only when the request has no query parameter at all
// (keystone/api/trusts.py _list_trusts), and shown or deleted by an admin, its trustor or (shown) its trustee: the
// policy of Keystone 2024.1, which Debian's Zed package (22.0.2-0+deb12u6, the devcloud's) carries too. Upstream Zed
// refused a project admin both (identity:get_trust, identity:delete_trust were system admin, trustor or trustee).

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { errorResponse, queryOf } from "../../http/respond.ts";
import type { Seeder, ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { baseUrlOf } from "./auth-tokens.ts";

export const trustSeeder: Seeder = {
  timeFormat: "iso-micro-z",
  build: (partial, ctx) => ({
    trustor_user_id: ctx.adminUserId,
    trustee_user_id: ctx.adminUserId,
    project_id: ctx.adminProjectId,
    impersonation: false,
    expires_at: null,
    remaining_uses: null,
    allow_redelegation: false,
    redelegation_count: 0,
    redelegated_trust_id: null,
    ...partial,
  }),
};

function forbidden(c: Context<FakeEnv>, action: string): Response {
  return errorResponse(c, 403, `You are not authorized to perform the requested action: ${action}.`);
}

export function trustRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const trusts = ctx.state.collection("identity.trust");
  const render = (c: Context<FakeEnv>, trust: ResourceRecord): Record<string, unknown> => ({
    ...trust,
    links: { self: `${baseUrlOf(c)}/identity/v3/OS-TRUST/trusts/${trust.id}` },
  });
  /** The trust, or the answer to give: 404 before the policy, as Keystone looks the trust up first (lp#1840288). */
  const mine = (c: Context<FakeEnv>, action: "get" | "delete"): ResourceRecord | Response => {
    const id = c.req.param("id") ?? "";
    const trust = trusts.get(id);
    if (trust === undefined) return errorResponse(c, 404, `Could not find trust: ${id}.`);
    const user = c.var.auth?.userId;
    const related = user === trust["trustor_user_id"] || (action === "get" && user === trust["trustee_user_id"]);
    if (c.var.auth?.isAdmin !== true && !related) return forbidden(c, `identity:${action}_trust`);
    return trust;
  };

  app.get("/", (c) => {
    const query = queryOf(c);
    const trustor = query.get("trustor_user_id");
    const trustee = query.get("trustee_user_id");
    const user = c.var.auth?.userId;
    let shown: ResourceRecord[];
    if (trustor !== null) {
      if (trustor !== user && c.var.auth?.isAdmin !== true) return forbidden(c, "identity:list_trusts_for_trustor");
      shown = [...trusts.values()].filter((t) => t["trustor_user_id"] === trustor);
    } else if (trustee !== null) {
      if (trustee !== user && c.var.auth?.isAdmin !== true) return forbidden(c, "identity:list_trusts_for_trustee");
      shown = [...trusts.values()].filter((t) => t["trustee_user_id"] === trustee);
    } else {
      if (c.var.auth?.isAdmin !== true) return forbidden(c, "identity:list_trusts");
      // Any other parameter (a `limit`, a `marker`) selects no branch of Keystone's: an empty list.
      shown = [...query.keys()].length === 0 ? [...trusts.values()] : [];
    }
    return jsonResponse(c, {
      trusts: shown.map((t) => render(c, t)),
      links: { next: null, self: c.req.url, previous: null },
    });
  });

  app.get("/:id", (c) => {
    const trust = mine(c, "get");
    return trust instanceof Response ? trust : jsonResponse(c, { trust: { ...render(c, trust), roles: [] } });
  });

  app.delete("/:id", (c) => {
    const trust = mine(c, "delete");
    if (trust instanceof Response) return trust;
    trusts.delete(trust.id);
    return c.body(null, 204);
  });
  return app;
}
