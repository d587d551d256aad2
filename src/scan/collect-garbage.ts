// A full garbage collection where a scan has just dropped most of what it held: a large region's records, once its
// findings are built, and what listing them left beside them, before its checks. V8 grows its heap rather than
// collect while the heap is below a limit it set from its last collection, so a dropped region stayed in memory until
// the heap had grown again: ten regions of 100,000 resources peaked at 2.6× one region's memory, and a million
// resources' report was rendered beside the records it came from.
// Node offers a collection only through `--expose-gc`; the flag is set for this process on first use and the
// function taken from a fresh context (the way jest's leak detector does it), so that no command line needs it.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/**
 * From here on V8 grows the heap by half of what a collection leaves, not by a factor it picks from its own speed (up
 * to 4×), and collects now so that the next limit is set that way. A large listing's records only grow, and the room
 * V8 left above them filled with answers already read before its next collection: a million resources in one region
 * peaked at 580–613 MB, and at 541–557 MB so. Below a few hundred thousand records the more frequent collections cost
 * more CPU than the few megabytes they save, so a scan asks for this only once a region's listing is that large.
 */
export function growHeapSlowly(): void {
  setFlagsFromString("--heap-growing-percent=50");
  collectGarbage();
}
