// The ceph source: lists each pool by role with `rbd ls` (names only: 0.09 s for 10,000 images), clears by name every
// image a listed service record owns, and opens only the rest, so the cost grows with the debris, not with the pool:
// all of a pool's at once with python3-rbd (rbd-inspect.py), or with `rbd info`, `status`, `du`, `snap ls` each.
// Read-only: every command comes from `READ_ONLY_SUBCOMMANDS`, and rbd-inspect.py makes only read calls.
import type { DeepListContext, DeepListing, DeepRecord, DeepSource } from "../deep-source.ts";
import { cinderSnapshotIdOf, isOwned, ownerFields, ownerOf, ownersOf } from "./naming.ts";
import { roleOfType } from "./pool-types.ts";
import { RbdCli, RbdError } from "./rbd-cli.ts";
import { inspectPool, InspectorUnavailable, type InspectAnswer, type RbdParent } from "./rbd-inspect.ts";
import {
  childrenOutput,
  defermentEnd,
  duOutput,
  infoOutput,
  lsLongOutput,
  lsOutput,
  rbdTimeToIso,
  snapLsOutput,
  statusOutput,
  trashLsOutput,
} from "./rbd-output.ts";
import { resolvePools, type ResolvedPools } from "./service-conf.ts";
import type { CephSettings, PoolRole } from "./settings.ts";
import type * as z from "zod";

export function openCephSource(settings: CephSettings, _where: { cloud: string; region: string }): DeepSource {
  return new CephSource(settings);
}

interface Snapshot {
  name: string;
  protected: boolean;
  /** The Cinder snapshot this RBD snapshot is named after, when it is one of Cinder's. */
  snapshot_id?: string;
}

/**
 * How the candidates are opened, decided once per source: with "auto", the first pool that finds python3-rbd
 * unusable says why, and the rest go straight to `rbd`.
 */
class Inspection {
  /** Why python3-rbd is not used, once "auto" found it unusable. */
  pythonUnavailable: string | undefined;
  constructor(readonly setting: CephSettings["inspect"]) {}

  get python(): boolean {
    return this.setting === "python3-rbd" || (this.setting === "auto" && this.pythonUnavailable === undefined);
  }

  /** The coverage's `via`: which way ran, and for the fallback, why. */
  get rbdVia(): string {
    return this.pythonUnavailable === undefined ? "rbd" : `rbd (${this.pythonUnavailable})`;
  }
}

export class CephSource implements DeepSource {
  readonly id = "ceph" as const;
  readonly #settings: CephSettings;
  readonly #cli: RbdCli;
  readonly #inspection: Inspection;
  #pools: Promise<ResolvedPools> | undefined;

  constructor(settings: CephSettings, cli: RbdCli = new RbdCli(settings)) {
    this.#settings = settings;
    this.#cli = cli;
    this.#inspection = new Inspection(settings.inspect);
  }

  async list(type: string, context: DeepListContext): Promise<DeepListing> {
    const role = roleOfType(type);
    if (role === null) throw new Error(`the ceph source lists no ${type}`);
    this.#pools ??= resolvePools(this.#settings);
    const resolved = await this.#pools;
    const pool = resolved.pools[role];
    if (pool === undefined) {
      throw new Error(
        `no pool for the ${role} role: set ceph.pools.${role} (or the service's config file) in stacksweep.yaml`,
      );
    }
    const listing = new PoolListing(this.#cli, pool, role, context, this.#settings, this.#inspection);
    const records = await listing.run();
    records.push({
      id: pool,
      kind: "pool",
      pool,
      role,
      volume_backends: role === "volumes" ? resolved.volumeBackends : [],
      image_stores: role === "images" ? resolved.imageStores : [],
      snapshots_read: this.#settings.snapshots,
    });
    return { records, requests: listing.commands, ...(listing.via === undefined ? {} : { via: listing.via }) };
  }

  async close(): Promise<void> {
    // Nothing stays open: every command is its own process, finished before its listing returns.
  }
}

class PoolListing {
  commands = 0;
  /** How the candidates were opened; undefined when names cleared every image. */
  via: string | undefined;
  constructor(
    private readonly cli: RbdCli,
    private readonly pool: string,
    private readonly role: PoolRole,
    private readonly context: DeepListContext,
    private readonly settings: CephSettings,
    private readonly inspection: Inspection,
  ) {}

  async run(): Promise<DeepRecord[]> {
    const everySnapshot = this.role === "volumes" && this.settings.snapshots === "all";
    const [listed, trash] = await Promise.all([
      everySnapshot ? this.listLong() : this.listNames(),
      this.rbd("trash ls", ["--long", this.pool], trashLsOutput),
    ]);
    const owners = ownersOf({
      volumes: this.context.inputs.get("block-storage.volume"),
      servers: this.context.inputs.get("compute.server"),
      images: this.context.inputs.get("image.image"),
      backups: this.context.inputs.get("block-storage.backup"),
    });
    // Volumes Cinder lists snapshots of: their RBD snapshots are read even when the volume is owned.
    const snapshotted = new Set<string>();
    for (const snapshot of this.context.inputs.get("block-storage.snapshot") ?? []) {
      if (typeof snapshot.volume_id === "string") snapshotted.add(snapshot.volume_id);
    }

    const records: DeepRecord[] = [];
    const opening: DeepRecord[] = [];
    const snapshotsOnly: DeepRecord[] = [];
    for (const [name, snapshots] of listed) {
      const owner = ownerOf(this.role, name);
      const record: DeepRecord = { id: `${this.pool}/${name}`, kind: "image", pool: this.pool, name, opened: false };
      Object.assign(record, ownerFields(owner));
      if (snapshots !== null) record.snapshots = snapshots;
      records.push(record);
      if (owner !== null && !isOwned(owner, owners)) opening.push(record);
      else if (snapshots === null && owner?.kind === "volume" && snapshotted.has(owner.volumeId)) {
        snapshotsOnly.push(record);
      }
    }
    if (opening.length + snapshotsOnly.length > 0) await this.inspect(opening, snapshotsOnly);
    for (const entry of trash) {
      records.push({
        id: `${this.pool}/trash/${entry.id}`,
        kind: "trash",
        pool: this.pool,
        name: entry.name,
        trash_id: entry.id,
        trash_source: entry.source,
        deleted_at: rbdTimeToIso(entry.deleted_at),
        deferment_end: defermentEnd(entry.status),
      });
    }
    // An image removed between `ls` and its opening is gone, not debris.
    return records.filter((record) => record.gone !== true);
  }

  /** Names only; snapshots unknown (null). */
  async listNames(): Promise<Map<string, Snapshot[] | null>> {
    const names = await this.rbd("ls", [this.pool], lsOutput);
    return new Map(names.map((name) => [name, null]));
  }

  /** `ls -l`: every image opened by rbd itself, with its snapshots (the "all" setting: slow on large pools). */
  async listLong(): Promise<Map<string, Snapshot[] | null>> {
    const rows = await this.rbd("ls", ["-l", this.pool], lsLongOutput);
    const images = new Map<string, Snapshot[] | null>();
    for (const row of rows) {
      const snapshots = images.get(row.image) ?? [];
      if (row.snapshot !== undefined) snapshots.push(snapshotOf(row.snapshot, row.protected === "true"));
      images.set(row.image, snapshots);
    }
    return images;
  }

  /**
   * Opens the candidates (and reads the snapshots of `snapshotsOnly`) with python3-rbd when the inspection allows,
   * else with `rbd` commands; "auto" falls back when the Python cannot read RBD at all, never on a cluster's error.
   */
  async inspect(opening: DeepRecord[], snapshotsOnly: DeepRecord[]): Promise<void> {
    if (this.inspection.python) {
      try {
        await this.inspectWithPython(opening, snapshotsOnly);
        this.via = "python3-rbd";
        return;
      } catch (error) {
        if (!(error instanceof InspectorUnavailable && this.inspection.setting === "auto")) throw error;
        this.inspection.pythonUnavailable ??= error.message;
      }
    }
    await Promise.all([
      ...opening.map((record) => this.open(record)),
      ...snapshotsOnly.map((record) => this.readSnapshots(record)),
    ]);
    await this.readClones([...opening, ...snapshotsOnly]);
    this.via = this.inspection.rbdVia;
  }

  /** One rbd-inspect.py process for the pool: the same facts as the commands below, in one connection. */
  async inspectWithPython(opening: DeepRecord[], snapshotsOnly: DeepRecord[]): Promise<void> {
    this.commands += 1;
    const answers = await inspectPool(this.settings, {
      pool: this.pool,
      open: opening.map((record) => String(record.name)),
      snapshots: snapshotsOnly.map((record) => String(record.name)),
      used: this.settings.usedBytes,
    });
    const byName = new Map([...opening, ...snapshotsOnly].map((record) => [String(record.name), record]));
    const clonesOf = new Map<string, Extract<InspectAnswer, { clones: unknown }>>();
    for (const answer of answers) {
      if ("image" in answer) {
        const record = byName.get(answer.image);
        if (record === undefined) continue;
        if ("gone" in answer) {
          record.gone = true;
          continue;
        }
        Object.assign(record, {
          opened: true,
          size: answer.size,
          created_at: answer.created_at === null ? null : new Date(answer.created_at * 1000).toISOString(),
          features: answer.features,
          snapshot_count: answer.snapshots.length,
          watchers: answer.watchers,
          ...(answer.parent === null ? {} : { parent: parentSpec(answer.parent) }),
          // As with `rbd du`: only an image no client has open, and only where fast-diff made it cheap.
          ...(answer.used_size === null || answer.watchers > 0 ? {} : { used_size: answer.used_size }),
        });
        record.snapshots ??= answer.snapshots.map((snap) => snapshotOf(snap.name, snap.protected));
      } else if ("snapshots_of" in answer) {
        const record = byName.get(answer.snapshots_of);
        if (record === undefined) continue;
        if ("gone" in answer) record.gone = true;
        else record.snapshots = answer.snapshots.map((snap) => snapshotOf(snap.name, snap.protected));
      } else if ("clones" in answer) {
        clonesOf.set(parentSpec(answer.children_of), answer);
      }
    }
    for (const record of opening) {
      // A clone in use holds its parent for good reason: nothing to decide about that parent.
      if (typeof record.parent !== "string" || record.gone === true || record.watchers !== 0) continue;
      const children = clonesOf.get(record.parent);
      // A parent removed since its clone was opened has no clones left to read.
      if (children === undefined) continue;
      record.parent_clones = children.clones.filter((clone) => !clone.trash).map(cloneSpec);
      record.parent_clones_in_trash = children.clones.filter((clone) => clone.trash).length;
    }
  }

  /** What deciding about a candidate needs: its size and age, whether a client has it open, what it uses. */
  async open(record: DeepRecord): Promise<void> {
    const spec = `${this.pool}/${String(record.name)}`;
    try {
      const [info, status] = await Promise.all([
        this.rbd("info", [spec], infoOutput),
        this.rbd("status", [spec], statusOutput),
      ]);
      Object.assign(record, {
        opened: true,
        size: info.size,
        created_at: rbdTimeToIso(info.create_timestamp),
        features: info.features,
        snapshot_count: info.snapshot_count ?? null,
        watchers: status.watchers.length,
        ...(info.parent === undefined ? {} : { parent: parentSpec({ namespace: "", ...info.parent }) }),
      });
      // `du` reads the object map when fast-diff is on (cheap); without it, it would read every object. An image a
      // client has open is in use, never reported: what it holds is not read.
      const fastDiff = this.settings.usedBytes && info.features.includes("fast-diff") && status.watchers.length === 0;
      await Promise.all([
        fastDiff ? this.readUsage(record, spec) : undefined,
        record.snapshots === undefined && (info.snapshot_count ?? 1) > 0 ? this.readSnapshots(record) : undefined,
      ]);
      if (record.snapshots === undefined) record.snapshots = [];
    } catch (error) {
      if (error instanceof RbdError && error.errno === 2) record.gone = true;
      else throw error;
    }
  }

  /**
   * The clones of each parent snapshot an opened image was cloned from (a Glance image's `snap` under a Nova disk or
   * a Cinder volume): one `rbd children` per parent, so a check can tell a parent that only debris holds.
   */
  async readClones(records: DeepRecord[]): Promise<void> {
    const byParent = new Map<string, DeepRecord[]>();
    for (const record of records) {
      // A clone in use holds its parent for good reason: nothing to decide about that parent.
      if (typeof record.parent !== "string" || record.gone === true || record.watchers !== 0) continue;
      byParent.set(record.parent, [...(byParent.get(record.parent) ?? []), record]);
    }
    await Promise.all(
      [...byParent].map(async ([parent, children]) => {
        try {
          const clones = await this.rbd("children", ["--all", parent], childrenOutput);
          const spec = (clone: (typeof clones)[number]): string =>
            cloneSpec({ pool: clone.pool, namespace: clone.pool_namespace, image: clone.image });
          for (const child of children) {
            child.parent_clones = clones.filter((clone) => !clone.trash).map(spec);
            child.parent_clones_in_trash = clones.filter((clone) => clone.trash).length;
          }
        } catch (error) {
          // A parent removed since its clone was opened has no clones left to read.
          if (!(error instanceof RbdError && error.errno === 2)) throw error;
        }
      }),
    );
  }

  async readUsage(record: DeepRecord, spec: string): Promise<void> {
    const du = await this.rbd("du", [spec], duOutput);
    // The head's row holds what the image itself uses; snapshots' rows what each keeps.
    record.used_size = du.images.reduce((sum, row) => sum + row.used_size, 0);
  }

  async readSnapshots(record: DeepRecord): Promise<void> {
    try {
      const snaps = await this.rbd("snap ls", [`${this.pool}/${String(record.name)}`], snapLsOutput);
      record.snapshots = snaps.map((snap) => snapshotOf(snap.name, snap.protected === "true"));
    } catch (error) {
      if (error instanceof RbdError && error.errno === 2) record.gone = true;
      else throw error;
    }
  }

  async rbd<T extends z.ZodType>(
    subcommand: Parameters<RbdCli["run"]>[0],
    args: string[],
    schema: T,
  ): Promise<z.infer<T>> {
    this.commands += 1;
    const answer = await this.cli.run(subcommand, args);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new RbdError(
        `rbd ${subcommand} ${args.join(" ")}: an answer of unexpected shape (${parsed.error.issues[0]?.message ?? "?"})`,
        null,
      );
    }
    return parsed.data;
  }
}

/** "<pool>/<image>@<snapshot>", as `rbd info` names an image's parent and `rbd children` is asked for it. */
function parentSpec(parent: RbdParent): string {
  return `${parent.pool}/${parent.image}@${parent.snapshot}`;
}

/** "<pool>[/<namespace>]/<image>", as a clone is named in parent_clones. */
function cloneSpec(clone: { pool: string; namespace: string; image: string }): string {
  return `${clone.namespace === "" ? clone.pool : `${clone.pool}/${clone.namespace}`}/${clone.image}`;
}

function snapshotOf(name: string, isProtected: boolean): Snapshot {
  const snapshotId = cinderSnapshotIdOf(name);
  return { name, protected: isProtected, ...(snapshotId === null ? {} : { snapshot_id: snapshotId }) };
}
