// What each ALLOCATED amphora's agent answered to `GET /1.0/details` (below the API: Octavia's API has no disk figure
// and its heartbeats carry none). One record per amphora probed: `answered` with the agent's `disk` (used and
// available bytes of the amphora's root filesystem, from statvfs: amphora_info.py), or why it did not answer.
import type { ResourceType } from "../resource-type.ts";

export const loadBalancerAmphoraAgent: ResourceType = {
  id: "load-balancer.amphora-agent",
  service: "load-balancer",
  list: { kind: "deep", source: "amphora-agent", inputs: ["load-balancer.amphora"] },
  fields: [
    "id",
    "lb_network_ip",
    "loadbalancer_id",
    "answered",
    "failure",
    "reason",
    "disk",
    "hostname",
    "api_version",
  ],
  idFields: ["id"],
  ownerField: null,
  nameField: null,
  show: null,
  references: [],
};
