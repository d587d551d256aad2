// The domains each hypervisor's libvirt holds (below the API: what actually exists, whatever Nova records). One
// record per domain: the compute `host` asked, its `uuid` (Nova names a domain by its instance's uuid), `name`, and
// whether it is `running`. A host whose libvirt did not answer is one record with `host` and `error`, no uuid.
import type { ResourceType } from "../resource-type.ts";

export const computeHypervisorDomain: ResourceType = {
  id: "compute.hypervisor-domain",
  service: "compute",
  list: { kind: "deep", source: "libvirt", inputs: ["compute.hypervisor"] },
  fields: ["host", "uuid", "name", "running", "error"],
  idFields: ["uuid"],
  ownerField: null,
  nameField: "name",
  show: null,
  // A domain Nova does not list is confirmed with GET /servers/{uuid}: a server created since the listing, or one of
  // a cell that did not answer, is never taken for an unknown one.
  references: [{ path: "uuid", target: "compute.server" }],
};
