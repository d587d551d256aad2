// Confirms references that look missing while the other listings go on: a (referencing type → target) pair is
// examined as soon as both listings are complete, and each distinct id absent from its target is looked up once,
// a random sample first. An absent id that exists proves the target's listing incomplete: it is then failed.

import type { CollectProgress } from "./collect-progress.ts";
import type { Confirmation, Coverage, Inventory } from "./inventory.ts";
import type { InventorySession } from "./inventory-session.ts";
import type { IncompleteCoverage } from "./listing-failure.ts";
import { recordId } from "./record-id.ts";
import { referencesOf, referenceValues } from "./references-of.ts";
import { parseOpenStackTime } from "./parse-openstack-time.ts";
import { resourceType } from "./registry.ts";
import type { Reference, ResourceType } from "./resource-type.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";

/** A finished listing as the confirmer reads it. */
export interface FinishedListing {
  records: readonly Record<string, unknown>[];
  coverage: Coverage;
  /** When its first request was sent (local clock): a record created after it may be missing from it by a race. */
  startedAt?: number;
}

export interface ConfirmedReferences {
  confirmations: Inventory["confirmations"];
  /** Targets a lookup proved incomplete (an absent id exists): their listing is not to be trusted, with this coverage. */
  failedTargets: Map<ResourceTypeId, IncompleteCoverage>;
}

/** Absent ids of a batch looked up first, at random: one that exists ends the confirmation of its target. */
export const CONFIRMATION_SAMPLE = 20;

/**
 * A record created this long before its listing started may still be missing from it without the listing being
 * wrong (clocks of the scanner and the service differ; a resource is created while the scan runs).
 */
const RACE_MARGIN_MS = 5 * 60_000;

/** One reference of one listed type to another listed type; `absent` is filled once both listings are finished. */
interface ReferencePair {
  from: ResourceTypeId;
  reference: Reference;
  /** Ids read from `from`'s records that the target's listing lacks, in record order, each once; null until read. */
  absent: string[] | null;
}

/** A lookup's answer: the confirmation, and whether it proves the target's listing incomplete. */
interface Answer {
  outcome: Confirmation;
  /** An existing record the listing should have shown (not one created during the scan). */
  proves: boolean;
}

export class ReferenceConfirmer {
  private readonly listedTypes: ReadonlySet<ResourceTypeId>;
  private readonly pairs: ReferencePair[] = [];
  private readonly finished = new Map<ResourceTypeId, FinishedListing>();
  private readonly presentIds = new Map<ResourceTypeId, Set<string> | null>();
  /** Every distinct absent id per target so far, each looked up once. */
  private readonly absentIds = new Map<ResourceTypeId, Set<string>>();
  /** Targets a lookup proved incomplete, with the id that proved it and the type that referenced it. */
  private readonly incomplete = new Map<ResourceTypeId, { id: string; count: number }>();
  private readonly lookups = new Map<ResourceTypeId, Map<string, Promise<Answer | null>>>();
  private confirming = false;

  /**
   * `listedTypes`: every type this scan lists, in the order `collect()` reports them; a reference to a type not
   * listed has nothing to be absent from and is never looked up.
   *
   * `goneFromKeystone`: ids of Keystone's records (`identity.project 1f2e...`) that a lookup of this scan found gone
   * (404) in another region of the same cloud, shared by the regions' confirmers. Keystone never gives an id out
   * again, so a region after the first does not ask again for a deleted project that owns something in it too.
   */
  constructor(
    private readonly session: InventorySession,
    listedTypes: readonly ResourceTypeId[],
    private readonly emit: (event: CollectProgress) => void,
    private readonly random: () => number = Math.random,
    private readonly goneFromKeystone: Set<string> = new Set(),
  ) {
    this.listedTypes = new Set(listedTypes);
    for (const from of listedTypes) {
      for (const reference of referencesOf(resourceType(from))) {
        if (this.listedTypes.has(reference.target)) this.pairs.push({ from, reference, absent: null });
      }
    }
  }

  /** Called once per listed type when its listing ends, whatever its coverage; starts the lookups it enables. */
  listingFinished(id: ResourceTypeId, listing: FinishedListing): void {
    this.finished.set(id, listing);
    const fresh = new Map<ResourceTypeId, string[]>();
    for (const pair of this.pairs) {
      if (pair.absent !== null || !this.finished.has(pair.from) || !this.targetFinished(pair.reference.target))
        continue;
      pair.absent = this.readAbsent(pair);
      const target = pair.reference.target;
      // Once no pair is left to read against it, a target's set of ids is garbage, which a collection during the
      // listing can take back: the set of a type listed early (ports) need not live until the last listing ends.
      if (this.pairs.every((other) => other.absent !== null || other.reference.target !== target))
        this.presentIds.delete(target);
      let seen = this.absentIds.get(target);
      if (seen === undefined) this.absentIds.set(target, (seen = new Set<string>()));
      for (const value of pair.absent) {
        if (seen.has(value)) continue;
        seen.add(value);
        let ids = fresh.get(target);
        if (ids === undefined) fresh.set(target, (ids = []));
        ids.push(value);
      }
    }

    let started = 0;
    for (const [target, ids] of fresh) {
      if (this.incomplete.has(target)) continue;
      let made = this.lookups.get(target);
      if (made === undefined) this.lookups.set(target, (made = new Map<string, Promise<Answer | null>>()));
      // A random sample first: if the listing is wrong (all_tenants ignored, a filtered list), an id that exists is
      // likely among them and the rest is never asked. If every sampled id is gone, the rest is confirmed at once.
      const shuffled = shuffle(ids, this.random);
      const sample = shuffled.slice(0, CONFIRMATION_SAMPLE);
      const sampled = sample.map((value) => this.lookUp(target, value));
      for (const [index, value] of sample.entries()) made.set(value, sampled[index]!);
      const sampleDone = Promise.all(sampled);
      for (const value of shuffled.slice(CONFIRMATION_SAMPLE))
        made.set(
          value,
          sampleDone.then(() => (this.incomplete.has(target) ? null : this.lookUp(target, value))),
        );
      started += ids.length;
    }
    if (started > 0) {
      this.confirming = true;
      this.emit({ kind: "confirming", cloud: this.session.cloud, region: this.session.region, lookups: started });
    }
  }

  /**
   * After every listing has finished: waits for the lookups made (so that no request outlives the scan) and returns
   * the confirmations kept, in the order the listings and their references are declared, and the targets that a
   * lookup proved incomplete.
   */
  async settle(): Promise<ConfirmedReferences> {
    const answers = new Map<ResourceTypeId, Map<string, Answer | null>>();
    for (const [target, made] of this.lookups) {
      const ids = [...made.keys()];
      const outcomes = await Promise.all(made.values());
      answers.set(target, new Map(ids.map((value, index) => [value, outcomes[index]!])));
    }

    const failedTargets = new Map<ResourceTypeId, IncompleteCoverage>();
    for (const [target, proof] of this.incomplete) {
      const absent = this.absentIds.get(target)!.size;
      failedTargets.set(target, {
        status: "failed",
        reason:
          `${target} ${proof.id} is absent from the listing yet exists (${proof.count} of the ${absent} absent ids ` +
          "looked up): the listing is incomplete (a service ignoring all_tenants, a filtered list)",
      });
    }

    const confirmations: Inventory["confirmations"] = {};
    const placed = new Set<string>();
    let missing = 0;
    let unknown = 0;
    for (const { reference, absent } of this.pairs) {
      const outcomes = answers.get(reference.target);
      if (absent === null || outcomes === undefined || this.incomplete.has(reference.target)) continue;
      for (const value of absent) {
        const key = `${reference.target} ${value}`;
        if (placed.has(key)) continue;
        placed.add(key);
        const outcome = outcomes.get(value)?.outcome ?? "unknown";
        (confirmations[reference.target] ??= {})[value] = outcome;
        if (outcome === "missing") missing += 1;
        if (outcome === "unknown") unknown += 1;
      }
    }
    if (this.confirming) {
      this.emit({ kind: "confirmed", cloud: this.session.cloud, region: this.session.region, missing, unknown });
    }
    return { confirmations, failedTargets };
  }

  private async lookUp(target: ResourceTypeId, id: string): Promise<Answer> {
    const type = resourceType(target);
    const key = `${target} ${id}`;
    if (type.service === "identity" && this.goneFromKeystone.has(key)) return { outcome: "missing", proves: false };
    const since = (this.finished.get(target)?.startedAt ?? Number.POSITIVE_INFINITY) - RACE_MARGIN_MS;
    const { outcome, createdAt } = await confirm(this.session, type, id);
    if (type.service === "identity" && outcome === "missing") this.goneFromKeystone.add(key);
    const proves = outcome === "exists" && (createdAt === null || createdAt < since);
    if (proves) {
      const proof = this.incomplete.get(target);
      if (proof === undefined) this.incomplete.set(target, { id, count: 1 });
      else proof.count += 1;
    }
    return { outcome, proves };
  }

  /** A domain acts as a project for what it owns, so the project set waits for the domain listing too. */
  private targetFinished(target: ResourceTypeId): boolean {
    if (!this.finished.has(target)) return false;
    if (target !== "identity.project" || !this.listedTypes.has("identity.domain")) return true;
    return this.finished.has("identity.domain");
  }

  private readAbsent({ from, reference }: ReferencePair): string[] {
    const listing = this.finished.get(from)!;
    // A partial listing of the referencing type says nothing; without a complete listing of the target there is
    // nothing to be absent from: the checks are inconclusive either way.
    const known = this.present(reference.target);
    if (listing.coverage.status !== "complete" || known === null) return [];
    const absent = new Set<string>();
    for (const record of listing.records) {
      for (const value of referenceValues(record, reference)) if (!known.has(value)) absent.add(value);
    }
    return [...absent];
  }

  private present(target: ResourceTypeId): Set<string> | null {
    if (!this.presentIds.has(target)) this.presentIds.set(target, this.completeIds(target));
    return this.presentIds.get(target) ?? null;
  }

  private completeIds(target: ResourceTypeId): Set<string> | null {
    const listing = this.finished.get(target);
    if (listing?.coverage.status !== "complete") return null;
    const type = resourceType(target);
    const ids = new Set<string>();
    for (const record of listing.records) {
      const id = recordId(type, record);
      if (id !== null) ids.add(id);
    }
    if (target === "identity.project") {
      const domains = this.finished.get("identity.domain");
      if (domains?.coverage.status === "complete") {
        for (const domain of domains.records) if (typeof domain.id === "string") ids.add(domain.id);
      }
    }
    return ids;
  }
}

/** `missing` only on a 404: an error, a timeout or a 403 says nothing about existence. */
async function confirm(
  session: InventorySession,
  type: ResourceType,
  id: string,
): Promise<{ outcome: Confirmation; createdAt: number | null }> {
  if (type.show === null) return { outcome: "unknown", createdAt: null };
  try {
    const answer = await session.request(type.service, {
      path: type.show.path.replace("{id}", encodeURIComponent(id)),
      okStatuses: [200, 404],
      ...(type.show.microversion === undefined ? {} : { microversion: type.show.microversion }),
    });
    if (answer.status === 404) return { outcome: "missing", createdAt: null };
    return { outcome: "exists", createdAt: createdAtOf(answer.body) };
  } catch {
    return { outcome: "unknown", createdAt: null };
  }
}

/** When the shown record was created (`{"server": {"created": ...}}`, `{"volume": {"created_at": ...}}`), if it says. */
function createdAtOf(body: unknown): number | null {
  if (body === null || typeof body !== "object") return null;
  for (const value of Object.values(body as Record<string, unknown>)) {
    if (value === null || typeof value !== "object") continue;
    const record = value as Record<string, unknown>;
    const time = parseOpenStackTime(record["created_at"] ?? record["created"]);
    if (time !== null) return time;
  }
  return null;
}

/** Fisher-Yates on a copy. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
