import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  cephFixture as fixture,
  commandsRun,
  fakePython,
  fakeRbd,
  listingFailure,
  type FakeAnswer,
} from "../../../test/support/deep/rbd-stand-in.ts";
import type { DeepListContext, DeepRecord } from "../deep-source.ts";
import { CephSource } from "./open.ts";
import { cephSettingsSchema } from "./settings.ts";

const VOLUME = "11111111-1111-4111-8111-111111111111";
const SNAPSHOT = "22222222-2222-4222-8222-222222222222";
const GONE = "33333333-3333-4333-8333-333333333333";
const PROGRAM = readFileSync(join(import.meta.dirname, "rbd-inspect.py"), "utf8");

/** The volumes pool: one image a listed volume owns, the fixture's volume no listed volume owns, one gone since. */
const volumesPool = {
  "ls volumes": { stdout: JSON.stringify([`volume-${VOLUME}`, `volume-${GONE}`, `volume-${SNAPSHOT}`]) },
  "trash ls --long volumes": { stdout: fixture("trash-ls-volumes.json") },
  // What the rbd commands answer for the same volume, for the fallback.
  [`info volumes/volume-${VOLUME}`]: { stdout: fixture("info-volume.json") },
  [`status volumes/volume-${VOLUME}`]: { stdout: fixture("status-volume.json") },
  [`du volumes/volume-${VOLUME}`]: { stdout: fixture("du-volume.json") },
  [`snap ls volumes/volume-${VOLUME}`]: { stdout: fixture("snap-ls-volume.json") },
} satisfies Record<string, FakeAnswer>;

const volumes = (records: DeepRecord[]): DeepListContext => ({
  cloud: "c",
  region: "r",
  inputs: new Map([
    ["block-storage.volume", records],
    ["block-storage.snapshot", []],
  ]),
});

function source(python: string, extra: Record<string, unknown> = {}): { source: CephSource; log: string } {
  const { rbd, log } = fakeRbd(volumesPool);
  const settings = cephSettingsSchema.parse({
    rbd,
    python,
    conf: "/etc/ceph/ceph.conf",
    id: "stacksweep",
    keyring: "/etc/ceph/ceph.client.stacksweep.keyring",
    pools: { volumes: "volumes" },
    ...extra,
  });
  return { source: new CephSource(settings), log };
}

const requestsOf = (file: string): Record<string, unknown>[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const image = (records: DeepRecord[], name: string): DeepRecord | undefined =>
  records.find((record) => record.name === name);

describe("rbd-inspect.py", () => {
  // The calls the program's header lists as its only ones on the cluster, and the Python it needs around them.
  const listed = new Set(
    [...(PROGRAM.split('"""')[1] ?? "").matchAll(/[.\s](\w+)\(/g)].map((found) => found[1]!).filter(Boolean),
  );
  const python = new Set(
    "Lock loads dumps read write flush exit get append sort items values submit result timegm timetuple".split(" "),
  );
  const code = PROGRAM.split('"""')
    .filter((_, index) => index % 2 === 0)
    .join("\n");

  it("calls on the cluster only the read methods its header lists", () => {
    expect(listed).toEqual(
      new Set([
        "Rados",
        "connect",
        "open_ioctx",
        "shutdown",
        "set_namespace",
        "close",
        "Image",
        "stat",
        "features",
        "flags",
        "create_timestamp",
        "watchers_list",
        "list_snaps",
        "is_protected_snap",
        "get_parent_image_spec",
        "list_children2",
        "diff_iterate",
      ]),
    );
    const called = [...code.matchAll(/\.(\w+)\(/g)].map((found) => found[1]!);
    expect(called.filter((name) => !listed.has(name) && !python.has(name))).toEqual([]);
  });

  it("has no write call of librbd or librados, and no way to call one by name", () => {
    const writes = [
      ...["create", "clone", "remove", "rename", "copy", "deep_copy", "flatten", "resize", "sparsify", "write"],
      ...["write_full", "write_zeroes", "discard", "append", "trunc", "create_snap", "remove_snap", "remove_snap2"],
      ...["rename_snap", "protect_snap", "unprotect_snap", "rollback_to_snap", "set_snap_limit", "remove_snap_limit"],
      ...["trash_move", "trash_remove", "trash_restore", "trash_purge", "lock_acquire", "lock_exclusive"],
      ...["lock_shared", "lock_break", "break_lock", "unlock", "metadata_set", "metadata_remove", "update_features"],
      ...["rebuild_object_map", "config_set", "config_remove", "pool_init", "create_pool", "delete_pool"],
      ...["mon_command", "osd_command", "mgr_command", "pg_command", "set_xattr", "rm_xattr", "remove_object"],
      ...["set_omap", "remove_omap_keys", "blocklist_add", "application_enable", "aio_write", "aio_discard"],
      ...["mirror_image_enable", "migration_prepare", "group_create", "namespace_create", "notify", "watch"],
    ];
    // Its own output is the one thing it writes.
    const calls = code.replaceAll(/sys\.std(out|err)\.write\(/g, "");
    for (const write of writes) expect(calls, write).not.toMatch(new RegExp(`\\b${write}\\(`));
    expect(code).not.toMatch(/\b(getattr|eval|exec|__import__|compile)\(/);
  });

  it("opens every image read-only", () => {
    const opens = [...code.matchAll(/rbd\.Image\(([^)]*)\)/g)].map((found) => found[1]!);
    expect(opens.length).toBeGreaterThan(0);
    for (const args of opens) expect(args).toContain("read_only=True");
  });
});

describe("the ceph source with python3-rbd", () => {
  it("opens a pool's candidates in one process: 3 commands, the facts the rbd commands give", async () => {
    const { python, requests } = fakePython({ stdout: fixture("inspect-volumes.jsonl") });
    const { source: ceph, log } = source(python);
    const listing = await ceph.list("block-storage.rbd-image", volumes([{ id: SNAPSHOT }]));
    expect(listing.requests).toBe(3);
    expect(listing.via).toBe("python3-rbd");
    expect(commandsRun(log).sort()).toEqual(["ls volumes", "trash ls --long volumes"]);
    // The candidates only, and the keyring's path, never a key.
    expect(requestsOf(requests)).toEqual([
      {
        conf: "/etc/ceph/ceph.conf",
        id: "stacksweep",
        keyring: "/etc/ceph/ceph.client.stacksweep.keyring",
        timeout: 30,
        threads: 16,
        pool: "volumes",
        open: [`volume-${VOLUME}`, `volume-${GONE}`],
        snapshots: [],
        used: true,
      },
    ]);
    expect(image(listing.records, `volume-${VOLUME}`)).toEqual({
      id: `volumes/volume-${VOLUME}`,
      kind: "image",
      pool: "volumes",
      name: `volume-${VOLUME}`,
      owner: "volume",
      volume_id: VOLUME,
      opened: true,
      size: 1073741824,
      used_size: 67108864,
      created_at: "2026-12-03T15:40:06.000Z",
      features: ["layering", "exclusive-lock", "object-map", "fast-diff", "deep-flatten"],
      snapshot_count: 1,
      watchers: 0,
      snapshots: [{ name: `snapshot-${SNAPSHOT}`, protected: true, snapshot_id: SNAPSHOT }],
    });
    // Removed between its listing and its opening: gone, not debris.
    expect(image(listing.records, `volume-${GONE}`)).toBeUndefined();
  });

  it("gives the same records as the rbd commands for the same image", async () => {
    const { python } = fakePython({ stdout: fixture("inspect-volumes.jsonl") });
    const viaPython = await source(python).source.list("block-storage.rbd-image", volumes([{ id: SNAPSHOT }]));
    const viaRbd = await source(python, { inspect: "rbd" }).source.list(
      "block-storage.rbd-image",
      volumes([{ id: SNAPSHOT }]),
    );
    expect(viaRbd.via).toBe("rbd");
    // ls and trash ls; info and status of both candidates; du and snap ls of the one still there.
    expect(viaRbd.requests).toBe(2 + 4 + 2);
    // Recorded minutes apart from two images of the same making: only size, time and bytes written differ.
    const shape = (record: DeepRecord | undefined): string[] => Object.keys(record ?? {}).sort();
    expect(shape(image(viaPython.records, `volume-${VOLUME}`))).toEqual(
      shape(image(viaRbd.records, `volume-${VOLUME}`)),
    );
  });

  it("reads only the snapshots of an owned volume Cinder lists snapshots of", async () => {
    const { python, requests } = fakePython({ stdout: fixture("inspect-volumes-snapshots.jsonl") });
    const { rbd } = fakeRbd({
      "ls volumes": { stdout: JSON.stringify([`volume-${VOLUME}`]) },
      "trash ls --long volumes": { stdout: "[]" },
    });
    const settings = cephSettingsSchema.parse({ rbd, python, pools: { volumes: "volumes" } });
    const listing = await new CephSource(settings).list("block-storage.rbd-image", {
      ...volumes([{ id: VOLUME }]),
      inputs: new Map([
        ["block-storage.volume", [{ id: VOLUME }]],
        ["block-storage.snapshot", [{ id: SNAPSHOT, volume_id: VOLUME }]],
      ]),
    });
    expect(requestsOf(requests)[0]).toMatchObject({ open: [], snapshots: [`volume-${VOLUME}`] });
    expect(image(listing.records, `volume-${VOLUME}`)).toMatchObject({
      opened: false,
      snapshots: [{ name: `snapshot-${SNAPSHOT}`, protected: true, snapshot_id: SNAPSHOT }],
    });
  });

  it("runs no Python when names clear every image", async () => {
    const { python, requests } = fakePython({ stdout: fixture("inspect-volumes.jsonl") });
    const listing = await source(python).source.list(
      "block-storage.rbd-image",
      volumes([{ id: VOLUME }, { id: GONE }, { id: SNAPSHOT }]),
    );
    expect(listing.requests).toBe(2);
    expect(listing.via).toBeUndefined();
    expect(() => readFileSync(requests)).toThrow();
  });

  it("gives each clone its parent's clones, those in the trash counted apart", async () => {
    const disks = [`${SNAPSHOT}_disk`, `${VOLUME}_disk`];
    const { python } = fakePython({ stdout: fixture("inspect-vms-clones.jsonl") });
    const { rbd } = fakeRbd({ "ls vms": { stdout: JSON.stringify(disks) }, "trash ls --long vms": { stdout: "[]" } });
    const settings = cephSettingsSchema.parse({ rbd, python, pools: { vms: "vms" } });
    const servers = { cloud: "c", region: "r", inputs: new Map([["compute.server", []]]) };
    const listing = await new CephSource(settings).list("compute.rbd-image", servers);
    for (const disk of disks) {
      expect(image(listing.records, disk)).toMatchObject({
        parent: "images/i19-fixture-parent@snap",
        parent_clones: [`vms/${VOLUME}_disk`, `vms/${SNAPSHOT}_disk`, "vms/i19-fixture-child"],
        parent_clones_in_trash: 1,
        used_size: 0,
      });
    }
  });

  it("keeps no used bytes of an image a client has open (as rbd du is not run for one)", async () => {
    const disk = "44444444-4444-4444-8444-444444444444_disk";
    const { python } = fakePython({ stdout: fixture("inspect-vms-watched.jsonl") });
    const { rbd } = fakeRbd({ "ls vms": { stdout: JSON.stringify([disk]) }, "trash ls --long vms": { stdout: "[]" } });
    const settings = cephSettingsSchema.parse({ rbd, python, pools: { vms: "vms" } });
    const listing = await new CephSource(settings).list("compute.rbd-image", {
      cloud: "c",
      region: "r",
      inputs: new Map([["compute.server", []]]),
    });
    expect(image(listing.records, disk)).toMatchObject({ opened: true, watchers: 1, size: 67108864 });
    expect(image(listing.records, disk)).not.toHaveProperty("used_size");
  });

  describe("with inspect: auto, falls back to the rbd commands and says why", () => {
    it("when the Python lacks python3-rbd", async () => {
      const missing = "python3-rbd and python3-rados are not importable by /usr/bin/python3: No module named 'rados'";
      const { python } = fakePython({ stderr: `${missing}\n`, exit: 3 });
      const { source: ceph, log } = source(python);
      const listing = await ceph.list("block-storage.rbd-image", volumes([{ id: SNAPSHOT }]));
      expect(listing.via).toBe(`rbd (python3-rbd inspection of pool volumes: ${missing})`);
      expect(commandsRun(log)).toContain(`info volumes/volume-${VOLUME}`);
      expect(image(listing.records, `volume-${VOLUME}`)).toMatchObject({ opened: true, size: 1073741824 });
    });

    it("when there is no such Python", async () => {
      const listing = await source("/nonexistent/python3").source.list(
        "block-storage.rbd-image",
        volumes([{ id: SNAPSHOT }]),
      );
      expect(listing.via).toBe("rbd (python3-rbd inspection of pool volumes: /nonexistent/python3 is not installed)");
      expect(image(listing.records, `volume-${VOLUME}`)).toMatchObject({ opened: true });
    });
  });

  describe("fails the pool's listing with one line", () => {
    const failure = (answer: FakeAnswer, extra: Record<string, unknown> = {}): Promise<string> =>
      listingFailure(
        source(fakePython(answer).python, extra).source.list("block-storage.rbd-image", volumes([{ id: SNAPSHOT }])),
      );

    it("for python3-rbd missing when it is asked for", async () => {
      expect(
        await failure(
          { stderr: "python3-rbd and python3-rados are not importable\n", exit: 3 },
          { inspect: "python3-rbd" },
        ),
      ).toBe("python3-rbd inspection of pool volumes: python3-rbd and python3-rados are not importable");
    });

    it("for a cluster that refuses the client (no fallback: the commands would fail alike)", async () => {
      const refused =
        "couldn't connect to the cluster: [errno 2] RADOS object not found (error connecting to the cluster)";
      expect(await failure({ stderr: `${refused}\n`, exit: 1 })).toBe(
        `python3-rbd inspection of pool volumes: ${refused}`,
      );
    });

    it("for a Python that hangs", async () => {
      expect(await failure({ hang: true }, { timeoutSeconds: 0.3 })).toBe(
        "python3-rbd inspection of pool volumes: no answer within 0.3 s",
      );
    });

    it("for an answer cut short", async () => {
      const cut = fixture("inspect-volumes.jsonl").replace('{"done": true}', "");
      expect(await failure({ stdout: cut })).toBe(
        "python3-rbd inspection of pool volumes: the answer ended before it was complete",
      );
    });
  });
});
