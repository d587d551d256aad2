// How one kind of OpenStack record is listed, trimmed and looked up, declared as data so that `collect()` has one
// generic code path for every resource type (the shape of openstacksdk's `base_path` / `resources_key` / `_query_mapping`).

import type { DeepSourceId } from "../deep/deep-source.ts";
import type { ServiceType } from "../config/service-type.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";

/** A condition on one field of a record, e.g. `{ field: "device_owner", startsWith: "compute:" }`. */
export type RecordFilter =
  | { field: string; equals: readonly (string | number | boolean | null)[] }
  | { field: string; notEquals: readonly (string | number | boolean | null)[] }
  | { field: string; startsWith: string };

/** A listing made with one generic paginated call: `GET {path}?{query}` following the service's next links. */
export interface PagedListing {
  kind: "paged";
  /** Relative to the service endpoint from the catalog ("/servers/detail", "/v2.0/ports"). */
  path: string;
  /** The key of the array in the response body ("servers", "ports"). */
  resourcesKey: string;
  /** The parameters that make an admin see every project's records (`all_tenants=1`), plus fixed filters. */
  query: Record<string, string | number | boolean>;
  /** Headers with the same purpose where the API reads a header instead (Designate's `x-auth-all-projects: true`). */
  headers?: Readonly<Record<string, string>>;
  /**
   * Some APIs hide part of a collection behind a filter's default (Glance hides `os_hidden` images): each entry is
   * one more full listing with these extra parameters, and the union is the collection.
   */
  variants?: readonly Record<string, string | number | boolean>[];
  /** The highest microversion wanted; the session sends min(this, the server's maximum). */
  microversion?: string;
  /** "max" = the largest page the service allows; null = the API does not paginate (one request). */
  pageSize: number | "max" | null;
  /** Whether `fields=` is sent with the declared fields (Neutron, Octavia), so the server trims the records. */
  sendFields: boolean;
  /**
   * The query parameter that lists one project's records (`project_id`, Glance's `owner`), for a project scan. Absent
   * where the API has none, or where such a filter has side effects (Neutron security groups): a project scan then
   * lists every record and keeps the project's itself.
   */
  ownerQuery?: string;
  /**
   * For an API that caps its pages but gives no next link (Cinder's attachments view): the field of the last record
   * of a full page to ask again with as `marker`, so a capped page is never taken for the whole collection.
   */
  markerField?: string;
  /**
   * For an API that pages by `offset` (Manila): a full page asks again from its end, and next links are not followed
   * (Manila's name a `marker` its listings ignore: the same page again).
   */
  offsetPaging?: boolean;
}

/**
 * A listing that needs one call per record of another type (`GET /v2/images/{id}/members` per shared image,
 * `GET /resource_providers/{uuid}/allocations` per provider). The parent type is listed first.
 */
export interface PerParentListing {
  kind: "per-parent";
  parent: ResourceTypeId;
  /** Only parents matching every filter need a call (only `shared` images have members). */
  parentFilter?: readonly RecordFilter[];
  /** The parent's field put into `{parent}` in the path ("id", "uuid"). */
  parentIdField: string;
  /** With `{parent}` for the parent's id. */
  path: string;
  resourcesKey: string;
  /**
   * "list": the key holds an array of records. "map": it holds an object keyed by an id (placement's allocations
   * keyed by consumer uuid); each entry becomes a record with the key under `mapKeyField`.
   */
  shape: "list" | "map";
  mapKeyField?: string;
  /** The record field that receives the parent's id when the API does not include it ("resource_provider_uuid"). */
  parentField: string;
  microversion?: string;
}

/**
 * Records read below the API by a source of `src/deep/` (a service's database, Ceph RBD, the amphora agents, libvirt).
 * Listed only when that source is enabled and configured for the region; otherwise the type is `absent`.
 */
export interface DeepListing {
  kind: "deep";
  source: DeepSourceId;
  /** Types whose complete listings the source reads (the amphorae whose agents it probes); listed first. */
  inputs?: readonly ResourceTypeId[];
}

/**
 * Swift lists containers per account (`GET /v1/AUTH_<project>?format=json`, a bare JSON array) and has no call that
 * lists accounts. The accounts asked are those of the projects a scan can name: in a project scan, that project; in a
 * full scan, every project another listed type names as its owner that Keystone no longer lists (a deleted project
 * that left something else behind), and the projects named in `objectStore.projects`. The coverage states that scope:
 * a deleted project that left only containers is not seen, and a report never reads as an all-clear for it.
 */
export interface PerAccountListing {
  kind: "per-account";
  /** Records per page (`limit`); the next page is asked with `marker` = the last record's `markerField`. */
  pageSize: number;
  markerField: string;
}

export type Listing = PagedListing | PerParentListing | DeepListing | PerAccountListing;

/**
 * A field that holds the id of another record, which may have disappeared (a deleted project, a server gone
 * under a volume attachment). After listing, `collect()` confirms each distinct value missing from the target's
 * complete listing with one `GET` by id; checks report a missing reference only on a confirmed 404.
 */
export interface Reference {
  /** A field name, or a path through arrays: "attachments[].server_id", "os-extended-volumes:volumes_attached[].id". */
  path: string;
  target: ResourceTypeId;
  /** Only records matching every filter are considered (ports with `device_owner` `compute:*`). */
  when?: readonly RecordFilter[];
  /** Values that are not ids ("*" = every project in an RBAC policy). Empty values are always ignored. */
  ignoreValues?: readonly string[];
  /**
   * A regular expression over the value whose first group is the id, for ids a service writes into a name (Octavia
   * names a VIP port `octavia-lb-<load balancer id>`); a value it does not match holds no id.
   */
  match?: string;
}

export interface ResourceType {
  id: ResourceTypeId;
  service: ServiceType;
  list: Listing;
  /** The record fields kept (and requested with `fields=` where sent). Checks add every field they read. */
  fields: readonly string[];
  /** The fields that together identify a record, joined with "/" ("id"; "image_id", "member_id"). */
  idFields: readonly string[];
  /** The field holding the owner project id, or null when the type has no owner. */
  ownerField: string | null;
  /**
   * For a type whose records name no owner but belong to a record that does (a Manila share replica is its share's):
   * the field holding that record's id, and its type.
   */
  ownerThrough?: { field: string; type: ResourceTypeId };
  /** The field shown as the record's name, or null when the type has none. */
  nameField: string | null;
  /** How to show one record by id (`{id}` in the path), for confirmations: null when never a reference target. */
  show: { path: string; microversion?: string; headers?: Readonly<Record<string, string>> } | null;
  /** Ids held by this type's records that `collect()` confirms when they are absent from the target's listing. */
  references: readonly Reference[];
  /**
   * A service heartbeat: its time field and the fields naming the service ("binary", "host"). A heartbeat in the
   * future is a clock reading of that host (one in the past says nothing: it is at most one report interval old).
   */
  heartbeat?: { timeField: string; labelFields: readonly string[] };
  /**
   * What one record holds, for "what the debris costs" in reports: fields (dotted paths) with its storage in GiB or
   * bytes, and its vCPUs and RAM in MiB. Only kept fields can be read.
   */
  holds?: { gib?: string; bytes?: string; vcpus?: string; ramMib?: string };
  /** The record's page in Horizon's admin (or identity) panel, `{id}` for its id; absent when Horizon has none. */
  horizonPath?: string;
}
