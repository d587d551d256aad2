// The pools by role (and Cinder's RBD backends) as the services' own config files set them, for the roles the
// operator did not name in stacksweep.yaml. Read the way oslo.config reads an INI file: sections, `key = value`,
// `#` and `;` comments; the option defaults are the services' own.
import { readFile } from "node:fs/promises";
import type { CephSettings, PoolRole } from "./settings.ts";

type Ini = Map<string, Map<string, string>>;

export interface ResolvedPools {
  pools: Partial<Record<PoolRole, string>>;
  /** The Cinder backends whose volumes live in the volumes pool. */
  volumeBackends: string[];
  /** The Glance stores whose images live in the images pool. */
  imageStores: string[];
}

/** cinder/volume/drivers/rbd.py's driver, as `volume_driver` names it. */
const RBD_DRIVER = "cinder.volume.drivers.rbd.RBDDriver";
/** cinder/backup/drivers/ceph.py's driver, as `backup_driver` names it. */
const CEPH_BACKUP_DRIVER = "cinder.backup.drivers.ceph.CephBackupDriver";

export async function resolvePools(settings: CephSettings): Promise<ResolvedPools> {
  const pools: Partial<Record<PoolRole, string>> = {};
  for (const [role, pool] of Object.entries(settings.pools)) if (pool !== undefined) pools[role as PoolRole] = pool;
  let volumeBackends = settings.volumeBackends;

  if (settings.cinderConf !== undefined) {
    const cinder = await readIni(settings.cinderConf);
    // rbd_pool's default is "rbd" (cinder/volume/drivers/rbd.py RBD_OPTS).
    const backends = [...cinder]
      .filter(([, options]) => options.get("volume_driver") === RBD_DRIVER)
      .map(([section, options]) => ({ section, pool: options.get("rbd_pool") ?? "rbd" }));
    const first = backends[0];
    if (pools.volumes === undefined && first !== undefined) pools.volumes = first.pool;
    volumeBackends ??= backends.filter((backend) => backend.pool === pools.volumes).map((backend) => backend.section);
  }
  const backupConf = settings.cinderBackupConf ?? settings.cinderConf;
  if (pools.backups === undefined && backupConf !== undefined) {
    const defaults = (await readIni(backupConf)).get("DEFAULT");
    // backup_ceph_pool's default is "backups" (cinder/backup/drivers/ceph.py service_opts).
    if (defaults?.get("backup_driver") === CEPH_BACKUP_DRIVER)
      pools.backups = defaults.get("backup_ceph_pool") ?? "backups";
  }
  if (pools.vms === undefined && settings.novaConf !== undefined) {
    const libvirt = (await readIni(settings.novaConf)).get("libvirt");
    // images_rbd_pool's default is "rbd" (nova/conf/libvirt.py), used only with images_type = rbd.
    if (libvirt?.get("images_type") === "rbd") pools.vms = libvirt.get("images_rbd_pool") ?? "rbd";
  }
  let imageStores = settings.imageStores;
  if (settings.glanceApiConf !== undefined) {
    const glance = await readIni(settings.glanceApiConf);
    // rbd_store_pool's default is "images" (glance_store/_drivers/rbd.py); a multi-store section has its own.
    for (const options of glance.values()) {
      const pool = options.get("rbd_store_pool");
      if (pool !== undefined && pools.images === undefined) pools.images = pool;
    }
    // Multi-store: `enabled_backends = file:file,ceph:rbd` names each store and its type; an rbd store's section holds
    // its pool (glance/common/config.py, glance_store/multi_backend.py).
    if (imageStores.length === 0) {
      const enabled = glance.get("DEFAULT")?.get("enabled_backends") ?? "";
      imageStores = enabled
        .split(",")
        .map((entry) => entry.trim().split(":"))
        .filter(([store, type]) => store !== undefined && type?.trim() === "rbd")
        .map(([store]) => store!.trim())
        .filter((store) => (glance.get(store)?.get("rbd_store_pool") ?? "images") === pools.images);
    }
  }
  return { pools, volumeBackends: volumeBackends ?? [], imageStores };
}

async function readIni(file: string): Promise<Ini> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`${file}: cannot be read (${code}); it was given as a service config of the ceph source`, {
      cause: error,
    });
  }
  return parseIni(text);
}

export function parseIni(text: string): Ini {
  const ini: Ini = new Map();
  let section = new Map<string, string>();
  ini.set("DEFAULT", section);
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      const name = header[1]!.trim();
      section = ini.get(name) ?? new Map<string, string>();
      ini.set(name, section);
      continue;
    }
    const equals = line.indexOf("=");
    if (equals > 0) section.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
  }
  return ini;
}
