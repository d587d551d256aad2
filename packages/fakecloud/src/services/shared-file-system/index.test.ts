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
  share: Record<string, unknown> & { id: string };
  snapshot: Record<string, unknown> & { id: string };
  share_network: Record<string, unknown> & { id: string; share_network_subnets: unknown[] };
  share_replica: Record<string, unknown> & { id: string };
}

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${cloud.url}/share/v2${path}`, {
    method,
    headers: { "x-auth-token": token, "X-OpenStack-Manila-API-Version": "2.73", "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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

  it("creates a share network (200), a share (200, creating, then available) and its snapshot (202)", async () => {
    const network = await call("POST", "/share-networks", member, { share_network: { name: "net" } });
    expect(network.status).toBe(200);
    expect(network.body.share_network).toMatchObject({ status: "active", name: "net", description: null });
    expect(network.body.share_network.share_network_subnets).toHaveLength(1);

    const created = await call("POST", "/shares", member, { share: { name: "new", share_proto: "nfs", size: 1 } });
    expect(created.status).toBe(200);
    expect(created.body.share).toMatchObject({
      status: "creating",
      host: "",
      share_proto: "NFS",
      share_type_name: "default",
      links: [{ rel: "self" }, { rel: "bookmark" }],
    });
    const share = created.body.share.id;
    expect((await call("GET", `/shares/${share}`, member)).body.share).toMatchObject({
      status: "available",
      availability_zone: "nova",
      progress: "100%",
    });

    const snapshot = await call("POST", "/snapshots", member, { snapshot: { share_id: share, name: "snap" } });
    expect(snapshot.status).toBe(202);
    expect(snapshot.body.snapshot).toMatchObject({ status: "creating", share_id: share, provider_location: null });
    const shown = await call("GET", `/snapshots/${snapshot.body.snapshot.id}`, member);
    expect(shown.body.snapshot).toMatchObject({ status: "available" });
    expect((await call("DELETE", `/shares/${share}`, member)).status).toBe(403);
  });

  it("makes a replicated share's instance its active replica, and adds a replica that syncs", async () => {
    const created = await call("POST", "/shares", member, {
      share: { share_proto: "NFS", size: 1, share_type: "replicated" },
    });
    const share = created.body.share.id;
    expect(created.body.share).toMatchObject({ replication_type: "readable", has_replicas: false });
    const replicas = await call("GET", "/share-replicas/detail", admin);
    expect(replicas.body.share_replicas).toContainEqual(
      expect.objectContaining({ share_id: share, replica_state: "active", cast_rules_to_readonly: false }),
    );
    const added = await call("POST", "/share-replicas", member, { share_replica: { share_id: share } });
    expect(added.status).toBe(202);
    expect(added.body.share_replica).toMatchObject({ status: "creating", replica_state: null, host: "" });
    const synced = await call("GET", `/share-replicas/${added.body.share_replica.id}`, member);
    expect(synced.body.share_replica).toMatchObject({ status: "available", replica_state: "in_sync" });
    expect((await call("GET", `/shares/${share}`, member)).body.share).toMatchObject({ has_replicas: true });
    expect((await call("DELETE", `/share-replicas/${added.body.share_replica.id}`, member)).status).toBe(202);
    expect((await call("GET", `/shares/${share}`, member)).body.share).toMatchObject({ has_replicas: false });
  });

  it("fails where Manila's code fails: an unknown share type, a missing key, a body without its object", async () => {
    const type = await call("POST", "/shares", member, { share: { share_proto: "NFS", size: 1, share_type: "gold" } });
    expect(type.status).toBe(404);
    expect((await call("POST", "/shares", member, { share: { size: 1 } })).status).toBe(500);
    expect((await call("POST", "/share-networks", member, {})).status).toBe(422);
    const unreplicated = await call("POST", "/share-replicas", member, { share_replica: { share_id: SHARE(1) } });
    expect(unreplicated.status).toBe(400);
    const missing = await call("POST", "/snapshots", member, {
      snapshot: { share_id: "00000000-0000-4000-8000-000000000000" },
    });
    expect(missing.status).toBe(404);
  });
});
