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
