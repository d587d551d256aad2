// The RBD images apply acts on, for the one fix no service can make: an image no service owns, moved to its pool's
// trash (recoverable with `rbd trash restore`). Opened only by apply, only with remediation.rbdTrash enabled; the
// ceph source (detection) never writes. Reads go through the source's read-only client; the one write through the
// allowlist below, never a shell, with the same deadline.

import { ownerFields, ownerOf } from "../deep/ceph/naming.ts";
import { RbdCli, RbdError, execRbd } from "../deep/ceph/rbd-cli.ts";
import { infoOutput, statusOutput } from "../deep/ceph/rbd-output.ts";
import type { CephSettings, PoolRole } from "../deep/ceph/settings.ts";
import type { LiveRecord } from "./action.ts";

/**
 * The only subcommands apply may run that change a pool: `trash mv` keeps the data (an immediate `rm` is never
 * offered). `rbd trash mv` needs a client with `osd 'profile rbd'` on the pool.
 */
export const RBD_WRITE_SUBCOMMANDS = ["trash mv"] as const;

/** `rbd` answers ENOENT ("(2) No such file or directory") for an image that is not in the pool. */
const ENOENT = 2;

export class RbdImages {
  readonly #settings: CephSettings;
  readonly #read: RbdCli;

  constructor(settings: CephSettings, read: RbdCli = new RbdCli(settings)) {
    this.#settings = settings;
    this.#read = read;
  }

  /**
   * The image as the ceph source lists an opened one (`rbd info` and `rbd status`, owner fields from its name), or
   * null when the pool no longer has it.
   */
  async live(role: PoolRole, pool: string, name: string): Promise<LiveRecord> {
    const spec = `${pool}/${name}`;
    try {
      const [info, status] = await Promise.all([
        this.#read.run("info", [spec]).then((answer) => infoOutput.parse(answer)),
        this.#read.run("status", [spec]).then((answer) => statusOutput.parse(answer)),
      ]);
      return {
        id: spec,
        kind: "image",
        pool,
        name,
        ...ownerFields(ownerOf(role, name)),
        size: info.size,
        snapshot_count: info.snapshot_count ?? null,
        watchers: status.watchers.length,
      };
    } catch (error) {
      if (error instanceof RbdError && error.errno === ENOENT) return null;
      throw error;
    }
  }

  /** `rbd trash mv <pool>/<name>`: the image leaves the pool's listing and stays in its trash. */
  async trashMove(pool: string, name: string): Promise<void> {
    await runRbdWrite(this.#settings, "trash mv", [`${pool}/${name}`]);
  }
}

/**
 * Runs one write subcommand of the allowlist, and refuses any other before a process is started: the type holds it
 * at compile time, this at run time (a plan file is data).
 */
export function runRbdWrite(settings: CephSettings, subcommand: string, args: readonly string[]): Promise<void> {
  if (!(RBD_WRITE_SUBCOMMANDS as readonly string[]).includes(subcommand))
    return Promise.reject(new Error(`rbd ${subcommand} is not a write subcommand apply may run`));
  return execRbd(settings, subcommand, args, { json: false }).then(() => undefined);
}
