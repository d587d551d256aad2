// What `collect()` reports while it works; the CLI renders these (a live display on a TTY, plain lines otherwise).
import type { Coverage } from "./inventory.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";

export type CollectProgress =
  | { kind: "listing-started"; cloud: string; region: string; type: ResourceTypeId }
  /** One more page (or per-parent call) arrived: `records` so far for the type, after `requests` calls. */
  | { kind: "page"; cloud: string; region: string; type: ResourceTypeId; records: number; requests: number }
  | { kind: "listing-finished"; cloud: string; region: string; type: ResourceTypeId; coverage: Coverage }
  /** Point lookups of references absent from their listings are about to be made. */
  | { kind: "confirming"; cloud: string; region: string; lookups: number }
  | { kind: "confirmed"; cloud: string; region: string; missing: number; unknown: number };
