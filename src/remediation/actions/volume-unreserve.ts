// volume.unreserve: `os-unreserve` returns a volume stuck `attaching` to `available` (or `in-use` when it has
// attachments). Cinder's unreserve_volume changes only an `attaching` volume, so any other status is skipped.
import { defineAction, stateOf } from "../define-action.ts";

export const volumeUnreserve = defineAction({
  id: "volume.unreserve",
  resourceType: "block-storage.volume",
  destructive: false,
  precondition: (live) =>
    live !== null && stateOf(live) === "attaching"
      ? null
      : `os-unreserve changes only an attaching volume (Cinder's unreserve_volume); this one is ${live === null ? "gone" : stateOf(live)}`,
  request: { method: "POST", path: "/volumes/{id}/action", body: () => ({ "os-unreserve": {} }) },
  progress: (live) => ({ done: live !== null && stateOf(live) !== "attaching" }),
});
