// Barbican containers (a TLS certificate with its key and chain, an RSA key pair) of every project: listed from
// Barbican's database, as its secrets are (see key-manager-secret.ts).
import type { ResourceType } from "../resource-type.ts";
import { BARBICAN_LISTS_ONE_PROJECT } from "./key-manager-secret.ts";

export const keyManagerContainer: ResourceType = {
  id: "key-manager.container",
  service: "key-manager",
  list: {
    kind: "paged",
    path: "/v1/containers",
    resourcesKey: "containers",
    query: {},
    pageSize: "max",
    sendFields: false,
    tokenProjectOnly: BARBICAN_LISTS_ONE_PROJECT,
  },
  fields: ["id", "name", "status", "type", "secret_refs", "creator_id", "created", "updated", "project_id"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: null,
  references: [],
};
