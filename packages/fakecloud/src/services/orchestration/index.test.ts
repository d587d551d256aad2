import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { list, pluck } from "../../../../../test/support/fakecloud/json-reader.ts";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";
import { callJson } from "../../../../../test/support/fakecloud/call-json.ts";

let cloud: FakeCloud;
let admin: string;
let alice: string;
let adminProject: string;

const ROOT = "8c9b6f8e-0c4e-4b5a-9f0a-3a3b1c2d4e5f";
const call = (token: string, path: string, method = "GET", body?: unknown) =>
  callJson(`${cloud.url}/heat-api/v1/${adminProject}${path}`, token, method, body);
const EMPTY_TEMPLATE = { heat_template_version: "2018-08-31", resources: {} };

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }, { name: "globex" }],
      users: [{ name: "alice", password: "pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "orchestration.stack": [
          { id: ROOT, stack_name: "web", project: "@project/acme", creation_time: "-3h" },
          { stack_name: "web-group-abc", project: "@project/acme", parent: ROOT, creation_time: "-179m" },
          { stack_name: "db", project: "@project/globex", stack_status: "CREATE_FAILED", creation_time: "-2h" },
          { stack_name: "sahara", project: "@project/globex", tags: ["data-processing-cluster"], creation_time: "-1h" },
        ],
      },
    },
  });
  admin = await passwordToken(cloud);
  alice = await passwordToken(cloud, { username: "alice", password: "pw", projectName: "acme" });
  const projects = await callJson(`${cloud.url}/identity/v3/auth/projects`, admin);
  adminProject = String(pluck(list(projects.body, "projects"), "id")[0]);
});
afterAll(async () => cloud.close());

describe("Heat stacks", () => {
  it("lists every project's root stacks to an admin, newest first, with their project; hidden and nested on request", async () => {
    const plain = await call(admin, "/stacks");
    expect(pluck(list(plain.body, "stacks"), "stack_name")).toEqual(["db", "web"]);
    expect(list(plain.body, "stacks")[0]).toHaveProperty("project");
    const all = await call(admin, "/stacks?show_hidden=true&show_nested=true");
    expect(pluck(list(all.body, "stacks"), "stack_name")).toEqual(["sahara", "db", "web-group-abc", "web"]);
  });

  it("shows a tenant only its own stacks, without the project field", async () => {
    const mine = await call(alice, "/stacks");
    expect(pluck(list(mine.body, "stacks"), "stack_name")).toEqual(["web"]);
    expect(list(mine.body, "stacks")[0]).not.toHaveProperty("project");
  });

  it("refuses global_tenant to a project-scoped admin and a value that is not true or false, in Heat's words", async () => {
    const global = await call(admin, "/stacks?global_tenant=true");
    expect(global).toMatchObject({
      status: 403,
      body: { code: 403, error: { type: "Forbidden", message: "You are not authorized to use stacks:global_index." } },
    });
    const one = await call(admin, "/stacks?show_hidden=1");
    expect(one.status).toBe(400);
  });

  it("links the next page only when a page is as long as the limit", async () => {
    const first = await call(admin, "/stacks?limit=1");
    expect(first.body).toMatchObject({ links: [{ rel: "next" }] });
    const whole = await call(admin, "/stacks?limit=5");
    expect(whole.body).not.toHaveProperty("links");
  });

  it("deletes a stack with its nested stacks, and keeps showing it as DELETE_COMPLETE", async () => {
    expect((await call(admin, `/stacks/web/${ROOT}`, "DELETE")).status).toBe(204);
    const shown = await call(admin, `/stacks/web/${ROOT}`);
    expect(shown.body).toMatchObject({ stack: { stack_status: "DELETE_COMPLETE" } });
    const left = await call(admin, "/stacks?show_nested=true");
    expect(pluck(list(left.body, "stacks"), "stack_name")).toEqual(["db"]);
    expect((await call(admin, `/stacks/wrong-name/${ROOT}`)).status).toBe(404);
  });

  it("creates a stack 201 with its id and self link; the engine makes it CREATE_COMPLETE, owned by the caller", async () => {
    const created = await call(alice, "/stacks", "POST", { stack_name: "fresh", template: EMPTY_TEMPLATE });
    expect(created.status).toBe(201);
    const { id, links } = (created.body as { stack: { id: string; links: { href: string; rel: string }[] } }).stack;
    expect(links[0]?.href).toMatch(new RegExp(`/stacks/fresh/${id}$`));
    const shown = await call(alice, `/stacks/fresh/${id}`);
    expect(shown.body).toMatchObject({
      stack: { stack_status: "CREATE_COMPLETE", stack_owner: "alice", parent: null, tags: null },
    });
    const listed = list((await call(admin, "/stacks")).body, "stacks").find((s) => (s as { id: string }).id === id);
    expect(listed).toMatchObject({ stack_name: "fresh" });
    expect((listed as { stack_user_project_id: string }).stack_user_project_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses in Heat's words: no name, no template, a bad name, a name the project already has", async () => {
    const noName = await call(alice, "/stacks", "POST", { template: EMPTY_TEMPLATE });
    expect(noName).toMatchObject({ status: 400, body: { error: { message: "No stack name specified" } } });
    const noTemplate = await call(alice, "/stacks", "POST", { stack_name: "x" });
    expect(noTemplate).toMatchObject({ status: 400, body: { error: { message: "No template specified" } } });
    const badName = await call(alice, "/stacks", "POST", { stack_name: "1x", template: EMPTY_TEMPLATE });
    expect(badName).toMatchObject({ status: 400, body: { error: { type: "StackValidationFailed" } } });
    await call(alice, "/stacks", "POST", { stack_name: "twice", template: EMPTY_TEMPLATE });
    const again = await call(alice, "/stacks", "POST", { stack_name: "twice", template: EMPTY_TEMPLATE });
    expect(again).toMatchObject({
      status: 409,
      body: { error: { type: "StackExists", message: "The Stack (twice) already exists." } },
    });
  });
});

describe("Heat's stack show (heat/engine/api.py format_stack) beside its listing", () => {
  const SHOW_ONLY = ["parameters", "outputs", "template_description", "timeout_mins", "disable_rollback"];
  const LISTED = [
    "creation_time",
    "deletion_time",
    "description",
    "id",
    "links",
    "parent",
    "project",
    "stack_name",
    "stack_owner",
    "stack_status",
    "stack_status_reason",
    "stack_user_project_id",
    "tags",
    "updated_time",
  ];
  const stackOf = (body: unknown) => (body as { stack: Record<string, unknown> }).stack;

  it("shows a created stack with its parameters as text, the pseudo parameters, resolved outputs and create's options", async () => {
    const template = {
      heat_template_version: "2018-08-31",
      description: "web tier",
      parameters: {
        flavor: { type: "string", default: "m1.small" },
        count: { type: "number" },
        zones: { type: "comma_delimited_list" },
        secret: { type: "string", hidden: true },
      },
      resources: {},
      outputs: {
        chosen: { description: "the flavor", value: { get_param: "flavor" } },
        fixed: { value: 42 },
      },
    };
    const created = await call(alice, "/stacks", "POST", {
      stack_name: "shown",
      template,
      parameters: { count: 3, zones: ["a", "b"], secret: "s3cr3t" },
      timeout_mins: 30,
      disable_rollback: false,
    });
    expect(created.status).toBe(201);
    const { id } = stackOf(created.body) as { id: string };
    const alicesProject = (await callJson(`${cloud.url}/identity/v3/auth/projects`, alice)).body as {
      projects: { id: string }[];
    };
    const shown = stackOf((await call(alice, `/stacks/shown/${id}`)).body);
    expect(shown).toMatchObject({
      id,
      stack_name: "shown",
      stack_status: "CREATE_COMPLETE",
      parameters: {
        "OS::stack_id": id,
        "OS::stack_name": "shown",
        "OS::project_id": alicesProject.projects[0]!.id,
        flavor: "m1.small",
        count: "3",
        zones: "a,b",
        secret: "******",
      },
      outputs: [
        { output_key: "chosen", description: "the flavor", output_value: "m1.small" },
        { output_key: "fixed", description: "No description given", output_value: 42 },
      ],
      description: "web tier",
      template_description: "web tier",
      capabilities: [],
      notification_topics: [],
      timeout_mins: 30,
      disable_rollback: false,
    });
    expect(Object.keys(shown).sort()).toEqual(
      [...LISTED.filter((k) => k !== "project"), ...SHOW_ONLY, "capabilities", "notification_topics"].sort(),
    );
    const withoutOutputs = stackOf((await call(alice, `/stacks/shown/${id}?resolve_outputs=false`)).body);
    expect(withoutOutputs).not.toHaveProperty("outputs");
  });

  it("shows a seeded stack with Heat's defaults: no parameters but the pseudo ones, no outputs, rollback disabled", async () => {
    const db = list((await call(admin, "/stacks")).body, "stacks").find((s) => s["stack_name"] === "db")!;
    const shown = stackOf((await call(admin, `/stacks/db/${String(db["id"])}`)).body);
    expect(shown).toMatchObject({
      parameters: { "OS::stack_id": db["id"], "OS::stack_name": "db", "OS::project_id": db["project"] },
      outputs: [],
      description: "No description",
      template_description: "No description",
      capabilities: [],
      notification_topics: [],
      timeout_mins: null,
      disable_rollback: true,
    });
    expect(Object.keys(shown["parameters"] as object)).toHaveLength(3);
    expect(shown).not.toHaveProperty("project");
  });

  it("keeps the listing to the database row's keys: nothing only the show says", async () => {
    const listed = list((await call(admin, "/stacks")).body, "stacks");
    expect(listed.length).toBeGreaterThan(1);
    for (const stack of listed) expect(Object.keys(stack).sort()).toEqual(LISTED);
  });

  it("refuses parameters the template does not declare or leaves without a value, in Heat's words", async () => {
    const template = { heat_template_version: "2018-08-31", parameters: { size: { type: "number" } } };
    const unknown = await call(alice, "/stacks", "POST", {
      stack_name: "p1",
      template,
      parameters: { size: 1, colour: "red" },
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { type: "UnknownUserParameter", message: "The Parameter (colour) was not defined in template." } },
    });
    const missing = await call(alice, "/stacks", "POST", { stack_name: "p2", template });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { type: "UserParameterMissing", message: "The Parameter (size) was not provided." } },
    });
  });
});
