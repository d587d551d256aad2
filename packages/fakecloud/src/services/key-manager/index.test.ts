import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";

const SECRET = (n: number): string => `5e000000-0000-4000-8000-00000000000${n}`;

let cloud: FakeCloud;
let admin: string;

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }],
      resources: {
        "key-manager.secret": [
          { id: SECRET(1), name: "acme-tls", project_id: "@project/acme" },
          { id: SECRET(2), name: "admin-1", created: "-2h" },
          { id: SECRET(3), name: "admin-2", created: "-1h" },
        ],
      },
    },
  });
  admin = await passwordToken(cloud);
});
afterAll(async () => {
  await cloud.close();
});

/** The parts of Barbican's answers these tests read. */
interface Answer {
  secrets: Record<string, unknown>[];
  next?: string;
  total: number;
}

async function call(method: string, path: string) {
  const response = await fetch(`${cloud.url}/key-manager/v1${path}`, { method, headers: { "x-auth-token": admin } });
  const text = await response.text();
  return { status: response.status, body: (text === "" ? null : JSON.parse(text)) as Answer };
}

describe("key-manager", () => {
  it("lists only the token's project's secrets to an admin too, without owner or id, paged by offset", async () => {
    const first = await call("GET", "/secrets?limit=1");
    expect(first.body.total).toBe(2);
    expect(first.body.secrets[0]?.["name"]).toBe("admin-1");
    expect(first.body.secrets[0]?.["secret_ref"]).toMatch(new RegExp(`/key-manager/v1/secrets/${SECRET(2)}$`));
    expect(first.body.secrets[0]).not.toHaveProperty("project_id");
    expect(first.body.secrets[0]).not.toHaveProperty("id");
    expect(new URL(first.body.next ?? "").searchParams.get("offset")).toBe("1");
    expect((await call("GET", "/secrets?all_projects=1&limit=100")).body.total).toBe(2);
  });

  it("refuses an admin another project's secret, and says so apart from a missing one", async () => {
    const other = await call("DELETE", `/secrets/${SECRET(1)}`);
    expect(other.status).toBe(403);
    const missing = await call("GET", "/secrets/5e000000-0000-4000-8000-0000000000ff");
    expect(missing).toEqual({ status: 404, body: { code: 404, title: "Not Found", description: "Secret not found." } });
  });
});
