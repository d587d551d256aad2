import { describe, expect, it } from "vitest";
import {
  cephFixture as fixture,
  commandsRun,
  fakeRbd,
  listingFailure,
  type FakeAnswer,
} from "../../../test/support/deep/rbd-stand-in.ts";
import type { DeepListContext, DeepRecord } from "../deep-source.ts";
import { CephSource } from "./open.ts";
import { RbdCli } from "./rbd-cli.ts";
import { cephSettingsSchema } from "./settings.ts";

// Answers recorded from the single-node cluster of test/e2e/ceph (Ceph 16.2.15, as client.stacksweep).
const VOLUME = "11111111-1111-4111-8111-111111111111";
const SNAPSHOT = "22222222-2222-4222-8222-222222222222";

function source(rbd: string, extra: Record<string, unknown> = {}): CephSource {
  const settings = cephSettingsSchema.parse({
    rbd,
    id: "stacksweep",
    inspect: "rbd",
    pools: { volumes: "volumes" },
    ...extra,
  });
  return new CephSource(settings, new RbdCli(settings));
}

function context(volumes: DeepRecord[], snapshots: DeepRecord[] = []): DeepListContext {
  return {
    cloud: "c",
    region: "r",
    inputs: new Map([
      ["block-storage.volume", volumes],
      ["block-storage.snapshot", snapshots],
    ]),
  };
}

const volumePool = {
  "ls volumes": { stdout: fixture("ls-volumes.json") },
  "trash ls --long volumes": { stdout: fixture("trash-ls-volumes.json") },
  [`info volumes/volume-${VOLUME}`]: { stdout: fixture("info-volume.json") },
  [`status volumes/volume-${VOLUME}`]: { stdout: fixture("status-volume.json") },
  [`du volumes/volume-${VOLUME}`]: { stdout: fixture("du-volume.json") },
  [`snap ls volumes/volume-${VOLUME}`]: { stdout: fixture("snap-ls-volume.json") },
} satisfies Record<string, FakeAnswer>;

describe("the ceph source", () => {
  it("clears by name an image whose volume Cinder lists, with two commands for the whole pool", async () => {
    const { rbd, log } = fakeRbd(volumePool);
    const listing = await source(rbd).list("block-storage.rbd-image", context([{ id: VOLUME }]));
    expect(listing.requests).toBe(2);
    expect(commandsRun(log).sort()).toEqual(["ls volumes", "trash ls --long volumes"]);
    const image = listing.records.find((record) => record.kind === "image");
    expect(image).toEqual({
      id: `volumes/volume-${VOLUME}`,
      kind: "image",
      pool: "volumes",
      name: `volume-${VOLUME}`,
      opened: false,
      owner: "volume",
      volume_id: VOLUME,
    });
  });

  it("opens an image no listed volume owns: size, age, watchers, usage and snapshots", async () => {
    const { rbd, log } = fakeRbd(volumePool);
    const listing = await source(rbd).list("block-storage.rbd-image", context([]));
    expect(commandsRun(log)).toHaveLength(6);
    const image = listing.records.find((record) => record.kind === "image");
    expect(image).toMatchObject({
      opened: true,
      size: 1073741824,
      used_size: 33554432,
      created_at: "2026-12-03T09:58:42.000Z",
      watchers: 0,
      snapshots: [{ name: `snapshot-${SNAPSHOT}`, protected: true, snapshot_id: SNAPSHOT }],
    });
  });

  it("leaves out rbd du when used bytes are not wanted", async () => {
    const { rbd, log } = fakeRbd(volumePool);
    const listing = await source(rbd, { usedBytes: false }).list("block-storage.rbd-image", context([]));
    expect(commandsRun(log).filter((line) => line.startsWith("du "))).toEqual([]);
    expect(listing.records.find((record) => record.kind === "image")).toMatchObject({ size: 1073741824 });
    expect(listing.records.find((record) => record.kind === "image")).not.toHaveProperty("used_size");
  });

  it("reads the snapshots of an owned volume Cinder lists snapshots of, and nothing else of it", async () => {
    const { rbd, log } = fakeRbd(volumePool);
    const listing = await source(rbd).list(
      "block-storage.rbd-image",
      context([{ id: VOLUME }], [{ id: SNAPSHOT, volume_id: VOLUME }]),
    );
    expect(commandsRun(log)).toContain(`snap ls volumes/volume-${VOLUME}`);
    expect(listing.requests).toBe(3);
    expect(listing.records.find((record) => record.kind === "image")).toMatchObject({ opened: false });
  });

  it("lists trash entries with the end of their deferment, and the pool with its role", async () => {
    const { rbd } = fakeRbd(volumePool);
    const listing = await source(rbd, { volumeBackends: ["ceph"] }).list("block-storage.rbd-image", context([]));
    expect(listing.records.filter((record) => record.kind === "trash")).toEqual([
      expect.objectContaining({ id: "volumes/trash/105b92e36292", deferment_end: "2106-02-07T06:28:15.000Z" }),
      expect.objectContaining({
        id: "volumes/trash/1070ba24bd61",
        name: "volume-77777777-7777-4777-8777-777777777777",
        deleted_at: "2026-12-03T09:58:50.000Z",
        deferment_end: "2026-12-03T09:58:50.000Z",
      }),
    ]);
    expect(listing.records.find((record) => record.kind === "pool")).toMatchObject({
      id: "volumes",
      role: "volumes",
      volume_backends: ["ceph"],
    });
  });

  it("reads the clones of an opened image's parent once per parent, those in the trash counted apart", async () => {
    const disks = [`${SNAPSHOT}_disk`, `${VOLUME}_disk`];
    const { rbd, log } = fakeRbd({
      "ls vms": { stdout: JSON.stringify(disks) },
      "trash ls --long vms": { stdout: "[]" },
      ...Object.fromEntries(
        disks.flatMap((disk) => [
          [`info vms/${disk}`, { stdout: fixture("info-clone.json") }],
          [`status vms/${disk}`, { stdout: fixture("status-volume.json") }],
        ]),
      ),
      "children --all images/i19-fixture-parent@snap": { stdout: fixture("children-all-image.json") },
    });
    const listing = await source(rbd, { pools: { vms: "vms" }, usedBytes: false }).list("compute.rbd-image", {
      cloud: "c",
      region: "r",
      inputs: new Map([["compute.server", []]]),
    });
    expect(commandsRun(log).filter((line) => line.startsWith("children"))).toHaveLength(1);
    for (const disk of disks) {
      expect(listing.records.find((record) => record.name === disk)).toMatchObject({
        parent: "images/i19-fixture-parent@snap",
        parent_clones: ["vms/i19-fixture-child"],
        parent_clones_in_trash: 1,
      });
    }
  });

  it("drops an image removed between its listing and its opening", async () => {
    const { rbd } = fakeRbd({ "ls volumes": volumePool["ls volumes"], "trash ls --long volumes": { stdout: "[]" } });
    const listing = await source(rbd).list("block-storage.rbd-image", context([]));
    expect(listing.records.map((record) => record.kind)).toEqual(["pool"]);
  });

  describe("fails the pool's listing with one line", () => {
    const failure = (answers: Record<string, FakeAnswer>, extra: Record<string, unknown> = {}): Promise<string> =>
      listingFailure(source(fakeRbd(answers).rbd, extra).list("block-storage.rbd-image", context([])));

    it("for a pool that does not exist", async () => {
      const stderr = fixture("ls-missing-pool.stderr");
      expect(
        await failure({ "ls volumes": { stderr, exit: 2 }, "trash ls --long volumes": { stderr, exit: 2 } }),
      ).toMatch(
        /^rbd (ls|trash ls --long) volumes: error opening pool 'nopool': \(2\) No such file or directory; listing images failed: \(2\) No such file or directory$/,
      );
    });

    it("for a wrong keyring", async () => {
      const stderr = fixture("ls-wrong-keyring.stderr");
      expect(
        await failure({ "ls volumes": { stderr, exit: 13 }, "trash ls --long volumes": { stderr, exit: 13 } }),
      ).toMatch(
        /^rbd (trash )?ls .*volumes: couldn't connect to the cluster!; listing images failed: \(13\) Permission denied; monclient\(hunting\): handle_auth_bad_method/,
      );
    });

    it("for rbd not installed", async () => {
      const settings = cephSettingsSchema.parse({ rbd: "/nonexistent/rbd", pools: { volumes: "volumes" } });
      await expect(new CephSource(settings).list("block-storage.rbd-image", context([]))).rejects.toThrow(
        "the rbd command (/nonexistent/rbd) is not installed or not on PATH: install ceph-common",
      );
    });

    it("for a command that hangs", async () => {
      expect(
        await failure(
          { "ls volumes": { hang: true }, "trash ls --long volumes": { stdout: "[]" } },
          { timeoutSeconds: 0.3 },
        ),
      ).toBe("rbd ls volumes: no answer within 0.3 s");
    });

    it("for a role without a pool", async () => {
      const { rbd } = fakeRbd({});
      await expect(source(rbd).list("compute.rbd-image", { ...context([]), inputs: new Map() })).rejects.toThrow(
        "no pool for the vms role: set ceph.pools.vms (or the service's config file) in stacksweep.yaml",
      );
    });
  });

  it("refuses any subcommand outside the read-only list", async () => {
    const cli = new RbdCli(cephSettingsSchema.parse({}));
    await expect(cli.run("rm" as "ls", ["volumes/x"])).rejects.toThrow("rbd rm is not a read-only subcommand");
  });
});
