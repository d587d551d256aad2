import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";

const GONE = "5e1f0b7c2a4d4e0f9d3b6a8c1e2f4a6b";

let cloud: FakeCloud;
let admin: string;
let member: string;
let acme: string;

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }, { id: GONE, name: "umbrella", deleted: true }],
      users: [{ name: "alice", password: "alice-pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "object-store.container": [
          { project_id: GONE, name: "backups", count: 3, bytes: 3001 },
          { project_id: GONE, name: "empty" },
          { project_id: "@project/acme", name: "site", count: 1, bytes: 10 },
        ],
      },
    },
  });
  admin = await passwordToken(cloud);
  member = await passwordToken(cloud, { username: "alice", password: "alice-pw", projectName: "acme" });
  acme = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!.id;
});
afterAll(async () => {
  await cloud.close();
});

async function call(method: string, path: string, token: string, body?: string) {
  const response = await fetch(`${cloud.url}/object-store/v1${path}`, {
    method,
    headers: { "x-auth-token": token, ...(body === undefined ? {} : { "content-type": "text/plain" }) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

describe("fakecloud object-store", () => {
  it("lists a deleted project's account to a ResellerAdmin, with counts and bytes, page by page", async () => {
    const all = await call("GET", `/AUTH_${GONE}?format=json`, admin);
    expect(all.status).toBe(200);
    expect(JSON.parse(all.text)).toMatchObject([
      { name: "backups", count: 3, bytes: 3001 },
      { name: "empty", count: 0, bytes: 0 },
    ]);
    expect(all.headers.get("x-account-bytes-used")).toBe("3001");
    const next = await call("GET", `/AUTH_${GONE}?format=json&limit=1&marker=backups`, admin);
    expect(JSON.parse(next.text)).toMatchObject([{ name: "empty" }]);
    expect((await call("GET", `/AUTH_${GONE}?format=json&limit=10001`, admin)).status).toBe(412);
  });

  it("answers an account never written like an empty one, as Swift with account_autocreate does", async () => {
    expect(await call("GET", "/AUTH_0000?format=json", admin)).toMatchObject({ status: 200, text: "[]" });
    expect((await call("GET", "/AUTH_0000", admin)).status).toBe(204);
  });

  it("lets a member reach only its own project's account", async () => {
    expect((await call("GET", `/AUTH_${acme}?format=json`, member)).status).toBe(200);
    const other = await call("GET", `/AUTH_${GONE}?format=json`, member);
    expect(other.status).toBe(403);
    expect(other.text).toContain("<h1>Forbidden</h1>");
  });

  it("refuses to delete a container with objects, and deletes it once bulk delete emptied it", async () => {
    expect((await call("DELETE", `/AUTH_${GONE}/backups`, admin)).status).toBe(409);
    const objects = JSON.parse((await call("GET", `/AUTH_${GONE}/backups?format=json`, admin)).text) as {
      name: string;
    }[];
    expect(objects).toHaveLength(3);
    const lines = [...objects.map((o) => `/backups/${o.name}`), "/backups/no-such-object"].join("\n");
    const bulk = await call("POST", `/AUTH_${GONE}?bulk-delete`, admin, lines);
    expect(JSON.parse(bulk.text)).toMatchObject({
      "Number Deleted": 3,
      "Number Not Found": 1,
      "Response Status": "200 OK",
    });
    const head = await call("HEAD", `/AUTH_${GONE}/backups`, admin);
    expect([head.status, head.headers.get("x-container-bytes-used")]).toEqual([204, "0"]);
    expect((await call("DELETE", `/AUTH_${GONE}/backups`, admin)).status).toBe(204);
    expect((await call("HEAD", `/AUTH_${GONE}/backups`, admin)).status).toBe(404);
    // The account lists what is left, its counts with it.
    const left = await call("GET", `/AUTH_${GONE}?format=json`, admin);
    expect(JSON.parse(left.text)).toMatchObject([{ name: "empty" }]);
    expect(left.headers.get("x-account-container-count")).toBe("1");
  });
});
