// How OpenStack's services name what they keep in RBD: the one place that reads an RBD image or snapshot name as
// "whose is it". Each rule names the service source file it comes from (Zed: cinder 21, nova 26, glance_store 4).
// A name that matches no rule of its pool's role is not OpenStack's (an operator's, another tool's): never judged.
import type { PoolRole } from "./settings.ts";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Who an RBD image belongs to, read from its name. */
export type RbdOwner =
  /** cinder/objects/volume.py `name`: `volume_name_template % name_id` ("volume-%s"; name_id = id unless migrated). */
  | { kind: "volume"; volumeId: string }
  /**
   * cinder/volume/drivers/rbd.py `delete_volume`: a volume whose snapshots still have clones is renamed
   * `<name>.deleted` and removed with its last clone (`_delete_clone_parent_refs`).
   */
  | { kind: "deleted-volume"; volumeId: string }
  /** nova/virt/libvirt/imagebackend.py `Rbd.__init__`: `'%s_%s' % (instance.uuid, disk_name)`: disk, disk.local, disk.swap, disk.config, ... */
  | { kind: "server"; serverId: string; disk: string }
  /** glance_store/_drivers/rbd.py `add`: the image id, with a protected snapshot `snap` (DEFAULT_SNAPNAME). */
  | { kind: "image"; imageId: string }
  /**
   * cinder/backup/drivers/ceph.py `_get_backup_base_name`: a full backup is `volume-<volume id>.backup.<backup id>`;
   * an incremental chain lives as snapshots `backup.<id>.snap.<time>` on the base of its first backup (that same name),
   * or, for chains older than Ocata, on `volume-<volume id>.backup.base`.
   */
  | { kind: "backup"; volumeId: string; backupId: string }
  | { kind: "backup-base"; volumeId: string };

const RULES: Readonly<Record<PoolRole, readonly ((name: string) => RbdOwner | null)[]>> = {
  volumes: [
    (name) => match(name, `volume-(${UUID})`, ([volumeId]) => ({ kind: "volume", volumeId })),
    (name) => match(name, `volume-(${UUID})\\.deleted`, ([volumeId]) => ({ kind: "deleted-volume", volumeId })),
  ],
  vms: [
    (name) => match(name, `(${UUID})_(disk(?:\\..+)?)`, ([serverId, disk]) => ({ kind: "server", serverId, disk })),
  ],
  images: [(name) => match(name, `(${UUID})`, ([imageId]) => ({ kind: "image", imageId }))],
  backups: [
    (name) => match(name, `volume-(${UUID})\\.backup\\.base`, ([volumeId]) => ({ kind: "backup-base", volumeId })),
    (name) =>
      match(name, `volume-(${UUID})\\.backup\\.(${UUID})`, ([volumeId, backupId]) => ({
        kind: "backup",
        volumeId,
        backupId,
      })),
  ],
};

/** The owner an image's name gives it in a pool of that role, or null when the name is none of the service's. */
export function ownerOf(role: PoolRole, name: string): RbdOwner | null {
  for (const rule of RULES[role]) {
    const owner = rule(name);
    if (owner !== null) return owner;
  }
  return null;
}

/** The RBD image name Cinder gives a volume: its `name_id` after a migration, else its id. */
export function volumeImageName(volumeId: string, nameId: string | null): string {
  return `volume-${nameId ?? volumeId}`;
}

/** The full backup image of cinder/backup/drivers/ceph.py (also the base of an incremental chain). */
export function backupImageName(volumeId: string, backupId: string): string {
  return `volume-${volumeId}.backup.${backupId}`;
}

/** The prefix every backup image of one volume starts with, bases included. */
export function backupImagePrefix(volumeId: string): string {
  return `volume-${volumeId}.backup.`;
}

/** cinder/objects/snapshot.py `name`: `snapshot_name_template % id` ("snapshot-%s"); other snapshot names are not Cinder snapshots. */
export function cinderSnapshotIdOf(snapName: string): string | null {
  const found = new RegExp(`^snapshot-(${UUID})$`).exec(snapName);
  return found?.[1] ?? null;
}

/** The ids the services list, which own the RBD images named after them. */
export interface Owners {
  volumes: ReadonlySet<string>;
  servers: ReadonlySet<string>;
  images: ReadonlySet<string>;
  backups: ReadonlySet<string>;
  /** Volumes that have at least one backup listed: they own their `.backup.base`. */
  backedUpVolumes: ReadonlySet<string>;
}

/** Whether a listed service record owns the image (a `.deleted` volume never has one: Cinder deleted its row). */
export function isOwned(owner: RbdOwner, owners: Owners): boolean {
  switch (owner.kind) {
    case "volume":
      return owners.volumes.has(owner.volumeId);
    case "deleted-volume":
      return false;
    case "server":
      return owners.servers.has(owner.serverId);
    case "image":
      return owners.images.has(owner.imageId);
    case "backup":
      // A chain's base is its first backup, which Cinder will not delete while an incremental depends on it.
      return owners.backups.has(owner.backupId);
    case "backup-base":
      return owners.backedUpVolumes.has(owner.volumeId);
  }
}

/** The owner as record fields, in the services' own words: what the source lists and apply re-reads live alike. */
export function ownerFields(owner: RbdOwner | null): Record<string, string | null> {
  if (owner === null) return { owner: null };
  switch (owner.kind) {
    case "volume":
    case "deleted-volume":
    case "backup-base":
      return { owner: owner.kind, volume_id: owner.volumeId };
    case "server":
      return { owner: owner.kind, server_id: owner.serverId, disk: owner.disk };
    case "image":
      return { owner: owner.kind, image_id: owner.imageId };
    case "backup":
      return { owner: owner.kind, volume_id: owner.volumeId, backup_id: owner.backupId };
  }
}

function match(name: string, pattern: string, build: (groups: [string, string]) => RbdOwner): RbdOwner | null {
  const found = new RegExp(`^${pattern}$`).exec(name);
  // Every group of these patterns takes part in a match: none is undefined.
  return found === null ? null : build([found[1] ?? "", found[2] ?? ""]);
}

/** Builds the owner sets from the services' records (API field names). */
export function ownersOf(records: {
  volumes?: readonly Record<string, unknown>[] | undefined;
  servers?: readonly Record<string, unknown>[] | undefined;
  images?: readonly Record<string, unknown>[] | undefined;
  backups?: readonly Record<string, unknown>[] | undefined;
}): Owners {
  const volumes = new Set<string>();
  for (const volume of records.volumes ?? []) {
    // After a migration the data keeps the other volume's name: `name_id` (an admin-only field).
    for (const field of ["id", VOLUME_NAME_ID]) {
      const value = volume[field];
      if (typeof value === "string" && value !== "") volumes.add(value);
    }
  }
  const backedUpVolumes = new Set<string>();
  for (const backup of records.backups ?? []) {
    if (typeof backup.volume_id === "string") backedUpVolumes.add(backup.volume_id);
  }
  return {
    volumes,
    servers: idSet(records.servers),
    images: idSet(records.images),
    backups: idSet(records.backups),
    backedUpVolumes,
  };
}

/** The admin-only field of a volume naming its RBD image after a migration. */
export const VOLUME_NAME_ID = "os-vol-mig-status-attr:name_id";

function idSet(records: readonly Record<string, unknown>[] | undefined): Set<string> {
  const ids = new Set<string>();
  for (const record of records ?? []) if (typeof record.id === "string") ids.add(record.id);
  return ids;
}
