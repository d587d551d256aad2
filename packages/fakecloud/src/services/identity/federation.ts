// POST /v3/OS-FEDERATION/identity_providers/{idp}/protocols/{protocol}/auth: the federated login keystoneauth's
// v3oidc* plugins make. In a real deployment mod_auth_openidc guards this URL (a missing or inactive Bearer token
// is its 401) and Keystone's mapping turns the provider's claims into a user; here the token is introspected at the
// provider (RFC 7662) and one claim names a local user, whose unscoped token is answered (201, X-Subject-Token).
import { Hono } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { errorResponse } from "../../http/respond.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { IdentityProvider } from "../../state/identity-store.ts";
import { baseUrlOf } from "./auth-tokens.ts";
import { tokenBody } from "./token-body.ts";

export const FEDERATED_AUTH_PATH = /^\/v3\/OS-FEDERATION\/identity_providers\/[^/]+\/protocols\/[^/]+\/auth\/?$/;

/** Keystone's federated login: `/v3/OS-FEDERATION`. */
export function federationRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  app.post("/identity_providers/:idp/protocols/:protocol/auth", async (c) => {
    const { idp, protocol } = c.req.param();
    const provider = ctx.state.identity.identityProviders.get(idp);
    if (provider === undefined) return errorResponse(c, 404, `Could not find Identity Provider: ${idp}.`);
    if (provider.protocol !== protocol) {
      return errorResponse(c, 404, `Could not find federated protocol ${protocol} for Identity Provider: ${idp}.`);
    }
    const bearer = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    const claims = bearer === undefined ? undefined : await introspect(provider, bearer);
    const name = claims?.[provider.userClaim];
    if (typeof name !== "string") {
      // mod_auth_openidc's answer, before Keystone is reached.
      c.header("WWW-Authenticate", 'Bearer error="invalid_token"');
      return c.text("Unauthorized", 401);
    }
    const user = ctx.state.identity.findUserByName(name, provider.domainId);
    if (user === undefined || !user.enabled) {
      return errorResponse(c, 401, "The request you have made requires authentication.");
    }
    const token = ctx.state.tokens.issue({
      userId: user.id,
      projectId: null,
      roleIds: [],
      methods: ["mapped"],
      applicationCredentialId: null,
    });
    c.header("X-Subject-Token", token.id);
    return jsonResponse(c, tokenBody(ctx, baseUrlOf(c), token), 201);
  });
  return app;
}

/** The token's claims when the provider calls it active; undefined otherwise (or when it cannot be asked). */
async function introspect(provider: IdentityProvider, token: string): Promise<Record<string, unknown> | undefined> {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (provider.clientId !== null) {
    const pair = `${encodeURIComponent(provider.clientId)}:${encodeURIComponent(provider.clientSecret ?? "")}`;
    headers["Authorization"] = `Basic ${Buffer.from(pair).toString("base64")}`;
  }
  try {
    const response = await fetch(provider.introspectionEndpoint, {
      method: "POST",
      headers,
      body: new URLSearchParams({ token }).toString(),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Record<string, unknown>;
    return body["active"] === true ? body : undefined;
  } catch {
    return undefined;
  }
}
