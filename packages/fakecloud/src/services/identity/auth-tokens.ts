// POST/GET/DELETE /v3/auth/tokens: password, application credential and token authentication with project
// scope, as keystone answers them. Every authentication failure is the same 401 with the same message:
// keystone never tells a client whether the user, the password or the project was wrong.

import { Hono, type Context } from "hono";
import * as z from "zod";
import type { FakeEnv } from "../../http/fake-env.ts";
import { errorResponse, jsonBody } from "../../http/respond.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { Token } from "../../state/token-store.ts";
import { tokenBody } from "./token-body.ts";
import { jsonResponse } from "../../http/json-response.ts";

const AUTH_REQUIRED = "The request you have made requires authentication.";

const nameOrId = z.object({ id: z.string().optional(), name: z.string().optional() });
const userRef = nameOrId.extend({ domain: nameOrId.optional() });

const authRequestSchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).min(1),
      password: z.object({ user: userRef.extend({ password: z.string() }) }).optional(),
      token: z.object({ id: z.string() }).optional(),
      application_credential: z
        .object({
          id: z.string().optional(),
          name: z.string().optional(),
          secret: z.string(),
          user: userRef.optional(),
        })
        .optional(),
    }),
    scope: z
      .union([
        z.object({ project: nameOrId.extend({ domain: nameOrId.optional() }) }),
        z.object({ domain: nameOrId }),
        z.object({ system: z.unknown() }),
        z.literal("unscoped"),
      ])
      .optional(),
  }),
});

type AuthRequest = z.infer<typeof authRequestSchema>["auth"];

type Identified = {
  userId: string;
  methods: string[];
  applicationCredentialId: string | null;
  projectId?: string;
  roleIds?: string[];
};

export function baseUrlOf(c: Context<FakeEnv>): string {
  return new URL(c.req.url).origin;
}

function findDomainId(ctx: ServiceContext, ref: z.infer<typeof nameOrId> | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const domains = ctx.state.collection("identity.domain");
  if (ref.id !== undefined) return domains.has(ref.id) ? ref.id : undefined;
  for (const domain of domains.values()) if (domain["name"] === ref.name) return domain.id;
  return undefined;
}

function findUserId(ctx: ServiceContext, ref: z.infer<typeof userRef>): string | undefined {
  const { identity } = ctx.state;
  if (ref.id !== undefined) return identity.users.has(ref.id) ? ref.id : undefined;
  if (ref.name === undefined) return undefined;
  const domainId = findDomainId(ctx, ref.domain);
  if (domainId === undefined) return undefined;
  return identity.findUserByName(ref.name, domainId)?.id;
}

function identify(ctx: ServiceContext, auth: AuthRequest): Identified | undefined {
  const { identity } = ctx.state;
  const method = auth.identity.methods[0];
  if (method === "password" && auth.identity.password !== undefined) {
    const ref = auth.identity.password.user;
    const userId = findUserId(ctx, ref);
    const user = userId === undefined ? undefined : identity.users.get(userId);
    if (user === undefined || !user.enabled || user.password !== ref.password) return undefined;
    return { userId: user.id, methods: ["password"], applicationCredentialId: null };
  }
  if (method === "token" && auth.identity.token !== undefined) {
    const token = ctx.state.tokens.validate(auth.identity.token.id);
    if (token === undefined) return undefined;
    return { userId: token.userId, methods: ["token"], applicationCredentialId: token.applicationCredentialId };
  }
  if (method === "application_credential" && auth.identity.application_credential !== undefined) {
    const ref = auth.identity.application_credential;
    let credential = ref.id === undefined ? undefined : identity.applicationCredentials.get(ref.id);
    if (credential === undefined && ref.name !== undefined && ref.user !== undefined) {
      const userId = findUserId(ctx, ref.user);
      credential = [...identity.applicationCredentials.values()].find(
        (c) => c.name === ref.name && c.userId === userId,
      );
    }
    if (credential === undefined || credential.secret !== ref.secret) return undefined;
    if (credential.expiresAt !== null && credential.expiresAt.getTime() <= Date.now()) return undefined;
    // An application credential's token is always scoped to its project, with its roles.
    return {
      userId: credential.userId,
      methods: ["application_credential"],
      applicationCredentialId: credential.id,
      projectId: credential.projectId,
      roleIds: credential.roleIds,
    };
  }
  return undefined;
}

function findProjectId(
  ctx: ServiceContext,
  ref: {
    id?: string | undefined;
    name?: string | undefined;
    domain?: { id?: string | undefined; name?: string | undefined } | undefined;
  },
): string | undefined {
  const projects = ctx.state.collection("identity.project");
  if (ref.id !== undefined) return projects.has(ref.id) ? ref.id : undefined;
  const domainId = findDomainId(ctx, ref.domain);
  if (ref.name === undefined || domainId === undefined) return undefined;
  for (const project of projects.values())
    if (project["name"] === ref.name && project["domain_id"] === domainId) return project.id;
  return undefined;
}

function issue(c: Context<FakeEnv>, ctx: ServiceContext, auth: AuthRequest): Token | Response {
  const who = identify(ctx, auth);
  if (who === undefined) return errorResponse(c, 401, AUTH_REQUIRED);
  const { identity } = ctx.state;
  let projectId: string | null = who.projectId ?? null;
  let roleIds = who.roleIds ?? [];
  const scope = auth.scope;
  if (who.projectId === undefined && scope !== undefined && typeof scope === "object") {
    if (!("project" in scope)) {
      // Domain and system scope are not needed by stacksweep; refuse them loudly rather than fake them.
      return errorResponse(c, 400, "fakecloud supports only project-scoped and unscoped tokens");
    }
    const found = findProjectId(ctx, scope.project);
    if (found === undefined) return errorResponse(c, 401, AUTH_REQUIRED);
    const project = ctx.state.collection("identity.project").get(found);
    const roles = identity.effectiveRoles(who.userId, found);
    if (project?.["enabled"] === false || roles.length === 0) return errorResponse(c, 401, AUTH_REQUIRED);
    projectId = found;
    roleIds = roles.map((role) => role.id);
  }
  return ctx.state.tokens.issue({
    userId: who.userId,
    projectId,
    roleIds,
    methods: who.methods,
    applicationCredentialId: who.applicationCredentialId,
  });
}

/** Keystone's tokens: `/v3/auth/tokens`. */
export function authTokenRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  app.post("/", async (c) => {
    const parsed = authRequestSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? issue.path.join(".") : "auth";
      return errorResponse(c, 400, `Invalid input for field '${field}': ${issue.message}`);
    }
    const token = issue(c, ctx, parsed.data.auth);
    if (token instanceof Response) return token;
    c.header("X-Subject-Token", token.id);
    return jsonResponse(c, tokenBody(ctx, baseUrlOf(c), token), 201);
  });

  // Validation needs a valid X-Auth-Token (checked by the auth middleware) and names the token in X-Subject-Token.
  app.get("/", (c) => {
    const subject = c.req.header("x-subject-token");
    const token = subject === undefined ? undefined : ctx.state.tokens.validate(subject);
    if (token === undefined) return errorResponse(c, 404, `Could not find token: ${subject ?? ""}.`);
    c.header("X-Subject-Token", token.id);
    return jsonResponse(c, tokenBody(ctx, baseUrlOf(c), token), 200);
  });

  app.delete("/", (c) => {
    const subject = c.req.header("x-subject-token");
    if (subject === undefined || !ctx.state.tokens.revoke(subject)) {
      return errorResponse(c, 404, `Could not find token: ${subject ?? ""}.`);
    }
    return c.body(null, 204);
  });
  return app;
}
