// Neutron ports of every project; `device_owner` and `device_id` tell which server, router or load balancer uses one.
import type { ResourceType } from "../resource-type.ts";

export const networkPort: ResourceType = {
  id: "network.port",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/ports",
    resourcesKey: "ports",
    query: {},
    pageSize: "max",
    sendFields: true,
    ownerQuery: "project_id",
  },
  fields: [
    "id",
    "name",
    "project_id",
    "network_id",
    "device_owner",
    "device_id",
    "status",
    "fixed_ips",
    "admin_state_up",
    "tags",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2.0/ports/{id}" },
  references: [
    // Only compute ports name a server; router and DHCP ports name other things.
    { path: "device_id", target: "compute.server", when: [{ field: "device_owner", startsWith: "compute:" }] },
    // Octavia writes the id of what a port serves into its name (octavia/network/drivers/neutron/
    // allowed_address_pairs.py): the VIP `octavia-lb-<load balancer>`, VRRP `octavia-lb-vrrp-<amphora>`; the OVN
    // provider's health monitor port `ovn-lb-hm-<subnet>` (ovn_octavia_provider/helper.py).
    {
      path: "name",
      target: "load-balancer.loadbalancer",
      match: "^octavia-lb-(?!vrrp-)(.+)$",
      when: [{ field: "device_owner", equals: ["Octavia"] }],
    },
    {
      path: "name",
      target: "load-balancer.amphora",
      match: "^octavia-lb-vrrp-(.+)$",
      when: [{ field: "device_owner", equals: ["Octavia"] }],
    },
    {
      path: "name",
      target: "network.subnet",
      match: "^ovn-lb-hm-(.+)$",
      when: [{ field: "device_owner", startsWith: "ovn-lb-hm" }],
    },
  ],
  horizonPath: "/admin/networks/ports/{id}/detail",
};
