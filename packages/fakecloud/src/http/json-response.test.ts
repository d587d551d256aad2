import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../server.ts";
import { passwordToken } from "../../../../test/support/fakecloud/admin-token.ts";
import { jsonBytes, jsonResponse } from "./json-response.ts";

const expectSameAsStringify = (value: unknown): void => {
  expect(jsonBytes(value).toString("utf8")).toBe(JSON.stringify(value));
  // Compared as bytes too: a chunk cut inside a surrogate pair would decode to the same replacement characters.
  expect(jsonBytes(value).equals(Buffer.from(JSON.stringify(value), "utf8"))).toBe(true);
};

class Flavor {
  constructor(
    readonly id: string,
    readonly ram: number,
  ) {}
}

describe("jsonBytes", () => {
  it("writes primitives, escapes and unicode as JSON.stringify does", () => {
    for (const value of [
      0,
      -1.5e-7,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      null,
      "",
      'quote " backslash \\ slash / newline \n tab \t nul \u0000 bell \u0007',
      "line separators \u2028 \u2029",
      "ünïcødé, 中文, emoji 😀, lone surrogates \ud800 and \udfff",
    ]) {
      expectSameAsStringify(value);
      expectSameAsStringify({ value, [String(value)]: [value] });
    }
  });

  it("keeps key order, leaves out what JSON.stringify leaves out and writes null for it in arrays", () => {
    expectSameAsStringify({
      name: "web-1",
      10: "integer keys come first",
      2: "in ascending order",
      missing: undefined,
      method: () => "functions are left out",
      symbol: Symbol("left out"),
      [Symbol("key")]: "symbol keys are left out",
      items: [undefined, () => 1, Symbol("x"), null, 0, , "after a hole"], // eslint-disable-line no-sparse-arrays
      nested: [[], {}, [[[]]], { deep: { deeper: [{ deepest: [1, [2, [3]]] }] } }],
      empty: { list: [], map: {} },
    });
    expectSameAsStringify([]);
    expectSameAsStringify({});
    expectSameAsStringify([undefined]);
  });

  it("calls toJSON with the property's key, and serializes dates, boxed values and class instances", () => {
    const keyed = { toJSON: (key: string) => `toJSON(${key})` };
    expectSameAsStringify({
      at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      keyed,
      list: [keyed, keyed],
      deep: { deeper: { keyed, list: [keyed] } },
      boxed: [Object(1) as unknown, Object("text") as unknown, Object(false) as unknown],
      flavor: new Flavor("1", 512),
      map: new Map([["a", 1]]),
      nullPrototype: Object.assign(Object.create(null) as object, { b: 1, a: [2] }),
      returnsUndefined: { toJSON: () => undefined },
    });
    expectSameAsStringify(keyed);
    // Deep inside a long list, where items are stringified many at a time: toJSON still gets the item's own index.
    const items: unknown[] = Array.from({ length: 2000 }, (_, index) => ({ index }));
    items[1500] = keyed;
    items[1501] = new Date(0);
    expectSameAsStringify({ items });
  });

  it("stays identical on large bodies whose multi-byte text crosses many chunk boundaries", () => {
    const servers = Array.from({ length: 3000 }, (_, index) => ({
      id: `server-${index}`,
      name: `vm-ü€😀-${index}`,
      description: index % 7 === 0 ? undefined : "x".repeat(index % 50),
      addresses: { private: [{ addr: `10.0.${index % 256}.${index % 250}`, version: 4 }] },
      tags: index % 3 === 0 ? [] : ["a", "b"],
    }));
    expectSameAsStringify({ servers, servers_links: [{ rel: "next", href: "http://cloud/servers?marker=x" }] });
    // One item far larger than a chunk, below the depth that is always taken apart, and a very long string.
    const big = { metadata: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key-${i}`, `välue-${i}`])) };
    expectSameAsStringify({
      servers: [
        { id: "a", big },
        { id: "b", blob: "é😀".repeat(100_000) },
      ],
    });
  });

  it("fails as JSON.stringify does on a cycle, and refuses undefined at the top", () => {
    const cyclic: Record<string, unknown> = { servers: [] };
    (cyclic["servers"] as unknown[]).push({ owner: cyclic });
    expect(() => JSON.stringify(cyclic)).toThrow(TypeError);
    expect(() => jsonBytes(cyclic)).toThrow(TypeError);
    expect(() => jsonBytes(undefined)).toThrow(TypeError);
  });
});

describe("jsonResponse over HTTP", () => {
  let server: ServerType;
  let url: string;
  let cloud: FakeCloud;
  const value = {
    volumes: Array.from({ length: 2000 }, (_, index) => ({ id: `v-${index}`, name: `données-${index}` })),
  };

  beforeAll(async () => {
    const app = new Hono();
    app.get("/c-json", (c) => {
      c.header("x-openstack-request-id", "req-1");
      return c.json(value, 202);
    });
    app.get("/json-response", (c) => {
      c.header("x-openstack-request-id", "req-1");
      return jsonResponse(c, value, 202);
    });
    app.get("/c-json-ok", (c) => c.json({ ok: true }));
    app.get("/json-response-ok", (c) => jsonResponse(c, { ok: true }));
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(started));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cloud = await startFakeCloud({
      scenario: {
        resources: {
          "compute.server": Array.from({ length: 1000 }, (_, index) => ({ name: `vm-ü€😀-"${index}"` })),
        },
      },
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cloud.close();
  });

  const answer = async (path: string): Promise<{ status: number; headers: [string, string][]; body: Buffer }> => {
    const response = await fetch(`${url}${path}`);
    const headers = [...response.headers].filter(([name]) => name !== "date");
    return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
  };

  it("answers the same status, headers and bytes as c.json", async () => {
    const expected = await answer("/c-json");
    expect(expected.status).toBe(202);
    expect(await answer("/json-response")).toEqual(expected);
    expect(await answer("/json-response-ok")).toEqual(await answer("/c-json-ok"));
  });

  it("serves a full page of fakecloud servers with non-ASCII names intact", async () => {
    const token = await passwordToken(cloud);
    const response = await fetch(`${cloud.url}/compute/v2.1/servers/detail?all_tenants=1`, {
      headers: { "x-auth-token": token },
    });
    expect(response.headers.get("content-type")).toBe("application/json");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
    const text = bytes.toString("utf8");
    const body = JSON.parse(text) as { servers: { name: string }[] };
    expect(text).toBe(JSON.stringify(body));
    expect(body.servers).toHaveLength(1000);
    expect(new Set(body.servers.map((item) => item.name))).toEqual(
      new Set(Array.from({ length: 1000 }, (_, index) => `vm-ü€😀-"${index}"`)),
    );
  });
});
