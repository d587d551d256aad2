// Swift containers of the accounts a scan can name (see PerAccountListing): the bytes they hold are usually the
// costliest debris a deleted project leaves.
import type { ResourceType } from "../resource-type.ts";

export const objectStoreContainer: ResourceType = {
  id: "object-store.container",
  service: "object-store",
  // Swift's account listing caps a page at `account_listing_limit` (10000 by default) and answers 412 above it.
  list: { kind: "per-account", pageSize: 10000, markerField: "name" },
  // The account listing's own fields, plus the project whose account holds the container (not in Swift's answer).
  fields: ["project_id", "name", "count", "bytes", "last_modified"],
  idFields: ["project_id", "name"],
  ownerField: "project_id",
  nameField: "name",
  show: null,
  references: [],
  holds: { bytes: "bytes" },
};
