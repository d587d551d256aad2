// Seeder of Heat's stacks: every field an admin's `GET /stacks` shows (heat/api/openstack/v1/views/stacks_view.py
// basic_keys, plus `project`), with `parent` for a nested stack and `tags` for a hidden one, and what the show adds
// (parameters, outputs, template_description, timeout_mins, disable_rollback), which the listing leaves out.

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { Seeder } from "../../service-module.ts";
import { NO_DESCRIPTION } from "./stack-template.ts";

const ACTIONS = [
  "CREATE",
  "UPDATE",
  "DELETE",
  "ROLLBACK",
  "SUSPEND",
  "RESUME",
  "ADOPT",
  "SNAPSHOT",
  "CHECK",
  "RESTORE",
];
const STATUSES = ["IN_PROGRESS", "COMPLETE", "FAILED"];

export const stackSeeder: Seeder = {
  timeFormat: "iso-z",
  build(partial, ctx) {
    const status = partial["stack_status"] ?? "CREATE_COMPLETE";
    const [action = "", state = ""] =
      typeof status === "string" ? [status.slice(0, status.indexOf("_")), status.slice(status.indexOf("_") + 1)] : [];
    if (!ACTIONS.includes(action) || !STATUSES.includes(state)) {
      throw new InvalidFieldError(
        "stack_status",
        `expected ACTION_STATUS such as CREATE_COMPLETE, got ${JSON.stringify(status)}`,
      );
    }
    const tags = partial["tags"] ?? null;
    if (tags !== null && (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string"))) {
      throw new InvalidFieldError("tags", "expected a list of strings or null");
    }
    const created =
      typeof partial["creation_time"] === "string" ? partial["creation_time"] : formatTime(ctx.now, "iso-z");
    return {
      stack_name: `stack-${partial.id.slice(0, 8)}`,
      description: "",
      project: ctx.adminProjectId,
      stack_status: status,
      stack_status_reason: `Stack ${action} ${state === "IN_PROGRESS" ? "started" : state === "COMPLETE" ? "completed successfully" : "failed"}`,
      creation_time: created,
      updated_time: null,
      deletion_time: null,
      stack_owner: "admin",
      parent: null,
      stack_user_project_id: null,
      // Heat's defaults for what only the show says (heat/engine/stack.py Stack.__init__, hot/template.py).
      parameters: {},
      outputs: [],
      template_description: NO_DESCRIPTION,
      timeout_mins: null,
      disable_rollback: true,
      ...partial,
      tags,
    };
  },
};
