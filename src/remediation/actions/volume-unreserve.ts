// volume.unreserve: `os-unreserve` returns a volume reserved for an attach that never came back to `available`.
import { defineAction, stateOf } from "../define-action.ts";

export const volumeUnreserve = defineAction({
  id: "volume.unreserve",
  resourceType: "block-storage.volume",
  destructive: false,
  call: 'POST /volumes/{id}/action {"os-unreserve":{}}',
  request: { method: "POST", path: "/volumes/{id}/action", body: () => ({ "os-unreserve": {} }) },
  progress: (live) => ({ done: live !== null && stateOf(live) === "available" }),
});
