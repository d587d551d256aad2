// The opt-in RBD trash for images no service owns (rbd-image.trash-move): planned only when enabled, applied only
// after a live re-read (no watcher, the owner still 404) and through the write allowlist. Apply runs against
// fakecloud for the owner lookups and an `rbd` stand-in keeping a pool and a trash as directories, so the real
// execFile path, stderr parsing and audit entries are exercised.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { rbdStandInPrelude } from "../../test/support/deep/rbd-stand-in.ts";
import type { Scenario } from "@stacksweep/fakecloud";
import { STEP } from "../checks/support/remediation-steps.ts";
import { RbdCli } from "../deep/ceph/rbd-cli.ts";
import { cephSettingsSchema, type CephSettings } from "../deep/ceph/settings.ts";
import { findingId, type Finding } from "../findings/finding.ts";
import { describeStep } from "./plan/describe-step.ts";
import type { Plan } from "./plan.ts";
import { RbdImages, runRbdWrite } from "./rbd-images.ts";
import { remediationFixture, type RemediationFixture } from "../../test/support/remediation/remediation-fixture.ts";
import { testDirectory } from "../../test/support/test-directory.ts";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }],
  resources: { "block-storage.volume": [{ name: "back", project_id: "@project/acme", status: "available" }] },
};
const GONE_VOLUME = "0a7c3e52-5d4c-4b8e-9a51-2f0c6f1d9e10";
const WATCHED_VOLUME = "6b1f0d3e-8c2a-4e57-b9d4-13a5c7e2f864";
const FIXTURES = join(import.meta.dirname, "..", "..", "test", "support", "fixtures", "ceph");

let fx: RemediationFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

/**
 * An `rbd` executable over two directories: `pool/<pool>_<image>` holds the image's `rbd status` answer, `trash/`
 * what `trash mv` moved there. `info` answers the recorded fixture; an image not in the pool answers as rbd does
 * (ENOENT). Every command line is logged.
 */
function rbdStandIn(images: Record<string, "idle" | "watched">): { settings: CephSettings; dir: string; log: string } {
  const dir = testDirectory("rbd-trash");
  mkdirSync(join(dir, "pool"));
  mkdirSync(join(dir, "trash"));
  for (const [spec, state] of Object.entries(images)) {
    const status = state === "idle" ? "status-volume.json" : "status-watched.json";
    writeFileSync(join(dir, "pool", spec.replace("/", "_")), readFileSync(join(FIXTURES, status)));
  }
  const log = join(dir, "commands.log");
  const script = [
    ...rbdStandInPrelude(log),
    'spec=${line##* }; file=$(echo "$spec" | tr / _)',
    `if [ ! -e '${dir}/pool/'"$file" ]; then echo "rbd: error opening image $spec: (2) No such file or directory" >&2; exit 2; fi`,
    'case "$line" in',
    `  "info "*) cat '${join(FIXTURES, "info-volume.json")}' ;;`,
    `  "status "*) cat '${dir}/pool/'"$file" ;;`,
    `  "trash mv "*) mv '${dir}/pool/'"$file" '${dir}/trash/'"$file" ;;`,
    '  *) echo "rbd: unexpected command: $line" >&2; exit 22 ;;',
    "esac",
  ].join("\n");
  const rbd = join(dir, "rbd");
  writeFileSync(rbd, script);
  chmodSync(rbd, 0o755);
  return { settings: cephSettingsSchema.parse({ rbd, id: "stacksweep-admin", timeoutSeconds: 10 }), dir, log };
}

function commandsRun(log: string): string[] {
  return existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : [];
}

/** A finding of rbd-image-orphaned on `volumes/volume-<id>`, as the check reports it. */
function orphanFinding(region: string, volumeId: string): Finding {
  const type = "block-storage.rbd-image";
  const id = `volumes/volume-${volumeId}`;
  return {
    id: findingId("rbd-image-orphaned", "fake", region, type, id),
    check: "rbd-image-orphaned",
    severity: "warning",
    summary: `RBD image ${id} of volume ${volumeId}, which no service lists, 2h old`,
    resource: { type, id, name: `volume-${volumeId}`, projectId: null, projectExists: null, cloud: "fake", region },
    evidence: { pool: "volumes", name: `volume-${volumeId}`, owner: "volume", volume_id: volumeId, watchers: 0 },
    ageSeconds: 7200,
    remediation: [describeStep(STEP.rbdImageTrashMove(), { type, id })],
  };
}

async function start(): Promise<RemediationFixture> {
  fx = await remediationFixture(SCENARIO);
  return fx;
}

async function plan(fx: RemediationFixture, volumeIds: string[], rbdTrashEnabled: boolean): Promise<Plan> {
  const region = fx.session.region;
  return fx.plan(
    volumeIds.map((id) => orphanFinding(region, id)),
    { rbdTrashEnabled },
  );
}

describe("rbd-image.trash-move", () => {
  it("is excluded from the plan, with the setting to name, unless remediation.rbdTrash is enabled", async () => {
    const fx = await start();
    const off = await plan(fx, [GONE_VOLUME], false);
    expect(off.steps).toHaveLength(1);
    expect(off.steps[0]).toMatchObject({
      action: "rbd-image.trash-move",
      status: "excluded",
      reason: "moving an RBD image to the trash needs remediation.rbdTrash.enabled: true in stacksweep.yaml",
    });
    const on = await plan(fx, [GONE_VOLUME], true);
    expect(on.steps[0]).toMatchObject({
      status: "planned",
      destructive: true,
      call: `rbd trash mv volumes/volume-${GONE_VOLUME}`,
      target: { type: "block-storage.rbd-image", id: `volumes/volume-${GONE_VOLUME}` },
    });
    // The owner the name gives is looked up again at apply, from the check's `confirms`.
    expect(on.steps[0]?.precondition.missing).toEqual([{ type: "block-storage.volume", id: GONE_VOLUME }]);
  });

  it("moves an idle orphan to the trash and leaves a watched one in the pool", async () => {
    const fx = await start();
    const rbd = rbdStandIn({
      [`volumes/volume-${GONE_VOLUME}`]: "idle",
      [`volumes/volume-${WATCHED_VOLUME}`]: "watched",
    });
    const p = await plan(fx, [GONE_VOLUME, WATCHED_VOLUME], true);
    const report = await fx.apply(p, { context: { octaviaDatabase: null, rbdImages: new RbdImages(rbd.settings) } });
    const byId = new Map(report.outcomes.map((o) => [o.target.id, o]));
    expect(byId.get(`volumes/volume-${GONE_VOLUME}`)).toMatchObject({ outcome: "done", reason: null });
    expect(byId.get(`volumes/volume-${WATCHED_VOLUME}`)).toMatchObject({
      outcome: "skipped",
      reason: "a client has the image open (rbd status shows 1 watcher): it is in use",
    });
    expect(existsSync(join(rbd.dir, "trash", `volumes_volume-${GONE_VOLUME}`))).toBe(true);
    expect(existsSync(join(rbd.dir, "pool", `volumes_volume-${WATCHED_VOLUME}`))).toBe(true);
    expect(commandsRun(rbd.log).filter((line) => line.startsWith("trash"))).toEqual([
      `trash mv volumes/volume-${GONE_VOLUME}`,
    ]);
    const audit = readFileSync(fx.auditFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry["resourceId"] === `volumes/volume-${GONE_VOLUME}`);
    expect(audit.map((entry) => entry["phase"])).toEqual(["before", "after"]);
    expect(audit[0]?.["detail"]).toEqual({ call: `rbd trash mv volumes/volume-${GONE_VOLUME}` });
    expect(audit[1]).toMatchObject({ outcome: "done" });
  });

  it("leaves the image alone when its volume answers again", async () => {
    const fx = await start();
    // Planned while Cinder did not list it (a row soft-deleted by hand), restored since.
    const back = await fx.idOf("block-storage.volume", "back");
    const rbd = rbdStandIn({ [`volumes/volume-${back}`]: "idle" });
    const p = await plan(fx, [back], true);
    const report = await fx.apply(p, { context: { octaviaDatabase: null, rbdImages: new RbdImages(rbd.settings) } });
    expect(report.outcomes[0]).toMatchObject({
      outcome: "skipped",
      reason: `block-storage.volume ${back} exists again: the finding no longer holds`,
    });
    expect(commandsRun(rbd.log).some((line) => line.startsWith("trash"))).toBe(false);
    expect(existsSync(join(rbd.dir, "pool", `volumes_volume-${back}`))).toBe(true);
  });

  it("holds the cap, and skips a step without RBD access rather than guessing", async () => {
    const fx = await start();
    const p = await plan(fx, [GONE_VOLUME], true);
    const capped = await fx.apply(p, { maxDestructive: 0 });
    expect(capped.refused).toMatch(/above the cap of 0/);
    const without = await fx.apply(p);
    expect(without.outcomes[0]).toMatchObject({ outcome: "skipped" });
    expect(without.outcomes[0]?.reason).toMatch(/no RBD access for apply: set remediation.rbdTrash.enabled/);
  });

  it("runs only the write subcommands of its allowlist, and the source none", async () => {
    const rbd = rbdStandIn({ "volumes/volume-x": "idle" });
    await expect(runRbdWrite(rbd.settings, "rm", ["volumes/volume-x"])).rejects.toThrow(
      "rbd rm is not a write subcommand apply may run",
    );
    await expect(runRbdWrite(rbd.settings, "trash purge", ["volumes"])).rejects.toThrow(/not a write subcommand/);
    await expect(new RbdCli(rbd.settings).run("trash mv" as never, ["volumes/volume-x"])).rejects.toThrow(
      "rbd trash mv is not a read-only subcommand the ceph source may run",
    );
    expect(commandsRun(rbd.log)).toEqual([]);
    expect(existsSync(join(rbd.dir, "pool", "volumes_volume-x"))).toBe(true);
  });
});
