// Confirms references that look missing while the other listings go on: a (referencing type → target) pair is
// examined as soon as both listings are complete, and each distinct id absent from its target is looked up once.

import type { CollectProgress } from "./collect-progress.ts";
import type { Confirmation, Coverage, Inventory } from "./inventory.ts";
import type { InventorySession } from "./inventory-session.ts";
import type { IncompleteCoverage } from "./listing-failure.ts";
import { recordId } from "./record-id.ts";
import { referencesOf, referenceValues } from "./references-of.ts";
import { resourceType } from "./registry.ts";
import type { Reference, ResourceType } from "./resource-type.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";

/** A finished listing as the confirmer reads it. */
export interface FinishedListing {
  records: readonly Record<string, unknown>[];
  coverage: Coverage;
}

export interface ConfirmedReferences {
  confirmations: Inventory["confirmations"];
  /** Targets with more absent ids than the cap: their listing is not to be trusted, with this coverage instead. */
  failedTargets: Map<ResourceTypeId, IncompleteCoverage>;
}

/** One reference of one listed type to another listed type; `absent` is filled once both listings are finished. */
interface ReferencePair {
  from: ResourceTypeId;
  reference: Reference;
  /** Ids read from `from`'s records that the target's listing lacks, in record order, each once; null until read. */
  absent: string[] | null;
}

export class ReferenceConfirmer {
  private readonly listedTypes: ReadonlySet<ResourceTypeId>;
  private readonly pairs: ReferencePair[] = [];
  private readonly finished = new Map<ResourceTypeId, FinishedListing>();
  private readonly presentIds = new Map<ResourceTypeId, Set<string> | null>();
  /** Every distinct absent id per target so far, whether or not it was looked up: what the cap is measured on. */
  private readonly absentIds = new Map<ResourceTypeId, Set<string>>();
  private readonly overCap = new Set<ResourceTypeId>();
  private readonly lookups = new Map<ResourceTypeId, Map<string, Promise<Confirmation>>>();
  private confirming = false;

  /**
   * `listedTypes`: every type this scan lists, in the order `collect()` reports them; a reference to a type not
   * listed has nothing to be absent from and is never looked up.
   */
  constructor(
    private readonly session: InventorySession,
    listedTypes: readonly ResourceTypeId[],
    private readonly emit: (event: CollectProgress) => void,
    private readonly maxLookupsPerType: number,
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
      // Every pair that enabled these ids is read before any is looked up, so a single listing that shows the target
      // to be filtered costs no lookup. Across listings that finish at different times, up to the cap may already
      // have been looked up when a later listing pushes the target over it: those answers are dropped, and that
      // is the price of not waiting for the slowest listing.
      if (this.overCap.has(target)) continue;
      if (this.absentIds.get(target)!.size > this.maxLookupsPerType) {
        this.overCap.add(target);
        continue;
      }
      let made = this.lookups.get(target);
      if (made === undefined) this.lookups.set(target, (made = new Map<string, Promise<Confirmation>>()));
      const type = resourceType(target);
      for (const value of ids) made.set(value, confirm(this.session, type, value));
      started += ids.length;
    }
    if (started > 0) {
      this.confirming = true;
      this.emit({ kind: "confirming", cloud: this.session.cloud, region: this.session.region, lookups: started });
    }
  }

  /**
   * After every listing has finished: waits for the lookups made (those of targets over the cap too, so that no
   * request outlives the scan) and returns the confirmations kept, in the order the listings and their references
   * are declared, and the targets that the cap marks failed.
   */
  async settle(): Promise<ConfirmedReferences> {
    const answers = new Map<ResourceTypeId, Map<string, Confirmation>>();
    for (const [target, made] of this.lookups) {
      const ids = [...made.keys()];
      const outcomes = await Promise.all(made.values());
      answers.set(target, new Map(ids.map((value, index) => [value, outcomes[index]!])));
    }

    const failedTargets = new Map<ResourceTypeId, IncompleteCoverage>();
    for (const target of this.overCap) {
      const count = this.absentIds.get(target)!.size;
      failedTargets.set(target, {
        status: "failed",
        reason:
          `${count} ids referenced by other resources are absent from the ${target} listing, more than the ` +
          `${this.maxLookupsPerType} a scan confirms one by one: the listing looks filtered or incomplete`,
      });
    }

    const confirmations: Inventory["confirmations"] = {};
    const placed = new Set<string>();
    let missing = 0;
    let unknown = 0;
    for (const { reference, absent } of this.pairs) {
      const outcomes = answers.get(reference.target);
      if (absent === null || outcomes === undefined || this.overCap.has(reference.target)) continue;
      for (const value of absent) {
        const key = `${reference.target} ${value}`;
        if (placed.has(key)) continue;
        placed.add(key);
        const outcome = outcomes.get(value)!;
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
async function confirm(session: InventorySession, type: ResourceType, id: string): Promise<Confirmation> {
  if (type.show === null) return "unknown";
  try {
    const answer = await session.request(type.service, {
      path: type.show.path.replace("{id}", encodeURIComponent(id)),
      okStatuses: [200, 404],
      ...(type.show.microversion === undefined ? {} : { microversion: type.show.microversion }),
    });
    return answer.status === 404 ? "missing" : "exists";
  } catch {
    return "unknown";
  }
}
