// Orchestration v1 (Heat, Zed): stacks as an admin and a tenant see them. An admin's plain listing spans every
// project (its context is admin, and Heat's query drops the tenant filter) and names each stack's `project`;
// `global_tenant=true` is refused to a project-scoped token (stacks:global_index is for system readers in Zed);
// nested stacks need `show_nested=true`, stacks tagged `data-processing-cluster` need `show_hidden=true`.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { linkWithMarker, nextMarker, page, parseLimit } from "../../http/pagination.ts";
import { caller, errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import { newKeystoneId, newUuid } from "../../state/ids.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { sortByField } from "../../state/collection.ts";
import type { ServiceModule } from "../../service-module.ts";
import { stackSeeder } from "./seeders.ts";
import { asString, readTemplate, resolveOutputs, resolveParameters } from "./stack-template.ts";

/** heat.conf `hidden_stack_tags` default: Sahara's clusters. */
const HIDDEN_STACK_TAGS = ["data-processing-cluster"];
/** heat/engine/stack.py _validate_stack_name. */
const STACK_NAME = /^[a-zA-Z][a-zA-Z0-9_.-]{0,254}$/;
/** A deleted stack stays readable by id, as DELETE_COMPLETE; it leaves every listing. */
const DELETED = "deletion_time";
/**
 * What the record keeps for the show alone (heat/engine/api.py format_stack); the listing is built from the stack's
 * database row (format_stack_db_object, cut to stacks_view.py basic_keys) and has none of them. `parameters` holds
 * the user's parameters as text; the pseudo parameters are added at show time.
 */
const SHOW_ONLY = ["parameters", "outputs", "template_description", "timeout_mins", "disable_rollback"] as const;

// heat/api/openstack/v1/util.py extract_bool: only these spellings, anything else is a 400.
function bool(c: Context<FakeEnv>, name: string): boolean | Response {
  const raw = queryOf(c).get(name);
  if (raw === null) return false;
  const lowered = raw.toLowerCase();
  if (lowered === "true") return true;
  if (lowered === "false") return false;
  return errorResponse(c, 400, `Unrecognized value "${raw}" for "${name}", acceptable values are: true, false.`, {
    type: "HTTPBadRequest",
  });
}

export const orchestrationService = (): ServiceModule => ({
  serviceType: "orchestration",
  pathPrefix: "/heat-api",
  catalog: [{ type: "orchestration", name: "heat", path: "/heat-api/v1/{project_id}" }],
  isPublic: (method, path) => method === "GET" && /^\/?$/.test(path),
  seeders: { "orchestration.stack": stackSeeder },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    const stacks = ctx.state.collection("orchestration.stack");
    const newestFirst = sortByField("creation_time", "desc");
    app.get("/", (c) =>
      jsonResponse(
        c,
        {
          versions: [
            {
              id: "v1.0",
              status: "CURRENT",
              links: [{ rel: "self", href: `${new URL(c.req.url).origin}/heat-api/v1/` }],
            },
          ],
        },
        300,
      ),
    );
    const notFound = (c: Context<FakeEnv>, name: string): Response =>
      errorResponse(c, 404, `The Stack (${name}) could not be found.`, { type: "EntityNotFound" });
    const view = (c: Context<FakeEnv>, stack: ResourceRecord, withProject: boolean): Record<string, unknown> => {
      const { project, ...all } = stack;
      const rest = Object.fromEntries(
        Object.entries(all).filter(([key]) => !(SHOW_ONLY as readonly string[]).includes(key)),
      );
      const href = `${new URL(c.req.url).origin}/heat-api/v1/${String(project)}/stacks/${String(stack["stack_name"])}/${stack.id}`;
      return { ...rest, ...(withProject ? { project } : {}), links: [{ href, rel: "self" }] };
    };
    // heat/engine/api.py format_stack through stacks_view.py format_stack: no `project` even for an admin (the
    // tenant is only in the self link), the template's description in both description keys, the parameters as text
    // with the HOT pseudo parameters, and the outputs unless the stack is DELETE_COMPLETE or resolve_outputs=false.
    const showView = (c: Context<FakeEnv>, stack: ResourceRecord, resolveOutputs: boolean): Record<string, unknown> => {
      const description = stack["template_description"];
      const body: Record<string, unknown> = {
        ...view(c, stack, false),
        notification_topics: [],
        parameters: {
          "OS::stack_id": stack.id,
          "OS::project_id": String(stack["project"]),
          "OS::stack_name": String(stack["stack_name"]),
          ...(stack["parameters"] as Record<string, string>),
        },
        description,
        template_description: description,
        capabilities: [],
        disable_rollback: stack["disable_rollback"],
        timeout_mins: stack["timeout_mins"],
      };
      if (resolveOutputs && stack["stack_status"] !== "DELETE_COMPLETE") body["outputs"] = stack["outputs"];
      return body;
    };

    app.get("/v1/:project/stacks", (c) => {
      const who = caller(c);
      const global = bool(c, "global_tenant");
      if (global instanceof Response) return global;
      if (global)
        return errorResponse(c, 403, "You are not authorized to use stacks:global_index.", { type: "Forbidden" });
      const showNested = bool(c, "show_nested");
      if (showNested instanceof Response) return showNested;
      const showHidden = bool(c, "show_hidden");
      if (showHidden instanceof Response) return showHidden;
      const query = queryOf(c);
      const limit = parseLimit(query.get("limit") ?? undefined, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (!limit.ok) return errorResponse(c, 400, `Only integer is acceptable by 'limit'.`, { type: "HTTPBadRequest" });
      const tenant = query.get("tenant");
      const marker = query.get("marker") ?? undefined;
      const result = page(stacks.sorted(newestFirst), {
        marker,
        limit: limit.limit,
        filter: (stack) =>
          stack[DELETED] === null &&
          (who.isAdmin || stack["project"] === who.projectId) &&
          (tenant === null || stack["project"] === tenant) &&
          (showNested || stack["parent"] === null) &&
          (showHidden ||
            !(Array.isArray(stack["tags"]) && stack["tags"].some((t) => HIDDEN_STACK_TAGS.includes(String(t))))),
      });
      if (result.kind === "unknown-marker") return notFound(c, result.marker);
      const body: Record<string, unknown> = { stacks: result.items.map((stack) => view(c, stack, who.isAdmin)) };
      // heat/api/openstack/v1/views/views_common.py: a next link whenever a page is as long as the limit asked.
      const last = result.items.at(-1);
      if (query.has("limit") && last !== undefined && result.items.length === limit.limit)
        body["links"] = [{ rel: "next", href: linkWithMarker(c, nextMarker(c, marker, last.id)) }];
      return jsonResponse(c, body);
    });

    // heat/api/openstack/v1/stacks.py create: 201 with the stack's id and self link (and Location); the engine
    // creates the resources after the answer. With no resources the stack is CREATE_COMPLETE at once.
    app.post("/v1/:project/stacks", async (c) => {
      const body = await jsonBody(c);
      const data =
        typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const badRequest = (message: string, type = "HTTPBadRequest") => errorResponse(c, 400, message, { type });
      const name = data["stack_name"];
      if (name === undefined) return badRequest("No stack name specified");
      if (data["template"] === undefined && data["template_url"] === undefined)
        return badRequest("No template specified");
      if (typeof name !== "string")
        return badRequest(`Invalid stack name ${JSON.stringify(name)}, must be a string`, "StackValidationFailed");
      if (!STACK_NAME.test(name)) {
        return badRequest(
          `Invalid stack name ${name} must contain only alphanumeric or "_-." characters, must start with alpha ` +
            "and must be 255 characters or less.",
          "StackValidationFailed",
        );
      }
      const who = caller(c);
      // heat/engine/service.py _validate_new_stack: a name is unique among the project's live stacks.
      if (
        [...stacks.values()].some(
          (s) => s["project"] === who.projectId && s["stack_name"] === name && s[DELETED] === null,
        )
      )
        return errorResponse(c, 409, `The Stack (${name}) already exists.`, { type: "StackExists" });
      const rawTags = data["tags"];
      const tags =
        typeof rawTags === "string" && rawTags !== ""
          ? rawTags.split(",")
          : Array.isArray(rawTags)
            ? rawTags.map(String)
            : null;
      const template = readTemplate(data["template"]);
      const given = data["parameters"];
      const parameters = resolveParameters(
        template,
        typeof given === "object" && given !== null ? (given as Record<string, unknown>) : {},
      );
      if (!parameters.ok) {
        const message =
          parameters.type === "UnknownUserParameter"
            ? `The Parameter (${parameters.key}) was not defined in template.`
            : `The Parameter (${parameters.key}) was not provided.`;
        return badRequest(message, parameters.type);
      }
      // heat/engine/api.py extract_args: a timeout of 0, none or not a number is no timeout, below 0 a 400;
      // disable_rollback is true unless given, and only true or false.
      const timeout = Number.parseInt(asString(data["timeout_mins"] ?? 0), 10);
      if (timeout < 0) return badRequest(`Invalid timeout value ${timeout}`);
      const rollback = data["disable_rollback"];
      const rollbackText = rollback === undefined ? "true" : asString(rollback).toLowerCase();
      if (rollbackText !== "true" && rollbackText !== "false")
        return badRequest(
          `Unrecognized value "${asString(rollback)}" for "disable_rollback", acceptable values are: true, false.`,
        );
      const record: ResourceRecord = {
        id: newUuid(),
        stack_name: name,
        description: "",
        project: who.projectId,
        stack_status: "CREATE_IN_PROGRESS",
        stack_status_reason: "Stack CREATE started",
        creation_time: formatTime(new Date(), "iso-z"),
        updated_time: null,
        [DELETED]: null,
        stack_owner: ctx.state.keystone.identity.users.get(who.userId)?.name ?? null,
        parent: null,
        // Heat makes each stack a project of its own in its stack-user domain, for the users of its servers.
        stack_user_project_id: newKeystoneId(),
        tags,
        parameters: parameters.text,
        outputs: resolveOutputs(template, parameters.values),
        template_description: template.description,
        timeout_mins: timeout > 0 ? timeout : null,
        disable_rollback: rollbackText === "true",
      };
      stacks.insert(record);
      setImmediate(() => {
        if (stacks.get(record.id)?.["stack_status"] === "CREATE_IN_PROGRESS")
          stacks.update(record.id, {
            stack_status: "CREATE_COMPLETE",
            stack_status_reason: "Stack CREATE completed successfully",
          });
      });
      const { links } = view(c, record, false);
      c.header("Location", (links as { href: string }[])[0]!.href);
      return jsonResponse(c, { stack: { id: record.id, links } }, 201);
    });

    const find = (c: Context<FakeEnv>): ResourceRecord | null => {
      const stack = stacks.get(c.req.param("id") ?? "");
      const who = caller(c);
      if (stack === undefined || stack["stack_name"] !== c.req.param("name")) return null;
      return who.isAdmin || stack["project"] === who.projectId ? stack : null;
    };
    // The lookup by name or id alone answers 302 to /stacks/{stack_name}/{stack_id} (heat's StackController.lookup).
    app.get("/v1/:project/stacks/:name", (c) => {
      const key = c.req.param("name");
      const who = caller(c);
      const stack = [...stacks.values()].find(
        (s) =>
          (s.id === key || s["stack_name"] === key) &&
          s[DELETED] === null &&
          (who.isAdmin || s["project"] === who.projectId),
      );
      if (stack === undefined) return notFound(c, key);
      const base = new URL(c.req.url).pathname.replace(/\/[^/]+\/?$/, "");
      return c.redirect(`${base}/${String(stack["stack_name"])}/${stack.id}`, 302);
    });
    app.get("/v1/:project/stacks/:name/:id", (c) => {
      const stack = find(c);
      if (stack === null) return notFound(c, c.req.param("name"));
      const withOutputs = queryOf(c).has("resolve_outputs") ? bool(c, "resolve_outputs") : true;
      if (withOutputs instanceof Response) return withOutputs;
      return jsonResponse(c, { stack: showView(c, stack, withOutputs) });
    });
    app.delete("/v1/:project/stacks/:name/:id", (c) => {
      const stack = find(c);
      if (stack === null || stack[DELETED] !== null) return notFound(c, c.req.param("name"));
      // Heat deletes the nested stacks with their root; the real one takes a while, this one is done at once.
      const deletedAt = formatTime(new Date(), "iso-z");
      const doomed = [stack.id];
      for (let i = 0; i < doomed.length; i++)
        for (const child of stacks.values()) if (child["parent"] === doomed[i]) doomed.push(child.id);
      for (const id of doomed)
        stacks.update(id, {
          stack_status: "DELETE_COMPLETE",
          stack_status_reason: "Stack DELETE completed successfully",
          updated_time: deletedAt,
          [DELETED]: deletedAt,
        });
      return c.body(null, 204);
    });
    return app;
  },
});
