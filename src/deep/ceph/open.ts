// The ceph source: lists each pool by role with `rbd ls` (names only: 0.09 s for 10,000 images), clears by name every
// image a listed service record owns, and opens (`info`, `status`, `du`, `snap ls`) only the rest, so the cost grows
// with the debris, not with the pool. Read-only: every command comes from `READ_ONLY_SUBCOMMANDS`.
import type { DeepListContext, DeepListing, DeepRecord, DeepSource } from "../deep-source.ts";
import { cinderSnapshotIdOf, isOwned, ownerFields, ownerOf, ownersOf } from "./naming.ts";
import { roleOfType } from "./pool-types.ts";
import { RbdCli, RbdError } from "./rbd-cli.ts";
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
import type { z } from "zod";

export function openCephSource(settings: CephSettings, _where: { cloud: string; region: string }): DeepSource {
  return new CephSource(settings);
}

interface Snapshot {
  name: string;
  protected: boolean;
  /** The Cinder snapshot this RBD snapshot is named after, when it is one of Cinder's. */
  snapshot_id?: string;
}

export class CephSource implements DeepSource {
  readonly id = "ceph" as const;
  readonly #settings: CephSettings;
  readonly #cli: RbdCli;
  #pools: Promise<ResolvedPools> | undefined;

  constructor(settings: CephSettings, cli: RbdCli = new RbdCli(settings)) {
    this.#settings = settings;
    this.#cli = cli;
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
    const listing = new PoolListing(this.#cli, pool, role, context, this.#settings);
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
    return { records, requests: listing.commands };
  }

  async close(): Promise<void> {
    // Nothing stays open: every command is its own process, finished before its listing returns.
  }
}

class PoolListing {
  commands = 0;
  constructor(
    private readonly cli: RbdCli,
    private readonly pool: string,
    private readonly role: PoolRole,
    private readonly context: DeepListContext,
    private readonly settings: CephSettings,
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
    const opening: Promise<void>[] = [];
    for (const [name, snapshots] of listed) {
      const owner = ownerOf(this.role, name);
      const record: DeepRecord = { id: `${this.pool}/${name}`, kind: "image", pool: this.pool, name, opened: false };
      Object.assign(record, ownerFields(owner));
      if (snapshots !== null) record.snapshots = snapshots;
      records.push(record);
      if (owner !== null && !isOwned(owner, owners)) opening.push(this.open(record));
      else if (snapshots === null && owner?.kind === "volume" && snapshotted.has(owner.volumeId)) {
        opening.push(this.readSnapshots(record));
      }
    }
    await Promise.all(opening);
    await this.readClones(records);
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
        ...(info.parent === undefined
          ? {}
          : { parent: `${info.parent.pool}/${info.parent.image}@${info.parent.snapshot}` }),
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
            `${clone.pool_namespace === "" ? clone.pool : `${clone.pool}/${clone.pool_namespace}`}/${clone.image}`;
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

function snapshotOf(name: string, isProtected: boolean): Snapshot {
  const snapshotId = cinderSnapshotIdOf(name);
  return { name, protected: isProtected, ...(snapshotId === null ? {} : { snapshot_id: snapshotId }) };
}
