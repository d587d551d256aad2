// Heat stacks of every project. An admin's plain listing is every project's: heat-api's context is admin for the
// admin role (context_is_admin), and Heat's query then drops its tenant filter and adds each stack's `project`.
// `global_tenant=true` would ask the same through stacks:global_index, which Zed's default policy grants only to
// system-scoped readers: a project admin's token gets 403 (proven on the devcloud). Without `show_nested` Heat leaves
// out nested stacks (OS::Heat::Stack, ResourceGroup members, template resources), which are created, failed and
// deleted with their root; without `show_hidden` it leaves out stacks tagged with one of `hidden_stack_tags`
// (Sahara's `data-processing-cluster`), which a deleted project leaves behind like any other.
import type { ResourceType } from "../resource-type.ts";

export const orchestrationStack: ResourceType = {
  id: "orchestration.stack",
  service: "orchestration",
  list: {
    kind: "paged",
    path: "/stacks",
    resourcesKey: "stacks",
    query: { show_hidden: true },
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
