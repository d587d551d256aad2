import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { list, pluck, type Json } from "../../scenarios/json-reader.ts";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../testing/admin-token.ts";

let cloud: FakeCloud;
let admin: string;
let alice: string;

async function call(
  token: string,
  path: string,
  method = "GET",
  body?: unknown,
): Promise<{ status: number; body: Json | undefined }> {
  const response = await fetch(`${cloud.url}/image${path}`, {
    method,
    headers: { "x-auth-token": token, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as Json | undefined };
}

beforeAll(async () => {
  const images = Array.from({ length: 30 }, (_, i) => ({
    name: `bulk-${String(i).padStart(2, "0")}`,
    visibility: "public",
    created_at: `-${i + 10}m`,
  }));
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }, { name: "globex" }],
      users: [{ name: "alice", password: "pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "image.image": [
          ...images,
          { name: "globex-private", owner: "@project/globex", visibility: "private" },
          { name: "globex-shared", owner: "@project/globex", visibility: "shared" },
          { name: "globex-community", owner: "@project/globex", visibility: "community" },
          { name: "hidden", visibility: "public", os_hidden: true },
        ],
        "image.member": [{ image_id: "@image.image/globex-shared", member_id: "@project/acme", status: "accepted" }],
      },
    },
  });
  admin = await passwordToken(cloud);
  alice = await passwordToken(cloud, { username: "alice", password: "pw", projectName: "acme" });
});
afterAll(async () => cloud.close());

describe("image listings", () => {
  it("pages 25 by default with Glance's relative next and first links", async () => {
    const first = await call(admin, "/v2/images?visibility=all");
    expect(list(first.body, "images")).toHaveLength(25);
    expect(first.body).toMatchObject({ first: "/v2/images?visibility=all", schema: "/v2/schemas/images" });
    const next = String(first.body!["next"]);
    expect(next).toMatch(/^\/v2\/images\?visibility=all&marker=/);
    const second = await call(admin, next);
    expect(list(second.body, "images")).toHaveLength(8);
    expect(second.body).not.toHaveProperty("next");
  });

  it("answers 400 for an unknown marker", async () => {
    const response = await call(admin, "/v2/images?marker=nope");
    expect(response.status).toBe(400);
    expect(response.body!["message"]).toBe("No image found with ID nope");
  });

  it("shows a member public images, shared ones it accepted, and no one else's private or community ones", async () => {
    const names = pluck(list((await call(alice, "/v2/images?limit=1000")).body, "images"), "name");
    expect(names).toContain("globex-shared");
    expect(names).not.toContain("globex-private");
    expect(names).not.toContain("globex-community");
    expect(names).not.toContain("hidden");
    const all = pluck(list((await call(admin, "/v2/images?visibility=all&limit=1000")).body, "images"), "name");
    expect(all).toEqual(expect.arrayContaining(["globex-private", "globex-community"]));
    expect(pluck(list((await call(admin, "/v2/images?os_hidden=true")).body, "images"), "name")).toEqual(["hidden"]);
  });
});

describe("image members", () => {
  it("lists, adds and deletes members of a shared image; only shared images have members", async () => {
    const shared = [...cloud.state.collection("image.image").values()].find((i) => i["name"] === "globex-shared")!;
    const priv = [...cloud.state.collection("image.image").values()].find((i) => i["name"] === "globex-private")!;
    expect(pluck(list((await call(admin, `/v2/images/${shared.id}/members`)).body, "members"), "status")).toEqual([
      "accepted",
    ]);
    expect((await call(admin, `/v2/images/${shared.id}/members`, "POST", { member: "p2" })).body).toMatchObject({
      member_id: "p2",
      status: "pending",
    });
    expect((await call(admin, `/v2/images/${shared.id}/members`, "POST", { member: "p2" })).status).toBe(409);
    expect((await call(admin, `/v2/images/${priv.id}/members`, "POST", { member: "p2" })).status).toBe(403);
    expect((await call(admin, `/v2/images/${shared.id}/members/p2`, "DELETE")).status).toBe(204);
    expect((await call(alice, `/v2/images/${shared.id}/members/p2`, "DELETE")).status).toBe(403);
  });
});
