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
