// Keystone's projects, domains, users, roles and role assignments: enough for admin vs member, project
// listing with `list_limit` truncation, and project deletion that (as in real OpenStack) touches nothing outside
// Keystone.

import { Hono, type Context } from "hono";
import * as z from "zod";
import type { AuthContext, FakeEnv } from "../../http/fake-env.ts";
import { errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { newKeystoneId } from "../../state/ids.ts";
import { baseUrlOf } from "./auth-tokens.ts";
import { jsonResponse } from "../../http/json-response.ts";

/** keystone/exception.py ForbiddenAction, which keystone answers when a policy refuses. */
function forbidden(c: Context<FakeEnv>, action: string): Response {
  return errorResponse(c, 403, `You are not authorized to perform the requested action: ${action}.`);
}

function isAdmin(c: Context<FakeEnv>): boolean {
  return c.var.auth?.isAdmin === true;
}

function withLinks(c: Context<FakeEnv>, collection: string, record: ResourceRecord): Record<string, unknown> {
  return linked(c, collection)(record);
}

/** `withLinks` for a whole list: the request's base URL read once. */
function linked(c: Context<FakeEnv>, collection: string): (record: ResourceRecord) => Record<string, unknown> {
  const base = `${baseUrlOf(c)}/identity/v3/${collection}/`;
  return (record) => ({ ...record, links: { self: `${base}${record.id}` } });
}

function collectionLinks(c: Context<FakeEnv>): Record<string, unknown> {
  return { next: null, self: c.req.url, previous: null };
}

/** Keystone's boolean query parsing: "0", "false" and "" (case-insensitive) are false, anything else true. */
function queryBoolean(value: string): boolean {
  return !["0", "false", ""].includes(value.toLowerCase());
}

const createProjectSchema = z.object({
  project: z.object({
    name: z.string().min(1).max(64),
    domain_id: z.string().optional(),
    description: z.string().optional(),
    enabled: z.boolean().optional(),
    tags: z.array(z.string()).optional(),
  }),
});

const createDomainSchema = z.object({
  domain: z.object({
    name: z.string().min(1).max(64),
    description: z.string().optional(),
    enabled: z.boolean().optional(),
  }),
});

const updateDomainSchema = z.object({
  domain: z.object({
    name: z.string().min(1).max(64).optional(),
    description: z.string().optional(),
    enabled: z.boolean().optional(),
  }),
});

const createUserSchema = z.object({
  user: z.object({
    name: z.string().min(1).max(255),
    domain_id: z.string().min(1).max(64).optional(),
    password: z.string().nullish(),
    enabled: z.boolean().optional(),
    default_project_id: z.string().min(1).max(64).nullish(),
    description: z.string().nullish(),
  }),
});

/** The collections this file serves, under `/v3`. */
const COLLECTIONS = ["projects", "auth/projects", "domains", "users", "roles", "role_assignments"] as const;

/**
 * Keystone's projects, domains, users, roles and role assignments, each a sub-app for its path under `/v3`. One
 * closure, because deleting one takes others with it (a domain its projects, a user its role assignments).
 */
export function keystoneRoutes(ctx: ServiceContext): ReadonlyMap<(typeof COLLECTIONS)[number], Hono<FakeEnv>> {
  const apps = new Map(COLLECTIONS.map((path) => [path, new Hono<FakeEnv>({ strict: false })]));
  const routesOf = (path: (typeof COLLECTIONS)[number]): Hono<FakeEnv> => apps.get(path)!;
  const projects = ctx.state.collection("identity.project");
  const domains = ctx.state.collection("identity.domain");

  routesOf("projects").get("/", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:list_projects");
    const query = queryOf(c);
    const filters: [string, (record: ResourceRecord) => boolean][] = [];
    for (const key of ["name", "domain_id", "parent_id"]) {
      const value = query.get(key);
      if (value !== null) filters.push([key, (record) => record[key] === value]);
    }
    const enabled = query.get("enabled");
    if (enabled !== null) filters.push(["enabled", (record) => record["enabled"] === queryBoolean(enabled)]);
    const isDomain = query.get("is_domain");
    const wantDomain = isDomain !== null && queryBoolean(isDomain);
    const matching = [...projects.values()].filter(
      (record) => (record["is_domain"] === true) === wantDomain && filters.every(([, test]) => test(record)),
    );
    // keystone/common/manager.py response_truncated: cut at list_limit and say so in the body.
    const limit = ctx.state.identity.listLimit;
    const truncated = limit !== null && matching.length > limit;
    const shown = truncated ? matching.slice(0, limit) : matching;
    const body: Record<string, unknown> = {
      links: collectionLinks(c),
      projects: shown.map(linked(c, "projects")),
    };
    if (truncated) body["truncated"] = true;
    return jsonResponse(c, body);
  });

  routesOf("projects").get("/:id", (c) => {
    const id = c.req.param("id");
    const auth = c.var.auth;
    // identity:get_project allows an admin, or anyone on their own project.
    if (!isAdmin(c) && auth?.projectId !== id) return forbidden(c, "identity:get_project");
    const record = projects.get(id);
    if (record === undefined) return errorResponse(c, 404, `Could not find project: ${id}.`);
    return jsonResponse(c, { project: withLinks(c, "projects", record) });
  });

  routesOf("projects").post("/", async (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:create_project");
    const parsed = createProjectSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errorResponse(c, 400, `Invalid input for field '${issue.path.join(".")}': ${issue.message}`);
    }
    const input = parsed.data.project;
    const domainId = input.domain_id ?? "default";
    if (!domains.has(domainId)) return errorResponse(c, 404, `Could not find domain: ${domainId}.`);
    for (const record of projects.values()) {
      if (record["name"] === input.name && record["domain_id"] === domainId) {
        return errorResponse(
          c,
          409,
          `Conflict occurred attempting to store project - Duplicate entry found with name ${input.name} at domain ID ${domainId}.`,
        );
      }
    }
    const record: ResourceRecord = {
      id: newKeystoneId(),
      name: input.name,
      domain_id: domainId,
      description: input.description ?? "",
      enabled: input.enabled ?? true,
      parent_id: domainId,
      is_domain: false,
      tags: input.tags ?? [],
      options: {},
    };
    projects.insert(record);
    return jsonResponse(c, { project: withLinks(c, "projects", record) }, 201);
  });

  // Deleting a project removes it, its role assignments and its trusts from Keystone only: every other service keeps
  // the project's resources, which is exactly how orphans come to exist.
  routesOf("projects").delete("/:id", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:delete_project");
    const id = c.req.param("id");
    if (projects.delete(id) === undefined) return errorResponse(c, 404, `Could not find project: ${id}.`);
    const { assignments } = ctx.state.identity;
    for (let index = assignments.length - 1; index >= 0; index--) {
      if (assignments[index]!.projectId === id) assignments.splice(index, 1);
    }
    // Its trusts go too (_post_delete_cleanup_project); its application credentials stay, as they do in Keystone.
    const trusts = ctx.state.collection("identity.trust");
    for (const trust of [...trusts.values()]) if (trust["project_id"] === id) trusts.delete(trust.id);
    // keystone/resource/core.py delete_project announces it once the project is gone.
    ctx.notifier?.resourceEvent("identity.project.deleted", id, c.var.requestId);
    return c.body(null, 204);
  });

  routesOf("auth/projects").get("/", (c) => {
    const auth = c.var.auth!;
    const mine = [...projects.values()].filter((record) =>
      ctx.state.identity.assignments.some((a) => a.userId === auth.userId && a.projectId === record.id),
    );
    return jsonResponse(c, {
      links: collectionLinks(c),
      projects: mine.map(linked(c, "projects")),
    });
  });

  routesOf("domains").get("/", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:list_domains");
    return jsonResponse(c, {
      links: collectionLinks(c),
      domains: [...domains.values()].map(linked(c, "domains")),
    });
  });

  routesOf("domains").get("/:id", (c) => {
    const id = c.req.param("id");
    const record = domains.get(id);
    if (record === undefined) return errorResponse(c, 404, `Could not find domain: ${id}.`);
    return jsonResponse(c, { domain: withLinks(c, "domains", record) });
  });

  routesOf("domains").post("/", async (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:create_domain");
    const parsed = createDomainSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errorResponse(c, 400, `Invalid input for field '${issue.path.join(".")}': ${issue.message}`);
    }
    const input = parsed.data.domain;
    if ([...domains.values()].some((record) => record["name"] === input.name)) {
      return errorResponse(
        c,
        409,
        `Conflict occurred attempting to store domain - Duplicate entry found with name ${input.name}.`,
      );
    }
    const record: ResourceRecord = {
      id: newKeystoneId(),
      name: input.name,
      description: input.description ?? "",
      enabled: input.enabled ?? true,
      tags: [],
      options: {},
    };
    domains.insert(record);
    return jsonResponse(c, { domain: withLinks(c, "domains", record) }, 201);
  });

  routesOf("domains").patch("/:id", async (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:update_domain");
    const id = c.req.param("id");
    if (!domains.has(id)) return errorResponse(c, 404, `Could not find domain: ${id}.`);
    const parsed = updateDomainSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errorResponse(c, 400, `Invalid input for field '${issue.path.join(".")}': ${issue.message}`);
    }
    domains.update(id, parsed.data.domain);
    return jsonResponse(c, { domain: withLinks(c, "domains", domains.get(id)!) });
  });

  // keystone/resource/core.py delete_domain: an enabled domain is refused; its projects go with it.
  routesOf("domains").delete("/:id", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:delete_domain");
    const id = c.req.param("id");
    const record = domains.get(id);
    if (record === undefined) return errorResponse(c, 404, `Could not find domain: ${id}.`);
    if (record["enabled"] !== false) {
      return errorResponse(c, 403, "Cannot delete a domain that is enabled, please disable it first.");
    }
    for (const project of [...projects.values()]) if (project["domain_id"] === id) projects.delete(project.id);
    domains.delete(id);
    return c.body(null, 204);
  });

  const userBody = (c: Context<FakeEnv>, id: string): Record<string, unknown> | undefined => {
    const user = ctx.state.identity.users.get(id);
    if (user === undefined) return undefined;
    // keystone shows default_project_id only when the user has one.
    return {
      id: user.id,
      name: user.name,
      domain_id: user.domainId,
      enabled: user.enabled,
      ...(user.defaultProjectId === null ? {} : { default_project_id: user.defaultProjectId }),
      password_expires_at: null,
      options: {},
      links: { self: `${baseUrlOf(c)}/identity/v3/users/${user.id}` },
    };
  };

  routesOf("users").post("/", async (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:create_user");
    const parsed = createUserSchema.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path.at(-1) ?? "user");
      // keystone's jsonschema validation, first line (the rest of its message dumps the schema).
      const message =
        issue.code === "invalid_type" && issue.input === undefined
          ? `'${field}' is a required property`
          : `Invalid input for field '${field}': ${issue.message}`;
      return errorResponse(c, 400, message);
    }
    const input = parsed.data.user;
    // Without a domain, keystone uses the domain of the token's project.
    const scope = c.var.auth?.projectId;
    const scopeDomain = scope == null ? undefined : projects.get(scope)?.["domain_id"];
    const domainId = input.domain_id ?? (typeof scopeDomain === "string" ? scopeDomain : "default");
    if (ctx.state.identity.findUserByName(input.name, domainId) !== undefined) {
      return errorResponse(
        c,
        409,
        `Conflict occurred attempting to store user - Duplicate entry found with name ${input.name} at domain ID ${domainId}.`,
      );
    }
    const id = newKeystoneId();
    ctx.state.identity.users.set(id, {
      id,
      name: input.name,
      domainId,
      password: input.password ?? "",
      enabled: input.enabled ?? true,
      defaultProjectId: input.default_project_id ?? null,
    });
    return jsonResponse(c, { user: userBody(c, id) }, 201);
  });

  // Deleting a user takes its role assignments with it (keystone's assignment cleanup callback).
  routesOf("users").delete("/:id", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:delete_user");
    const id = c.req.param("id");
    if (!ctx.state.identity.users.delete(id)) return errorResponse(c, 404, `Could not find user: ${id}.`);
    const assignments = ctx.state.identity.assignments;
    for (let index = assignments.length - 1; index >= 0; index--) {
      if (assignments[index]!.userId === id) assignments.splice(index, 1);
    }
    // A SQL user's application credentials and trusts (as trustor or trustee) go with it: Keystone's callbacks on
    // the user's deletion (application_credential/core.py, trust/core.py _on_user_delete). Its key pairs stay in Nova.
    for (const credential of [...ctx.state.identity.applicationCredentials.values()])
      if (credential.userId === id) ctx.state.identity.applicationCredentials.delete(credential.id);
    const trusts = ctx.state.collection("identity.trust");
    for (const trust of [...trusts.values()])
      if (trust["trustor_user_id"] === id || trust["trustee_user_id"] === id) trusts.delete(trust.id);
    return c.body(null, 204);
  });

  /** keystone checks the role, then the user, then the project of an assignment (404 for the first missing). */
  const assignmentTarget = (c: Context<FakeEnv>): Response | { projectId: string; userId: string; roleId: string } => {
    const projectId = c.req.param("project_id") ?? "";
    const userId = c.req.param("user_id") ?? "";
    const roleId = c.req.param("role_id") ?? "";
    if (!ctx.state.identity.roles.has(roleId)) return errorResponse(c, 404, `Could not find role: ${roleId}.`);
    if (!ctx.state.identity.users.has(userId)) return errorResponse(c, 404, `Could not find user: ${userId}.`);
    if (!projects.has(projectId)) return errorResponse(c, 404, `Could not find project: ${projectId}.`);
    return { projectId, userId, roleId };
  };

  routesOf("projects").put("/:project_id/users/:user_id/roles/:role_id", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:create_grant");
    const target = assignmentTarget(c);
    if (target instanceof Response) return target;
    ctx.state.identity.assign(target.userId, target.projectId, target.roleId);
    return c.body(null, 204);
  });

  routesOf("projects").delete("/:project_id/users/:user_id/roles/:role_id", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:revoke_grant");
    const target = assignmentTarget(c);
    if (target instanceof Response) return target;
    const assignments = ctx.state.identity.assignments;
    const index = assignments.findIndex(
      (a) => a.userId === target.userId && a.projectId === target.projectId && a.roleId === target.roleId,
    );
    if (index < 0) {
      return errorResponse(
        c,
        404,
        `Could not find role assignment with role: ${target.roleId}, user or group: ${target.userId}, ` +
          `project, domain, or system: ${target.projectId}.`,
      );
    }
    assignments.splice(index, 1);
    return c.body(null, 204);
  });

  routesOf("users").get("/", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:list_users");
    const name = queryOf(c).get("name");
    const users = [...ctx.state.identity.users.values()].filter((user) => name === null || user.name === name);
    return jsonResponse(c, { links: collectionLinks(c), users: users.map((user) => userBody(c, user.id)) });
  });

  routesOf("users").get("/:id", (c) => {
    const id = c.req.param("id");
    const auth: AuthContext = c.var.auth!;
    if (!isAdmin(c) && auth.userId !== id) return forbidden(c, "identity:get_user");
    const body = userBody(c, id);
    if (body === undefined) return errorResponse(c, 404, `Could not find user: ${id}.`);
    return jsonResponse(c, { user: body });
  });

  routesOf("roles").get("/", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:list_roles");
    const name = queryOf(c).get("name");
    const roles = [...ctx.state.identity.roles.values()]
      .filter((role) => name === null || role.name === name)
      .map((role) => ({
        id: role.id,
        name: role.name,
        domain_id: null,
        description: null,
        options: {},
        links: { self: `${baseUrlOf(c)}/identity/v3/roles/${role.id}` },
      }));
    return jsonResponse(c, { links: collectionLinks(c), roles });
  });

  routesOf("role_assignments").get("/", (c) => {
    if (!isAdmin(c)) return forbidden(c, "identity:list_role_assignments");
    const query = queryOf(c);
    const userId = query.get("user.id");
    const projectId = query.get("scope.project.id");
    const effective = query.has("effective");
    const rows = ctx.state.identity.assignments
      .filter((a) => (userId === null || a.userId === userId) && (projectId === null || a.projectId === projectId))
      .flatMap((a) =>
        (effective ? ctx.state.identity.expandRoles([a.roleId]) : [{ id: a.roleId }]).map((role) => ({
          a,
          roleId: role.id,
        })),
      );
    const roleAssignments = rows.map(({ a, roleId }) => ({
      role: { id: roleId },
      user: { id: a.userId },
      scope: { project: { id: a.projectId } },
      links: { assignment: `${baseUrlOf(c)}/identity/v3/projects/${a.projectId}/users/${a.userId}/roles/${roleId}` },
    }));
    return jsonResponse(c, { links: collectionLinks(c), role_assignments: roleAssignments });
  });
  return apps;
}
