// stack.delete: deletes a Heat stack, and with it every resource the stack created (nested stacks included), in
// Heat's own dependency order; done when Heat shows the stack DELETE_COMPLETE (it keeps showing a deleted stack by id).
import { defineAction } from "../define-action.ts";

export const stackDelete = defineAction({
  id: "stack.delete",
  resourceType: "orchestration.stack",
  destructive: true,
  command: "openstack stack delete --yes {stack_id}",
  request: { method: "DELETE", path: "/stacks/{stack_name}/{stack_id}" },
  progress: (live) => {
    const field = (name: string): string => (typeof live?.[name] === "string" ? live[name] : "");
    const status = live === null ? "DELETE_COMPLETE" : field("stack_status");
    if (status === "DELETE_COMPLETE") return { done: true };
    if (status === "DELETE_FAILED")
      return { done: false, failed: `Heat left it in DELETE_FAILED: ${field("stack_status_reason")}` };
    return { done: false };
  },
});
