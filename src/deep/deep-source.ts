// A source below the API (a service's database, Ceph RBD, the amphora agents, the hypervisors' libvirt). It yields
// records for the resource types that declare it (`list: { kind: "deep", source }`), exactly as an API listing does:
// `collect()` gives each type a coverage, so a source that cannot be read makes its checks inconclusive, never silent.
// Sources are read-only; the one database write (Octavia's PENDING_* fix) belongs to remediation.

/** The sources below the API, in the words of the settings (`deep:` in stacksweep.yaml) and `--deep`. */
export const DEEP_SOURCE_IDS = ["database", "ceph", "amphora-agent", "libvirt"] as const;

export type DeepSourceId = (typeof DEEP_SOURCE_IDS)[number];

export type DeepRecord = Record<string, unknown>;

export interface DeepListContext {
  readonly cloud: string;
  readonly region: string;
  /**
   * The complete listings of the types the resource type declares as `inputs` (the amphorae whose agents are probed,
   * the hypervisors whose libvirt is asked), keyed by resource type id. A type whose input is incomplete is never
   * listed: `collect()` marks it failed first.
   */
  readonly inputs: ReadonlyMap<string, readonly DeepRecord[]>;
}

export interface DeepListing {
  records: DeepRecord[];
  /** Queries, commands or probes made for this listing (the coverage's `requests`). */
  requests: number;
  /** How the source read it, when it has more than one way (the coverage's `via`), e.g. "python3-rbd". */
  via?: string;
}

export interface DeepSource {
  readonly id: DeepSourceId;
  /**
   * Lists one resource type (an id of `RESOURCE_TYPE_IDS` whose listing names this source). Throws when it cannot
   * (unreachable, refused, a table or pool missing): the error's message is the coverage's one-line reason, so it
   * must name what failed and never hold a secret.
   */
  list(type: string, context: DeepListContext): Promise<DeepListing>;
  /**
   * The fallback ("API first, then the database"): whether this source can list the API type `type` when its API
   * listing failed or its service is absent from the catalog. `list` is then called with that API type's id and must
   * return records shaped as the API's (the fields the resource type keeps).
   */
  standsInFor?(type: string): boolean;
  close(): Promise<void>;
}

/** The sources opened for one cloud region, by id; a source not in it is not configured there. */
export type DeepSources = ReadonlyMap<DeepSourceId, DeepSource>;
