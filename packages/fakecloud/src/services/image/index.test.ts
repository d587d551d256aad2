import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { list, pluck } from "../../../../../test/support/fakecloud/json-reader.ts";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";
import { callJson } from "../../../../../test/support/fakecloud/call-json.ts";

let cloud: FakeCloud;
let admin: string;
let alice: string;

function call(token: string, path: string, method = "GET", body?: unknown) {
  // What glanceclient and openstacksdk send: Glance words its errors in JSON only when asked to.
  return callJson(`${cloud.url}/image${path}`, token, method, body, { accept: "application/json" });
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
          { name: "killed", visibility: "private", status: "killed" },
          { name: "pending", visibility: "private", status: "pending_delete" },
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
    expect(list(second.body, "images")).toHaveLength(8); // killed and pending_delete images are never listed
    expect(second.body).not.toHaveProperty("next");
  });

  it("lists no killed image, not even when asked by status, while a show finds it; a pending_delete one is gone", async () => {
    const names = async (query: string): Promise<unknown[]> =>
      pluck(list((await call(admin, `/v2/images?${query}`)).body, "images"), "name");
    expect(await names("visibility=all&limit=1000")).not.toContain("killed");
    expect(await names("visibility=all&status=killed")).toEqual([]);
    const named = (name: string) =>
      [...cloud.state.collection("image.image").values()].find((i) => i["name"] === name)!;
    const killed = named("killed");
    const pending = named("pending");
    expect((await call(admin, `/v2/images/${killed.id}`)).body).toMatchObject({ status: "killed" });
    expect((await call(admin, `/v2/images/${pending.id}`)).status).toBe(404);
  });

  it("hides an image an owner patches os_hidden, and lists it only with os_hidden=true", async () => {
    const created = await call(alice, "/v2/images", "POST", { name: "to-hide", visibility: "private" });
    const id = String(created.body!["id"]);
    const patch = await callJson(
      `${cloud.url}/image/v2/images/${id}`,
      alice,
      "PATCH",
      [{ op: "replace", path: "/os_hidden", value: true }],
      { accept: "application/json", "content-type": "application/openstack-images-v2.1-json-patch" },
    );
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ id, os_hidden: true });
    expect(pluck(list((await call(alice, "/v2/images")).body, "images"), "id")).not.toContain(id);
    expect(pluck(list((await call(alice, "/v2/images?os_hidden=true")).body, "images"), "id")).toContain(id);
    const readOnly = await callJson(
      `${cloud.url}/image/v2/images/${id}`,
      alice,
      "PATCH",
      [{ op: "replace", path: "/status", value: "active" }],
      { accept: "application/json", "content-type": "application/openstack-images-v2.1-json-patch" },
    );
    expect(readOnly.status).toBe(403);
    expect((await call(alice, `/v2/images/${id}`, "DELETE")).status).toBe(204);
  });

  it("answers 400 for an unknown marker", async () => {
    const response = await call(admin, "/v2/images?marker=nope");
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      message: "No image found with ID nope<br /><br />\n\n\n",
      code: "400 Bad Request",
      title: "Bad Request",
    });
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

describe("image errors as webob words them", () => {
  const missing = "0b6e4a4e-5d1e-4f4b-9f7e-3a1c2b9d8e7f";
  const get = (accept: string | undefined) =>
    fetch(`${cloud.url}/image/v2/images/${missing}`, {
      headers: { "x-auth-token": admin, ...(accept === undefined ? {} : { accept }) },
    });

  it("answers curl's */* (and a browser) with HTML, not JSON", async () => {
    for (const accept of ["*/*", "text/html", "application/json, */*"]) {
      const response = await get(accept);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/html; charset=UTF-8");
      const text = await response.text();
      expect(text).toContain("<title>404 Not Found</title>");
      expect(text).toContain(`No image found with ID ${missing}<br /><br />`);
    }
  });

  it("answers plain text when neither HTML nor JSON is acceptable", async () => {
    const response = await get("application/xml");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=UTF-8");
    expect(await response.text()).toBe(`404 Not Found\n\nNo image found with ID ${missing}\n\n   `);
  });
});

describe("image data upload", () => {
  const upload = (token: string, id: string, data: Uint8Array, contentType = "application/octet-stream") =>
    fetch(`${cloud.url}/image/v2/images/${id}/file`, {
      method: "PUT",
      headers: { "x-auth-token": token, "content-type": contentType, accept: "application/json" },
      body: data,
    });

  it("turns a queued image active with the data's size, hashes and store; a second upload is a 409", async () => {
    const created = await call(alice, "/v2/images", "POST", {
      name: "upload-me",
      disk_format: "raw",
      container_format: "bare",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "queued", size: null });
    expect(created.body).not.toHaveProperty("stores");
    const id = String(created.body!["id"]);
    const data = new Uint8Array(1024);
    const answer = await upload(alice, id, data);
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe("");
    const shown = (await call(alice, `/v2/images/${id}`)).body;
    expect(shown).toMatchObject({
      status: "active",
      size: 1024,
      virtual_size: 1024,
      // md5 and sha512 of 1 KiB of zeros, as Glance computes them
      checksum: "0f343b0931126a20f133d67c2b018a3b",
      os_hash_algo: "sha512",
      stores: "file",
    });
    expect(String(shown!["os_hash_value"])).toMatch(/^8efb4f73c5655351c444eb109230c556/);
    const again = await upload(alice, id, data);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      message: "Image status transition from active to saving is not allowed<br /><br />\n\n\n",
    });
  });

  it("refuses a body that is not an octet-stream (415) and another project's image (404)", async () => {
    const created = await call(admin, "/v2/images", "POST", { name: "private-one", visibility: "private" });
    const id = String(created.body!["id"]);
    expect((await upload(admin, id, new Uint8Array(8), "application/json")).status).toBe(415);
    expect((await upload(alice, id, new Uint8Array(8))).status).toBe(404);
    expect((await call(admin, `/v2/images/${id}`)).body).toMatchObject({ status: "queued" });
  });
});
