// Keystone's application credentials under their user (`/v3/users/{user_id}/application_credentials`): listed, shown
// and deleted by their user or an admin (identity:*_application_credential, admin_or_owner in Zed's deprecated rules).
// Never the secret: Keystone shows it once, when the credential is created.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { errorResponse } from "../../http/respond.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { ApplicationCredential } from "../../state/identity-store.ts";
import { baseUrlOf } from "./auth-tokens.ts";

export function applicationCredentialRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const credentials = ctx.state.identity.applicationCredentials;
  const allowed = (c: Context<FakeEnv>): boolean =>
    c.var.auth?.isAdmin === true || c.var.auth?.userId === c.req.param("user_id");
  const render = (c: Context<FakeEnv>, credential: ApplicationCredential): Record<string, unknown> => ({
    id: credential.id,
    name: credential.name,
    description: null,
    user_id: credential.userId,
    project_id: credential.projectId,
    system: null,
    expires_at: credential.expiresAt?.toISOString() ?? null,
    unrestricted: false,
    roles: credential.roleIds.map((id) => ({
      id,
      name: ctx.state.identity.roles.get(id)?.name ?? id,
      domain_id: null,
    })),
    access_rules: [],
    links: {
      self: `${baseUrlOf(c)}/identity/v3/users/${credential.userId}/application_credentials/${credential.id}`,
    },
  });
  const found = (c: Context<FakeEnv>, action: string): ApplicationCredential | Response => {
    if (!allowed(c)) return errorResponse(c, 403, `You are not authorized to perform the requested action: ${action}.`);
    const id = c.req.param("id") ?? "";
    const credential = credentials.get(id);
    if (credential === undefined || credential.userId !== c.req.param("user_id"))
      return errorResponse(c, 404, `Could not find Application Credential: ${id}.`);
    return credential;
  };

  app.get("/:user_id/application_credentials", (c) => {
    if (!allowed(c))
      return errorResponse(
        c,
        403,
        "You are not authorized to perform the requested action: identity:list_application_credentials.",
      );
    const mine = [...credentials.values()].filter((credential) => credential.userId === c.req.param("user_id"));
    return jsonResponse(c, {
      application_credentials: mine.map((credential) => render(c, credential)),
      links: { next: null, self: c.req.url, previous: null },
    });
  });

  app.get("/:user_id/application_credentials/:id", (c) => {
    const credential = found(c, "identity:get_application_credential");
    return credential instanceof Response
      ? credential
      : jsonResponse(c, { application_credential: render(c, credential) });
  });

  app.delete("/:user_id/application_credentials/:id", (c) => {
    const credential = found(c, "identity:delete_application_credential");
    if (credential instanceof Response) return credential;
    credentials.delete(credential.id);
    return c.body(null, 204);
  });
  return app;
}
