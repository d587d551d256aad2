import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PG_URL } from "../../../test/support/store/test-stores.ts";
import { DatabaseSource } from "./database-source.ts";
import { parseDatabaseUrl } from "./database-url.ts";
import { openReadOnlyDatabase } from "./read-only-database.ts";
import { databaseSettingsSchema, type DatabaseSettings } from "./settings.ts";
import { ZED_TABLES, zedRows } from "../../../test/support/deep/postgresql-fixture.ts";

// The database source against the real PostgreSQL the store tests use, on Zed's tables (the columns the listings
// read, PostgreSQL's types): the dialect is checked here, the real MariaDB schemas in the e2e tier.
const database = `ss_dbsrc_${randomBytes(4).toString("hex")}`;
const admin = new URL(TEST_PG_URL);
const url = new URL(TEST_PG_URL);
url.pathname = `/${database}`;
const dbUrl = url.toString().replace(/^postgres(ql)?:/, "postgresql+psycopg2:");
const context = { cloud: "test", region: "RegionOne", inputs: new Map() };

const settings = (overrides: Partial<DatabaseSettings> = {}): DatabaseSettings =>
  databaseSettingsSchema.parse({
    nova: { url: dbUrl },
    cinder: { url: dbUrl },
    octavia: { url: dbUrl },
    glance: { url: dbUrl },
    placement: { url: dbUrl },
    keystone: { url: dbUrl },
    ...overrides,
  });

async function listed(
  type: string,
  source = new DatabaseSource(settings(), context),
): Promise<Record<string, unknown>[]> {
  try {
    return (await source.list(type, context)).records;
  } finally {
    await source.close();
  }
}

const ids = (records: Record<string, unknown>[], field = "id"): unknown[] => records.map((r) => r[field]).sort();

beforeAll(async () => {
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  const fixture = new pg.Client({ connectionString: url.toString() });
  await fixture.connect();
  // The cell mapping names Nova's own user, as Nova writes it: the source must read the cell as its own user.
  const mapped = new URL(url.toString());
  mapped.username = "nova";
  mapped.password = "nova-secret";
  for (const statement of [...ZED_TABLES, ...zedRows(mapped.toString())]) await fixture.query(statement);
  await fixture.end();
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await client.end();
});

describe("the database source on PostgreSQL", () => {
  it("stands in for Octavia's and Glance's API listings with records shaped as the API's", async () => {
    const loadbalancers = await listed("load-balancer.loadbalancer");
    expect(ids(loadbalancers)).toEqual(["lb-active-ok", "lb-pending-bad"]);
    expect(loadbalancers.find((lb) => lb.id === "lb-pending-bad")).toMatchObject({
      provisioning_status: "PENDING_UPDATE",
      vip_address: "10.0.0.5",
      updated_at: "2026-01-01T10:00:00",
    });
    expect((await listed("load-balancer.listener")).find((l) => l.id === "listener-pending-bad")).toMatchObject({
      loadbalancers: [{ id: "lb-active-ok" }],
    });
    expect(await listed("image.image")).toEqual([
      expect.objectContaining({ id: "img-active-ok", os_hidden: true, protected: true, status: "active" }),
    ]);
    expect(ids(await listed("load-balancer.amphora"))).toEqual(["amp-ready-ok", "amp-stale-bad"]);
  });

  it("lists what the APIs never show, leaving the healthy look-alikes out", async () => {
    expect(ids(await listed("database.image-unlisted"))).toEqual(["img-killed-bad", "img-pending-bad"]);
    const children = await listed("database.loadbalancer-child-pending");
    expect(children.map((c) => [c.object, c.id, c.load_balancer_id]).sort()).toEqual([
      ["l7rule", "l7r-pending-bad", "lb-active-ok"],
      ["listener", "listener-pending-bad", "lb-active-ok"],
      ["member", "member-pending-bad", "lb-active-ok"],
    ]);
    expect(await listed("database.amphora-health")).toEqual([
      expect.objectContaining({ amphora_id: "amp-stale-bad", busy: true, last_update: "2026-01-01T10:00:00" }),
    ]);
    expect(await listed("database.allocation-of-no-instance")).toEqual([
      {
        consumer_uuid: "consumer-gone-bad",
        resource_provider_uuid: "rp-1",
        project_id: "p1",
        created_at: "2026-01-01T10:00:00",
        resources: { VCPU: 2, MEMORY_MB: 512 },
      },
    ]);
    expect((await listed("database.cinder-row-of-deleted-parent")).map((r) => [r.id, r.parent_row])).toEqual([
      ["volume_attachment/att-bad", "deleted"],
      ["volume_metadata/1", "deleted"],
      ["volume_metadata/3", "absent"],
      ["snapshot_metadata/1", "deleted"],
    ]);
    expect(await listed("database.block-device-mapping-of-deleted-volume")).toEqual([
      expect.objectContaining({
        id: "cell1/1",
        instance_uuid: "server-live-ok",
        volume_id: "vol-deleted",
        volume_row: "deleted",
      }),
    ]);
    expect((await listed("database.cinder-quota-usage-drift")).map((r) => [r.id, r.in_use, r.actual])).toEqual([
      ["p1/volumes", 3, 1],
      ["p1/backup_gigabytes", 0, 10],
    ]);
    expect((await listed("database.instance-mapping-unresolved")).map((r) => [r.instance_uuid, r.problem])).toEqual([
      ["mapping-without-cell-bad", "mapping-without-cell"],
      ["build-request-left-bad", "build-request-left-behind"],
    ]);
  });

  it("lists every user's key pairs and application credentials, never a credential's secret", async () => {
    expect(await listed("compute.keypair")).toEqual([
      { name: "laptop", user_id: "u-gone", fingerprint: "aa:bb", type: "ssh", created_at: "2026-01-01T10:00:00" },
    ]);
    expect(await listed("identity.application-credential")).toEqual([
      {
        id: "ac-1",
        name: "ci",
        description: null,
        user_id: "u-1",
        project_id: "p-gone",
        expires_at: "2026-01-01T10:00:00.000Z",
        unrestricted: false,
      },
    ]);
  });

  it("counts its queries: placement once, then per cell the cell mapping and one query per 500 consumers", async () => {
    const source = new DatabaseSource(settings(), context);
    try {
      expect((await source.list("database.allocation-of-no-instance", context)).requests).toBe(3);
      expect((await source.list("database.cinder-row-of-deleted-parent", context)).requests).toBe(5);
    } finally {
      await source.close();
    }
  });

  it("reads in a read-only session and runs nothing but a SELECT", async () => {
    const db = await openReadOnlyDatabase({
      service: "placement",
      url: parseDatabaseUrl(dbUrl, "test"),
      connectTimeoutMs: 5000,
      statementTimeoutMs: 5000,
    });
    try {
      await expect(db.select("SELECT nextval('resource_providers_id_seq')")).rejects.toThrow(
        /the placement database at .*: refused: the session is read-only \(25006\)/,
      );
      await expect(db.select("DELETE FROM images")).rejects.toThrow(/not a single SELECT/);
      await expect(db.select("SELECT 1; DELETE FROM images")).rejects.toThrow(/not a single SELECT/);
    } finally {
      await db.close();
    }
  });

  it("stands in only for the types whose databases are configured", () => {
    const source = new DatabaseSource(databaseSettingsSchema.parse({ octavia: { url: dbUrl } }), context);
    expect(source.standsInFor("load-balancer.loadbalancer")).toBe(true);
    expect(source.standsInFor("image.image")).toBe(false);
    expect(source.standsInFor("database.image-unlisted")).toBe(false);
  });
});

describe("the database source's errors: one line, no secret", () => {
  const closedPort = (): Promise<number> =>
    new Promise((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });

  it("names the unreachable database, never its password", async () => {
    const port = await closedPort();
    const source = new DatabaseSource(
      settings({ glance: { url: `mysql+pymysql://glance:s3cret-pw@127.0.0.1:${port}/glance` } }),
      context,
    );
    const error = await listed("database.image-unlisted", source).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe(`cannot open the glance database at 127.0.0.1:${port}/glance: ECONNREFUSED`);
    // Nor anything it wraps: an operator may run with --debug, which prints the causes.
    expect(inspect(error, { depth: 10 })).not.toContain("s3cret");
  });

  it("says a table is missing (an older release, or another service's database)", async () => {
    const other = new URL(TEST_PG_URL).toString(); // the store tests' database has none of the services' tables
    const source = new DatabaseSource(settings({ glance: { url: other } }), context);
    await expect(listed("database.image-unlisted", source)).rejects.toThrow(
      /^the glance database at .*: no table images: an older release, or not this service's database \(42P01\)$/,
    );
  });

  it("reads the service's own config file, and says when it has no [database] connection", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stacksweep-dbconf-"));
    try {
      const good = join(dir, "glance-api.conf");
      writeFileSync(
        good,
        `[DEFAULT]\ndebug = true\n\n[database]\n# a comment\nconnection = ${dbUrl}\nmax_retries = -1\n`,
      );
      expect(
        ids(
          await listed("database.image-unlisted", new DatabaseSource(settings({ glance: { config: good } }), context)),
        ),
      ).toEqual(["img-killed-bad", "img-pending-bad"]);
      const bad = join(dir, "cinder.conf");
      writeFileSync(bad, "[DEFAULT]\ntransport_url = rabbit://u:p@h//\n[database]\nmax_retries = -1\n");
      await expect(
        listed(
          "database.cinder-row-of-deleted-parent",
          new DatabaseSource(settings({ cinder: { config: bad } }), context),
        ),
      ).rejects.toThrow(`${bad} has no [database] connection`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says which database a listing needs when deep: database does not name it", async () => {
    const source = new DatabaseSource(databaseSettingsSchema.parse({ octavia: { url: dbUrl } }), context);
    await expect(listed("database.allocation-of-no-instance", source)).rejects.toThrow(
      "needs the placement and nova databases, which deep: database does not name for test region RegionOne",
    );
  });
});
