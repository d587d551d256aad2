// Nova's hypervisors: each names the compute host (`service.host`, what servers' `OS-EXT-SRV-ATTR:host` holds) whose
// libvirt the libvirt source asks. 2.53: ids are UUIDs; 2.88 drops the usage figures no check reads.
import type { ResourceType } from "../resource-type.ts";

export const computeHypervisor: ResourceType = {
  id: "compute.hypervisor",
  service: "compute",
  list: {
    kind: "paged",
    path: "/os-hypervisors/detail",
    resourcesKey: "hypervisors",
    query: {},
    microversion: "2.88",
    pageSize: "max",
    sendFields: false,
  },
  fields: ["id", "hypervisor_hostname", "hypervisor_type", "state", "status", "host_ip", "service"],
  idFields: ["id"],
  ownerField: null,
  nameField: "hypervisor_hostname",
  show: null,
  references: [],
};
