import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";

const SHARE = (n: number): string => `5a000000-0000-4000-8000-00000000000${n}`;

let cloud: FakeCloud;
let admin: string;
let member: string;

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }],
      users: [{ name: "alice", password: "alice-pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "shared-file-system.share": [
          { id: SHARE(1), name: "a", project_id: "@project/acme", created_at: "-3h" },
          { id: SHARE(2), name: "b", project_id: "@project/acme", created_at: "-2h" },
          { id: SHARE(3), name: "admin's", created_at: "-1h" },
        ],
        "shared-file-system.snapshot": [{ id: "5b000000-0000-4000-8000-000000000001", share_id: SHARE(1) }],
        "shared-file-system.share-replica": [
          { id: "5c000000-0000-4000-8000-000000000001", share_id: SHARE(2), replica_state: "active" },
          { id: "5c000000-0000-4000-8000-000000000002", share_id: SHARE(2), replica_state: "in_sync" },
        ],
      },
    },
  });
  admin = await passwordToken(cloud);
  member = await passwordToken(cloud, { username: "alice", password: "alice-pw", projectName: "acme" });
});
afterAll(async () => {
  await cloud.close();
});

/** The parts of Manila's answers these tests read. */
interface Answer {
  shares: { id: string; name: string }[];
  shares_links?: { href: string }[];
  share_replicas: unknown[];
  share_replicas_links?: unknown;
  forbidden: { message: string };
}

async function call(method: string, path: string, token: string) {
  const response = await fetch(`${cloud.url}/share/v2${path}`, {
    method,
    headers: { "x-auth-token": token, "X-OpenStack-Manila-API-Version": "2.73" },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === "" ? null : JSON.parse(text)) as Answer,
  };
}

describe("shared-file-system", () => {
  it("lists every project's shares to an admin asking all_tenants, and only the caller's otherwise", async () => {
    const all = await call("GET", "/shares/detail?all_tenants=1", admin);
    expect(all.headers.get("x-openstack-manila-api-version")).toBe("2.73");
    expect(all.headers.get("openstack-api-version")).toBeNull();
    expect(all.body.shares.map((s) => s.name)).toEqual(["admin's", "b", "a"]);
    const own = await call("GET", "/shares/detail", admin);
    expect(own.body.shares.map((s) => s.name)).toEqual(["admin's"]);
    const alice = await call("GET", "/shares/detail?all_tenants=1", member);
    expect(alice.body.shares.map((s) => s.name)).toEqual(["b", "a"]);
  });

  it("pages by offset, and its next link names a marker that the listing ignores, as Manila's does", async () => {
    const first = await call("GET", "/shares/detail?all_tenants=1&limit=2", admin);
    const next = new URL(first.body.shares_links?.[0]?.href ?? "");
    expect(next.searchParams.get("marker")).toBe(SHARE(2));
    const again = await call("GET", `/shares/detail?all_tenants=1&limit=2&marker=${SHARE(2)}`, admin);
    expect(again.body.shares).toEqual(first.body.shares);
    const second = await call("GET", "/shares/detail?all_tenants=1&limit=2&offset=2", admin);
    expect(second.body.shares.map((s) => s.id)).toEqual([SHARE(1)]);
  });

  it("shows an admin every replica without all_tenants, and refuses to delete a share with replicas or snapshots", async () => {
    const replicas = await call("GET", "/share-replicas/detail", admin);
    expect(replicas.body.share_replicas).toHaveLength(2);
    expect(replicas.body.share_replicas_links).toBeUndefined();
    expect((await call("DELETE", `/shares/${SHARE(2)}`, admin)).status).toBe(409);
    const withSnapshot = await call("DELETE", `/shares/${SHARE(1)}`, admin);
    expect(withSnapshot.status).toBe(403);
    expect(withSnapshot.body.forbidden.message).toBe("Invalid share: Share still has 1 dependent snapshots..");
    expect((await call("DELETE", "/share-replicas/5c000000-0000-4000-8000-000000000001", admin)).status).toBe(400);
  });
});
