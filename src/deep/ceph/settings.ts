// The `ceph` entry of a `deep:` target in stacksweep.yaml: how to run `rbd` against the cluster that holds this
// region's volumes, ephemeral disks, images and backups, and which pool holds which.
import * as z from "zod";

export const POOL_ROLES = ["volumes", "vms", "images", "backups"] as const;

export type PoolRole = (typeof POOL_ROLES)[number];

const path = z.string().min(1);

export const cephSettingsSchema = z.strictObject({
  /** The cluster's ceph.conf (`--conf`); rbd's own default (/etc/ceph/ceph.conf) when absent. */
  conf: path.optional(),
  /** The cephx client id (`--id`), without "client.": a read-only one (`osd 'profile rbd-read-only'`) is enough. */
  id: z.string().min(1).optional(),
  /** Its keyring (`--keyring`), when the conf's `[client] keyring` does not find it. */
  keyring: path.optional(),
  /** The `rbd` command (default: `rbd` on PATH). */
  rbd: path.default("rbd"),
  /**
   * How the images a name rule cannot clear are opened: "python3-rbd" = all of a pool's in one process with librbd
   * (rbd-inspect.py: one connection instead of one per command; 0.5 s of CPU for 100 images instead of 9 to 21); "rbd" =
   * `rbd info` and `rbd status` (and `du`, `snap ls`, `children`) each; "auto" = python3-rbd when `python` can import
   * it, else rbd (the coverage's `via` says which ran, and why).
   */
  inspect: z.enum(["auto", "python3-rbd", "rbd"]).default("auto"),
  /**
   * The Python 3 for "python3-rbd": the system's, for Debian's (and the other distributions') python3-rbd and
   * python3-rados install their modules for it, not for a Python a version manager puts first on PATH.
   */
  python: path.default("/usr/bin/python3"),
  /**
   * Seconds one `rbd` command may take before it is killed and its pool's listing fails; for python3-rbd, how long it
   * may go without an answer (it answers image by image) and each librados operation's deadline.
   */
  timeoutSeconds: z.number().positive().max(3600).default(30),
  /** How many `rbd` commands run at once (each waits on the cluster far more than it computes). */
  concurrency: z.number().int().min(1).max(64).default(16),
  /**
   * The pool of each role. A role left out is read from the service's config file below when given, else not
   * listed (its checks are then absent).
   */
  pools: z.strictObject(Object.fromEntries(POOL_ROLES.map((role) => [role, z.string().min(1).optional()]))).default({}),
  /** cinder.conf: `rbd_pool` of its RBDDriver backend(s) for `volumes`, and those backends' names. */
  cinderConf: path.optional(),
  /** nova.conf: `[libvirt] images_rbd_pool` for `vms`. */
  novaConf: path.optional(),
  /** glance-api.conf: `rbd_store_pool` for `images`. */
  glanceApiConf: path.optional(),
  /** cinder-backup's config: `backup_ceph_pool` for `backups` (often cinder.conf itself). */
  cinderBackupConf: path.optional(),
  /**
   * The Cinder backends (the `@backend` of a volume's `os-vol-host-attr:host`) whose volumes live in the `volumes`
   * pool; default: the backends of cinderConf whose driver is the RBDDriver. Without any, no volume is expected there.
   */
  volumeBackends: z.array(z.string().min(1)).optional(),
  /**
   * Glance stores (an image's `stores`) backed by the `images` pool; images whose `direct_url` names it count too.
   * Default: glanceApiConf's `enabled_backends` of type rbd on that pool.
   */
  imageStores: z.array(z.string().min(1)).default([]),
  /**
   * Which volume images' RBD snapshots are read: "known" = those of images opened anyway and of volumes Cinder lists
   * snapshots of (cheap); "all" = every image's, with one `rbd ls -l` of the pool (it opens every image: ~34 s for
   * 10,000).
   */
  snapshots: z.enum(["known", "all"]).default("known"),
  /**
   * Whether each opened image's used bytes are read (`rbd du`, one more command per candidate, only where fast-diff
   * makes it cheap); provisioned bytes come with `rbd info` either way.
   */
  usedBytes: z.boolean().default(true),
});

export type CephSettings = z.infer<typeof cephSettingsSchema>;
