// One scan of one or more clouds and regions: for each region a session, one inventory, the enabled checks and
// their findings, gathered into the ScanResult every report renders. A region that cannot be reached is recorded
// with its error; the others are still scanned.
import { TOOL_VERSION as version } from "../config/tool-version.ts";
import type { Check } from "../checks/check.ts";
import { runChecks, type RunSettings } from "../checks/run.ts";
import { severityRank } from "../checks/severity.ts";
import type { ResolvedCloud } from "../config/clouds.ts";
import type { DeepTarget } from "../deep/deep-settings.ts";
import type { DeepSourceId, DeepSources } from "../deep/deep-source.ts";
import { openDeepSources } from "../deep/open-deep-sources.ts";
import { buildFindings } from "../findings/build.ts";
import type { Finding } from "../findings/finding.ts";
import { SCAN_RESULT_SCHEMA_VERSION, type RequestCount, type ScanResult } from "../findings/scan-result.ts";
import { collect, KeystoneShare } from "../inventory/collect.ts";
import type { CollectProgress } from "../inventory/collect-progress.ts";
import type { Inventory } from "../inventory/inventory.ts";
import { resourceType } from "../inventory/registry.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { Logger } from "../log/logger.ts";
import { CatalogError } from "../openstack/errors.ts";
import { Session, type SessionOptions } from "../openstack/session.ts";
import { collectGarbage, growHeapSlowly } from "./collect-garbage.ts";
import { packFindings, unpackFindings, type PackedFindings } from "./packed-findings.ts";
import { resolveProject, type ProjectChoice } from "./resolve-project.ts";
import { describeStep } from "../remediation/plan/describe-step.ts";

export interface ScanTarget {
  cloud: ResolvedCloud;
  /** Every region of the catalog; otherwise `region`, or the cloud's first configured region, or the catalog's. */
  allRegions: boolean;
  region?: string;
}

export interface ScanOptions {
  checks: readonly Check[];
  settings?: RunSettings;
  /** Keep only findings of resources owned by this project (a name or an id, resolved through Keystone). */
  project?: ProjectChoice;
  /**
   * A project scan (the orphan manager's, after Keystone announced a deletion): owned types list only this project's
   * resources, with the APIs' owner filters, so it costs a handful of requests instead of a full scan. Only the
   * checks that read nothing but owned types and the project list run (`projectScopedChecks`); the result says it
   * covered one project, so the history resolves nothing else.
   */
  projectScan?: { id: string; deletedAt: string | null };
  /** Projects whose Swift accounts a full scan lists besides deleted owners' (stacksweep.yaml `objectStore.projects`). */
  objectStoreProjects?: readonly string[];
  /** Findings never reported (stacksweep.yaml `exclude`): by owner project, resource type, or name pattern. */
  exclude?: { projects: readonly string[]; resourceTypes: readonly ResourceTypeId[]; namePatterns: readonly string[] };
  logger?: Logger;
  /** Transport settings of every session (per-attempt timeout, retries): tests shorten them. */
  session?: Pick<SessionOptions, "timeoutMs" | "retry" | "concurrencyPerService" | "listingDeadlineMs">;
  onProgress?: (event: CollectProgress) => void;
  /** Sources below the API: those enabled and configured for a region are read beside its API listings. */
  deep?: { targets: readonly DeepTarget[]; enabled: ReadonlySet<DeepSourceId> };
  /** Called with each inventory once listed (for --save-inventory). */
  onInventory?: (inventory: Inventory) => void;
  now?: () => Date;
}

/** Scans live clouds. */
export async function scanClouds(targets: readonly ScanTarget[], options: ScanOptions): Promise<ScanResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  // CPU time of the whole scan, logged with its wall time: on a small machine a large scan is bound by the CPU that
  // parsing the answers takes, not by round trips, and the benchmark sets one against the other.
  const cpuAtStart = process.cpuUsage();
  // And the time its event loop sat waiting for answers: what the scanner did not spend of the wall time.
  const loopAtStart = performance.eventLoopUtilization();
  const { projectScan } = options;
  if (projectScan !== undefined) {
    options = { ...options, checks: projectScopedChecks(options.checks), project: { project: projectScan.id } };
  }
  const types = neededTypes(options.checks);
  // A project given by name is found in Keystone's lists, which the checks alone may not need.
  if (options.project !== undefined) types.push(...PROJECT_TYPES.filter((type) => !types.includes(type)));
  const sessions = (await Promise.all(targets.map((target) => openSessions(target, options)))).flat();
  // Per cloud: its regions share one Keystone, which need not answer the same questions once per region.
  const keystones = new Map<string, KeystoneShare>();
  const listRegion = async (opened: Opened): Promise<RegionPart> => {
    if ("error" in opened) return { region: opened, inventory: null, requests: [] };
    const { session } = opened;
    const where = { cloud: session.cloud, region: session.region };
    const onProgress = watchListingSize(options.onProgress);
    const deepSources: DeepSources = options.deep
      ? await openDeepSources(options.deep.targets, options.deep.enabled, where)
      : new Map();
    let keystone = keystones.get(session.cloud);
    if (keystone === undefined) keystones.set(session.cloud, (keystone = new KeystoneShare()));
    try {
      const inventory = await collect(session, {
        types,
        now,
        deepSources,
        onProgress,
        keystone,
        ...(projectScan === undefined ? {} : { projectId: projectScan.id }),
        ...(options.objectStoreProjects === undefined ? {} : { objectStoreProjects: options.objectStoreProjects }),
      });
      options.onInventory?.(inventory);
      return { region: where, inventory, requests: requestCounts(session) };
    } finally {
      await Promise.all([session.close(), ...[...deepSources.values()].map((source) => source.close())]);
    }
  };
  // Regions one after the other, each judged and its inventory dropped before the one after next is listed: a
  // scan of ten regions holds about one region's records, not ten. The next region's listing starts before this
  // one's checks run, so that its first round trips overlap them.
  const judged: JudgedRegion[] = [];
  // Taken from the queue as they are listed: a closed session still holds its pool of answer buffers (a few MB),
  // and ten regions' pools kept to the end were 36 MB of the peak.
  const queue = sessions.reverse();
  let listing = queue.length === 0 ? null : listRegion(queue.pop()!);
  // Its own function, so that the region's inventory is out of every frame once judged: a frame that awaited it
  // still held it.
  const judgeNext = async (): Promise<{ region: JudgedRegion; records: number }> => {
    const part = await listing!;
    listing = queue.length > 0 ? listRegion(queue.pop()!) : null;
    // One turn of the event loop sends the next region's first requests before the checks hold the thread.
    if (listing !== null) await new Promise((resolve) => setImmediate(resolve));
    const { findings, ...region } = judge(part, options, started);
    // Packed while the regions after it are listed; the last region's stay as they are.
    return {
      region: { ...region, findings: listing === null ? findings : packFindings(findings) },
      records: recordCount(part.inventory),
    };
  };
  while (listing !== null) {
    const { region, records } = await judgeNext();
    judged.push(region);
    // The region's records are garbage now (unless --save-inventory keeps them): collected before the next region
    // grows or the report is rendered, instead of beside them. Below a large region a collection costs more than it
    // frees.
    if (records >= COLLECT_FROM_RECORDS && options.onInventory === undefined) collectGarbage();
  }
  const result = assemble(judged, options, started, now());
  const cpu = process.cpuUsage(cpuAtStart);
  const loop = performance.eventLoopUtilization(loopAtStart);
  options.logger?.info(
    {
      listingMs: result.durationMs,
      totalMs: now().getTime() - started.getTime(),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      idleMs: Math.round(loop.idle),
    },
    "scan finished",
  );
  return result;
}

/** Replays saved inventories through the checks: no cloud is called. */
export function scanInventories(inventories: readonly Inventory[], options: ScanOptions): ScanResult {
  const now = options.now ?? (() => new Date());
  const started = now();
  const judged = inventories.map((inventory) =>
    judge({ region: { cloud: inventory.cloud, region: inventory.region }, inventory, requests: [] }, options, started),
  );
  return assemble(judged, options, started, now());
}

const PROJECT_TYPES: readonly ResourceTypeId[] = ["identity.project", "identity.domain"];

/** Records of one region's listing from which the heap grows slowly (`growHeapSlowly`). */
const GROW_HEAP_SLOWLY_FROM_RECORDS = 250_000;

/** Passes a region's progress on, and has the heap grow slowly once its listing holds that many records. */
function watchListingSize(
  onProgress: ((event: CollectProgress) => void) | undefined,
): (event: CollectProgress) => void {
  const listed = new Map<ResourceTypeId, number>();
  let records = 0;
  return (event) => {
    if (event.kind === "page" && records < GROW_HEAP_SLOWLY_FROM_RECORDS) {
      records += event.records - (listed.get(event.type) ?? 0);
      listed.set(event.type, event.records);
      if (records >= GROW_HEAP_SLOWLY_FROM_RECORDS) growHeapSlowly();
    }
    onProgress?.(event);
  };
}

/** Records of a region from which it is collected (`collectGarbage`) once dropped. */
const COLLECT_FROM_RECORDS = 50_000;

/**
 * Records of a region from which it is collected before its checks as well. Below it the collection frees little
 * (20 MB of a region of 100,000 resources) for its 40 ms: ten such regions took 0.6 s less CPU without it, and peaked
 * at 190–196 MB against 187–195 MB (one region 174–180 MB against 170–173 MB).
 */
const COLLECT_BEFORE_CHECKS_FROM_RECORDS = 250_000;

function recordCount(inventory: Inventory | null): number {
  return inventory === null ? 0 : Object.values(inventory.resources).reduce((sum, records) => sum + records.length, 0);
}

/**
 * The checks a project scan can run: those reading only types that have an owner (listed for the one project) and
 * Keystone's projects and domains (one request each). The others need the whole region (services, amphorae,
 * allocations) and are left to the full scans, as are the types read below the API (a database or Ceph is read whole,
 * not by owner).
 */
export function projectScopedChecks(checks: readonly Check[]): Check[] {
  return checks.filter((check) =>
    neededTypes([check]).every((type) => {
      if (type.startsWith("identity.")) return true;
      const { ownerField, ownerThrough, list } = resourceType(type);
      // A type owned through another (a share replica through its share) is listed whole, and is small.
      return (ownerField !== null || ownerThrough !== undefined) && list.kind !== "deep";
    }),
  );
}

/** Every type the enabled checks read, required or optional; nothing else is listed. */
export function neededTypes(checks: readonly Check[]): ResourceTypeId[] {
  return [...new Set(checks.flatMap((check) => [...check.needs, ...(check.optional ?? [])]))];
}

interface RegionPart {
  region: { cloud: string; region: string; error?: string };
  inventory: Inventory | null;
  requests: RequestCount[];
}

type Opened = { session: Session } | { cloud: string; region: string; error: string };

async function openSessions(target: ScanTarget, options: ScanOptions): Promise<Opened[]> {
  const { cloud } = target;
  const { logger } = options;
  const firstRegion = target.allRegions ? cloud.regions[0] : (target.region ?? cloud.regions[0]);
  const open = async (region: string | undefined): Promise<Opened> => {
    try {
      return {
        session: await Session.open(cloud, {
          ...options.session,
          ...(region === undefined ? {} : { region }),
          ...(logger === undefined ? {} : { logger }),
        }),
      };
    } catch (error) {
      // A region (or interface) the catalog does not have is the command line's or the configuration's mistake,
      // not an unreachable cloud: the whole run stops as a usage error.
      if (error instanceof CatalogError) throw error;
      return { cloud: cloud.name, region: region ?? "", error: error instanceof Error ? error.message : String(error) };
    }
  };
  const first = await open(firstRegion);
  if (!target.allRegions || !("session" in first)) return [first];
  const others = first.session.regions().filter((region) => region !== first.session.region);
  // The other regions carry the first one's token: one authentication per cloud.
  return [first, ...others.map((region) => ({ session: first.session.inRegion(region) }))];
}

function requestCounts(session: Session): RequestCount[] {
  return session.stats().map((stat) => ({
    cloud: session.cloud,
    region: session.region,
    service: stat.service,
    count: stat.count,
    errors: stat.errors,
    bytes: stat.bytes,
    totalMs: stat.totalMs,
  }));
}

/** What is kept of one region once it is judged: its findings and coverage, not its records. */
interface JudgedRegion {
  cloud: ScanResult["clouds"][number];
  coverage: ScanResult["coverage"];
  inconclusive: ScanResult["inconclusive"];
  findings: Finding[] | PackedFindings;
  requests: RequestCount[];
  /** Keystone's projects and domains as this region listed them, to resolve `--project` (a few thousand records). */
  identity: Inventory | null;
}

/** Runs the checks over one region's inventory and builds its findings; the inventory is not kept. */
function judge(part: RegionPart, options: ScanOptions, started: Date): JudgedRegion & { findings: Finding[] } {
  const { region, inventory, requests } = part;
  if (inventory === null) {
    return {
      cloud: { ...region, scannedAt: started.toISOString() },
      coverage: [],
      inconclusive: [],
      findings: [],
      requests,
      identity: null,
    };
  }
  const coverage: ScanResult["coverage"] = [];
  for (const [type, listed] of Object.entries(inventory.coverage)) {
    coverage.push({ cloud: inventory.cloud, region: inventory.region, type: type as ResourceTypeId, coverage: listed });
  }
  // Listing a large region leaves garbage beside its records (outgrown arrays and tables, the values shared while
  // parsing) that V8 does not collect below the heap limit its last collection set: at a million resources ≈ 150 MB,
  // with the checks' indexes and the findings then growing the heap past it to the scan's peak. Collected first, the
  // checks build in the space it held.
  if (recordCount(inventory) >= COLLECT_BEFORE_CHECKS_FROM_RECORDS) collectGarbage();
  const checksStarted = performance.now();
  const { runs, inconclusive } = runChecks(inventory, options.checks, options.settings ?? {});
  const checksMs = performance.now() - checksStarted;
  const findings = buildFindings(inventory, runs, describeStep);
  // The cost of the rules themselves, apart from listing (`--debug`, or STACKSWEEP_LOG_LEVEL=info; the benchmark).
  options.logger?.info(
    {
      cloud: inventory.cloud,
      region: inventory.region,
      records: recordCount(inventory),
      checksMs: Math.round(checksMs),
      findingsMs: Math.round(performance.now() - checksStarted - checksMs),
      findings: findings.length,
    },
    "checks ran",
  );
  return {
    cloud: { cloud: inventory.cloud, region: inventory.region, scannedAt: inventory.scannedAt },
    coverage,
    inconclusive,
    findings,
    requests,
    identity:
      options.project === undefined
        ? null
        : {
            ...inventory,
            resources: Object.fromEntries(PROJECT_TYPES.map((type) => [type, inventory.resources[type]])),
          },
  };
}

function assemble(regions: readonly JudgedRegion[], options: ScanOptions, started: Date, finished: Date): ScanResult {
  const result: ScanResult = {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    tool: { name: "stacksweep", version },
    startedAt: started.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    clouds: regions.map((region) => region.cloud),
    coverage: regions.flatMap((region) => region.coverage),
    inconclusive: regions.flatMap((region) => region.inconclusive),
    checks: options.checks.map((check) => check.id),
    findings: regions.flatMap(({ findings }) => ("packed" in findings ? unpackFindings(findings) : findings)),
    requests: regions.flatMap((region) => region.requests),
    ...(options.projectScan === undefined ? {} : { project: options.projectScan }),
  };
  const { exclude } = options;
  const inventories = regions.flatMap((region) => (region.identity === null ? [] : [region.identity]));
  const projectId = options.project === undefined ? undefined : resolveProject(options.project, inventories);
  const patterns = (exclude?.namePatterns ?? []).map((source) => new RegExp(source, "u"));
  result.findings = result.findings.filter(
    ({ resource }) =>
      (projectId === undefined || resource.projectId === projectId) &&
      !(resource.projectId !== null && exclude?.projects.includes(resource.projectId)) &&
      !exclude?.resourceTypes.includes(resource.type) &&
      !(resource.name !== null && patterns.some((pattern) => pattern.test(resource.name!))),
  );
  result.findings.sort(byImportance);
  return result;
}

function byImportance(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.check.localeCompare(b.check) ||
    a.resource.cloud.localeCompare(b.resource.cloud) ||
    a.resource.region.localeCompare(b.resource.region) ||
    a.resource.id.localeCompare(b.resource.id)
  );
}
