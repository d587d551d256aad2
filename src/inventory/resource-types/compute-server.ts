// Nova servers of every project. Microversion 2.69 makes servers of a down cell appear with status `UNKNOWN`
// instead of silently vanishing from the list (which would make their volumes and ports look orphaned).
import type { ResourceType } from "../resource-type.ts";

export const computeServer: ResourceType = {
  id: "compute.server",
  service: "compute",
  list: {
    kind: "paged",
    path: "/servers/detail",
    resourcesKey: "servers",
    query: { all_tenants: 1 },
    microversion: "2.69",
    pageSize: "max",
    sendFields: false,
    ownerQuery: "project_id",
  },
  fields: [
    "id",
    "name",
    "status",
    "tenant_id",
    "user_id",
    "created",
    "updated",
    "locked",
    "fault",
    "image",
    "metadata",
    "tags",
    "OS-EXT-STS:task_state",
    "OS-EXT-STS:vm_state",
    "OS-EXT-SRV-ATTR:host",
    "os-extended-volumes:volumes_attached",
    // From 2.47 on the flavor's details (vcpus, ram, disk) are embedded: what the server holds.
    "flavor",
  ],
  idFields: ["id"],
  ownerField: "tenant_id",
  nameField: "name",
  show: { path: "/servers/{id}", microversion: "2.69" },
  references: [{ path: "os-extended-volumes:volumes_attached[].id", target: "block-storage.volume" }],
  holds: { vcpus: "flavor.vcpus", ramMib: "flavor.ram" },
  horizonPath: "/admin/instances/{id}/detail",
};
