// volume.roll-detaching: `os-roll_detaching` returns a volume stuck `detaching` to `in-use` (the detach is rolled
// back, not forced), so it can be detached again properly.
import { defineAction, stateOf } from "../define-action.ts";

export const volumeRollDetaching = defineAction({
  id: "volume.roll-detaching",
  resourceType: "block-storage.volume",
  destructive: false,
  request: { method: "POST", path: "/volumes/{id}/action", body: () => ({ "os-roll_detaching": {} }) },
  progress: (live) => ({ done: live !== null && stateOf(live) !== "detaching" }),
});
