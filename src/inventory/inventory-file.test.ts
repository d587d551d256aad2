import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../config/errors.ts";
import { loadInventories, saveInventories } from "./inventory-file.ts";
import { testInventory } from "./test-inventory.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "stacksweep-inventory-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("inventory file", () => {
  it("replays exactly what was saved, for every cloud and region", async () => {
    const inventories = [
      testInventory({
        resources: { "compute.server": [{ id: "s1", status: "ERROR", "OS-EXT-STS:task_state": null }] },
        incomplete: { "load-balancer.amphora": { status: "forbidden", reason: "403" } },
        confirmations: { "identity.project": { gone: "missing" } },
        clock: [{ source: "endpoint:compute", skewMs: 7000 }],
      }),
      testInventory({ region: "RegionTwo" }),
    ];
    const path = join(dir, "scan.json");
    await saveInventories(path, inventories);
    expect(await loadInventories(path)).toEqual(inventories);
    // Nothing but the file itself is left behind, readable by this user only: records are what the cloud holds.
    expect(await readdir(dir)).toEqual(["scan.json"]);
    expect((await stat(path)).mode & 0o077).toBe(0);
  });

  it("writes the text JSON.stringify would, piece by piece, and reads a large file back without one string", async () => {
    // Past the size from which a container is read member by member: the path a million resources take.
    const servers = Array.from({ length: 3000 }, (_, index) => ({
      id: `s${index}`,
      name: index % 9 === 0 ? 'naïve ☃ "quoted", [x] {y}: \\' : `server-${index}`,
      metadata: index % 2 === 0 ? {} : { role: "db" },
      tags: [],
      "OS-EXT-STS:task_state": null,
    }));
    const inventories = [testInventory({ resources: { "compute.server": servers, "network.port": [] } })];
    const path = join(dir, "large.json");
    const savedAt = new Date("2026-12-04T10:00:00Z");
    await saveInventories(path, inventories, savedAt);
    const text = await readFile(path, "utf8");
    expect(text.length).toBeGreaterThan(256 * 1024);
    const file = { kind: "stacksweep-inventory", schemaVersion: 1, savedAt: savedAt.toISOString(), inventories };
    expect(text).toBe(`${JSON.stringify(file, null, 1)}\n`);
    expect(await loadInventories(path)).toEqual(inventories);
  });

  it("makes each record again as a listing makes it: repeated values shared, a credential never kept", async () => {
    // Large enough for the records to be read one by one, as a million resources' are; and a small file.
    for (const count of [3000, 7]) {
      const servers = Array.from({ length: count }, (_, index) => ({
        id: `s${index}`,
        image: { id: `image-${index % 3}` },
        tenant_id: `project-${index % 7}`,
      }));
      const saved = testInventory({ resources: { "compute.server": servers } });
      const path = join(dir, `servers-${count}.json`);
      await saveInventories(path, [saved]);
      // A file written by hand or by an older release: a password in a record is not taken in.
      const text = (await readFile(path, "utf8")).replace('"id": "s1",', '"id": "s1", "adminPass": "hunter2",');
      expect(text).toContain("hunter2");
      await writeFile(path, text);
      const [loaded] = await loadInventories(path);
      expect(loaded).toEqual(saved);
      const records = loaded!.resources["compute.server"]!;
      expect(records[0]!.image).toEqual({ id: "image-0" });
      // The records naming one image hold one object: replaying a million resources takes what scanning them took.
      expect(records[3]!.image).toBe(records[0]!.image);
      expect(records[1]!.image).not.toBe(records[0]!.image);
      expect(JSON.stringify(records)).not.toContain("hunter2");
    }
  });

  it("refuses a file of another version with one line naming the file and key", async () => {
    const path = join(dir, "old.json");
    await saveInventories(path, [testInventory()]);
    const saved = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...saved, schemaVersion: 2 }));
    const error = await loadInventories(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(new RegExp(`^${path}: schemaVersion: .*version 1`));
  });

  it("names the bad key of a damaged inventory", async () => {
    const path = join(dir, "bad.json");
    await saveInventories(path, [testInventory()]);
    const saved = JSON.parse(await readFile(path, "utf8")) as { inventories: Record<string, unknown>[] };
    saved.inventories[0]!.coverage = { "compute.server": { status: "done" } };
    await writeFile(path, JSON.stringify(saved));
    await expect(loadInventories(path)).rejects.toThrow(`${path}: inventories.0.coverage.compute.server.status`);
    saved.inventories[0]!.coverage = {};
    saved.inventories[0]!.resources = { "compute.server": [{ id: "s1" }, "s2"] };
    await writeFile(path, JSON.stringify(saved));
    await expect(loadInventories(path)).rejects.toThrow(
      `${path}: inventories.0.resources.compute.server.1: an object (a listed record)`,
    );
    await writeFile(path, "{ not json");
    await expect(loadInventories(path)).rejects.toThrow("a JSON inventory saved by --save-inventory");
  });
});
