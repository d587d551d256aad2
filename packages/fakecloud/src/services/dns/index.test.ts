import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { list, pluck } from "../../../../../test/support/fakecloud/json-reader.ts";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";
import { callJson } from "../../../../../test/support/fakecloud/call-json.ts";

let cloud: FakeCloud;
let admin: string;
let alice: string;
const ALL = { "x-auth-all-projects": "true" };
const ZONE = "0d8a3f7e-6a8b-4c55-9b1e-2f0c9e4b7a11";
const call = (token: string, path: string, method = "GET", headers: Record<string, string> = {}) =>
  callJson(`${cloud.url}/dns${path}`, token, method, undefined, headers);

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }, { name: "globex" }],
      users: [{ name: "alice", password: "pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "dns.zone": [
          { id: ZONE, name: "acme.org.", project_id: "@project/acme", created_at: "-3h" },
          { name: "globex.org.", project_id: "@project/globex", status: "ERROR", action: "UPDATE", created_at: "-2h" },
          ...Array.from({ length: 25 }, (_, i) => ({ name: `bulk-${i}.test.`, created_at: `-${90 - i}m` })),
        ],
        "dns.recordset": [{ zone_id: ZONE, name: "www.acme.org.", type: "A", records: ["203.0.113.7"] }],
      },
    },
  });
  admin = await passwordToken(cloud);
  alice = await passwordToken(cloud, { username: "alice", password: "pw", projectName: "acme" });
});
afterAll(async () => cloud.close());

describe("Designate zones and recordsets", () => {
  it("scopes an admin to its own project unless x-auth-all-projects asks for all", async () => {
    const own = await call(admin, "/v2/zones?limit=1000");
    expect(pluck(list(own.body, "zones"), "name")).not.toContain("acme.org.");
    const all = await call(admin, "/v2/zones?limit=1000", "GET", ALL);
    expect(pluck(list(all.body, "zones"), "name").slice(0, 2)).toEqual(["acme.org.", "globex.org."]);
    expect(all.body).toMatchObject({ metadata: { total_count: 27 } });
  });

  it("pages 20 by default with links.next, and refuses the header to a tenant", async () => {
    const first = await call(admin, "/v2/zones", "GET", ALL);
    expect(list(first.body, "zones")).toHaveLength(20);
    expect(String((first.body as { links?: { next?: string } }).links?.next)).toContain("marker=");
    expect((await call(alice, "/v2/zones", "GET", ALL)).status).toBe(403);
    expect(pluck(list((await call(alice, "/v2/zones")).body, "zones"), "name")).toEqual(["acme.org."]);
  });

  it("deletes a zone with its recordsets, answering 202 PENDING/DELETE; another project's only with the header", async () => {
    expect((await call(admin, `/v2/zones/${ZONE}`, "DELETE")).body).toMatchObject({
      code: 404,
      type: "zone_not_found",
    });
    const deleted = await call(admin, `/v2/zones/${ZONE}`, "DELETE", ALL);
    expect(deleted).toMatchObject({ status: 202, body: { status: "PENDING", action: "DELETE" } });
    expect((await call(admin, `/v2/zones/${ZONE}`, "GET", ALL)).status).toBe(404);
    expect(list((await call(admin, "/v2/recordsets", "GET", ALL)).body, "recordsets")).toEqual([]);
  });
});
