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
const call = (token: string, path: string, method = "GET", headers: Record<string, string> = {}, body?: unknown) =>
  callJson(`${cloud.url}/dns${path}`, token, method, body, headers);
const addRecordset = (zone: string, name: string, type: string, records: string[]) =>
  call(alice, `/v2/zones/${zone}/recordsets`, "POST", {}, { name, type, records });

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

  it("creates a zone 202 PENDING/CREATE with its SOA and NS sets, which the worker then makes ACTIVE/NONE", async () => {
    const created = await call(alice, "/v2/zones", "POST", {}, { name: "new.acme.org.", email: "dns@acme.org" });
    expect(created).toMatchObject({ status: 202, body: { status: "PENDING", action: "CREATE", version: 1 } });
    const id = (created.body as { id: string }).id;
    const zone = await call(alice, `/v2/zones/${id}`);
    expect(zone.body).toMatchObject({ status: "ACTIVE", action: "NONE", version: 2 });
    const sets = list((await call(alice, `/v2/zones/${id}/recordsets`)).body, "recordsets");
    expect(sets.map((r) => [(r as { type: string }).type, (r as { status: string }).status]).sort()).toEqual([
      ["NS", "ACTIVE"],
      ["SOA", "ACTIVE"],
    ]);
    expect(
      String((sets.find((r) => (r as { type: string }).type === "SOA") as { records: string[] }).records[0]),
    ).toMatch(/^ns1\.fakecloud\.test\. dns\.acme\.org\. \d+ \d+ 600 86400 3600$/);

    const record = await addRecordset(id, "www.new.acme.org.", "A", ["203.0.113.9"]);
    expect(record).toMatchObject({ status: 202, body: { status: "PENDING", action: "CREATE", zone_id: id } });
    const shown = list((await call(alice, `/v2/zones/${id}/recordsets`)).body, "recordsets");
    expect(shown.find((r) => (r as { type: string }).type === "A")).toMatchObject({ status: "ACTIVE", action: "NONE" });
    expect((await call(alice, `/v2/zones/${id}`)).body).toMatchObject({ status: "ACTIVE", version: 3 });
  });

  it("refuses what Designate refuses: no email, one label, a duplicate, a record outside its zone", async () => {
    const noEmail = await call(alice, "/v2/zones", "POST", {}, { name: "x.acme.org." });
    expect(noEmail).toMatchObject({ status: 400, body: { type: "invalid_object" } });
    const oneLabel = await call(alice, "/v2/zones", "POST", {}, { name: "org.", email: "a@b.c" });
    expect(oneLabel).toMatchObject({ status: 400, body: { type: "invalid_zone_name" } });
    const dup = await call(admin, "/v2/zones", "POST", {}, { name: "globex.org.", email: "a@b.c" });
    expect(dup).toMatchObject({ status: 409, body: { type: "duplicate_zone", message: "Duplicate Zone" } });
    const zone = await call(alice, "/v2/zones", "POST", {}, { name: "edge.acme.org.", email: "a@b.c" });
    const id = (zone.body as { id: string }).id;
    const outside = await addRecordset(id, "www.other.org.", "A", ["203.0.113.1"]);
    expect(outside).toMatchObject({ status: 400, body: { type: "invalid_recordset_location" } });
    const ns = await addRecordset(id, "edge.acme.org.", "NS", ["ns2.example.org."]);
    expect(ns).toMatchObject({ status: 409, body: { type: "duplicate_recordset" } });
  });
});
