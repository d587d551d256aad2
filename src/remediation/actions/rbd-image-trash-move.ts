// rbd-image.trash-move: an RBD image no service owns (rbd-image-orphaned), moved to its pool's trash with
// `rbd trash mv`, recoverable with `rbd trash restore` until someone purges the trash; an immediate `rbd rm` is never
// offered. Opt-in (remediation.rbdTrash.enabled). Before it, apply re-reads the image with `rbd info` and
// `rbd status` (still there, no watcher) and looks up the owner its name gives again (the check's `confirms`: that
// volume, server, image or backup must still answer 404).
import { roleOfType } from "../../deep/ceph/pool-types.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Action, ActionContext, CallSubject } from "../action.ts";
import { fillShown } from "../fill-template.ts";
import type { PlanStep } from "../plan-step.ts";
import type { RbdImages } from "../rbd-images.ts";

const COMMAND = "rbd trash mv {id}";

export const rbdImageTrashMove: Action = {
  id: "rbd-image.trash-move",
  // One RBD type per pool role: the target is the finding's own image, whichever pool it is in (targetType).
  resourceType: "block-storage.rbd-image",
  // Recoverable, yet it takes the image out of the pool: held to the grace period and the cap like a delete.
  destructive: true,
  command: COMMAND,
  targetId: (resourceId) => resourceId,
  targetType: (findingType: ResourceTypeId) => findingType,
  stateAfter: () => ({}),
  preparesNext: false,
  writesDatabase: false,
  writesRbd: true,
  // A command line, not a URL: the `<pool>/<name>` spec is shown as rbd gets it (one argv word, never a shell).
  describeCall: (step: CallSubject) => fillShown(COMMAND, step),
  async readLive(step, context) {
    const { role, pool, name } = imageOf(step);
    return rbdImages(context).live(role, pool, name);
  },
  precondition(live) {
    if (live === null) return null;
    const watchers = live["watchers"];
    if (watchers !== 0)
      return `a client has the image open (rbd status shows ${String(watchers)} watcher${watchers === 1 ? "" : "s"}): it is in use`;
    // Cinder removes `<name>.deleted` with the last clone of its snapshots (cinder/volume/drivers/rbd.py).
    if (live["owner"] === "deleted-volume" && live["snapshot_count"] !== 0)
      return "Cinder keeps this .deleted image until the last clone of its snapshots is gone";
    return null;
  },
  async execute(_session, step, context) {
    const { pool, name } = imageOf(step);
    await rbdImages(context).trashMove(pool, name);
    return { requestIds: [], detail: { trash: `${pool}/${name}` } };
  },
  async settle(_session, step, _options, context) {
    // `trash mv` returns once the image is in the trash: one read shows it left the pool.
    const { role, pool, name } = imageOf(step);
    const live = await rbdImages(context).live(role, pool, name);
    if (live === null) return { settled: true, state: "in the trash" };
    return { settled: false, state: "present", reason: `${pool}/${name} is still in the pool after rbd trash mv` };
  },
};

/** The pool role, pool and image name of the step's target, whose id is `<pool>/<name>` (src/deep/ceph). */
function imageOf(step: PlanStep): { role: NonNullable<ReturnType<typeof roleOfType>>; pool: string; name: string } {
  const role = roleOfType(step.target.type);
  const slash = step.target.id.indexOf("/");
  if (role === null || slash <= 0 || slash === step.target.id.length - 1)
    throw new Error(`${step.target.type} ${step.target.id} is not an RBD image of a pool the ceph source lists`);
  return { role, pool: step.target.id.slice(0, slash), name: step.target.id.slice(slash + 1) };
}

function rbdImages(context: ActionContext): RbdImages {
  if (context.rbdImages === undefined || context.rbdImages === null)
    throw new Error(
      "no RBD access for apply: set remediation.rbdTrash.enabled and the region's ceph settings (deep: in stacksweep.yaml)",
    );
  return context.rbdImages;
}
