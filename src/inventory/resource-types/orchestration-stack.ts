// Heat stacks of every project. `global_tenant=1` makes heat-api list with an admin context (every tenant's stacks,
// each with its `project`); without `show_nested` Heat leaves out nested stacks (a stack's OS::Heat::Stack,
// ResourceGroup or template resources), which are created, failed and deleted with their root; without `show_hidden`
// it leaves out stacks tagged with one of `hidden_stack_tags` (Sahara's `data-processing-cluster`), which a deleted
// project leaves behind like any other.
import type { ResourceType } from "../resource-type.ts";

export const orchestrationStack: ResourceType = {
  id: "orchestration.stack",
  service: "orchestration",
  list: {
    kind: "paged",
    path: "/stacks",
    resourcesKey: "stacks",
    query: { global_tenant: true, show_hidden: true },
    pageSize: "max",
    sendFields: false,
    ownerQuery: "tenant",
  },
  fields: [
    "id",
    "stack_name",
    "project",
    // ACTION_STATUS joined (CREATE_FAILED, DELETE_IN_PROGRESS): the listing hides the split.
    "stack_status",
    "stack_status_reason",
    "stack_owner",
    "stack_user_project_id",
    "parent",
    "tags",
    "creation_time",
    "updated_time",
  ],
  // Heat shows and deletes a stack by name and id (/stacks/{stack_name}/{stack_id}).
  idFields: ["stack_name", "id"],
  ownerField: "project",
  nameField: "stack_name",
  // Read through readLive's custom show (the id has two segments).
  show: { path: "/stacks/{id}" },
  references: [],
  horizonPath: "/project/stacks/stack/{id}/",
};
