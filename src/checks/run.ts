// Runs checks over one inventory, fail closed: a check whose needed listings are not all complete is not run and
// is reported inconclusive with the reason; a check's thresholds are its defaults merged with the operator's. A
// type whose service the region's catalog lacks (`absent`) holds nothing there: checks run over it as over an empty
// listing, so a cloud without Heat, Designate, Manila or Swift scans complete (exit 0, not 4) every night.
import { ConfigError } from "../config/errors.ts";
import { coversRegion, type Inventory } from "../inventory/inventory.ts";
import { referenceValues } from "../inventory/references-of.ts";
import { resourceType } from "../inventory/registry.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { Check, Detection } from "./check.ts";

export type ThresholdValue = number | string | string[];

/** A check that did not run in a region, and why (its inputs were incomplete). */
export interface InconclusiveCheck {
  cloud: string;
  region: string;
  check: string;
  reason: string; // e.g. "identity.project: truncated (Keystone list_limit)"
}

export interface RunSettings {
  /** Per check id, the thresholds the operator set (`thresholds:` in stacksweep.yaml). */
  thresholds?: Readonly<Record<string, Readonly<Record<string, ThresholdValue>>>>;
  /** Every check id that exists (enabled or not), so thresholds of a disabled check are not "unknown". */
  knownCheckIds?: readonly string[];
  /** Where the settings came from, for errors ("stacksweep.yaml"). */
  file?: string;
}

export interface CheckRun {
  check: Check;
  detections: Detection[];
}

export interface RunResult {
  /** One entry per check that ran (fully or partly), in the order given. */
  runs: CheckRun[];
  inconclusive: InconclusiveCheck[];
}

export function runChecks(inventory: Inventory, checks: readonly Check[], settings: RunSettings = {}): RunResult {
  const thresholds = mergeThresholds(checks, settings);
  const now = new Date(inventory.scannedAt);
  const runs: CheckRun[] = [];
  const inconclusive: InconclusiveCheck[] = [];
  const { cloud, region } = inventory;

  for (const check of checks) {
    const missing = incompleteReasons(inventory, check.needs);
    if (missing.length > 0) {
      inconclusive.push({ cloud, region, check: check.id, reason: missing.join("; ") });
      continue;
    }
    const partly = [
      ...incompleteReasons(inventory, check.optional ?? []),
      ...unconfirmedReasons(inventory, [...check.needs, ...(check.optional ?? [])]),
      ...absentTargetReasons(inventory, check),
    ];
    try {
      const context = { inventory, now, thresholds: thresholds.get(check.id) ?? {} };
      runs.push({ check, detections: check.run(context) });
      partly.push(...(check.undecided?.(context) ?? []));
    } catch (error) {
      // A bug in one check (or a record shaped unlike any seen) must not hide the findings of all the others.
      const message = error instanceof Error ? error.message : String(error);
      inconclusive.push({ cloud, region, check: check.id, reason: `the check failed: ${message}` });
    }
    if (partly.length > 0) {
      inconclusive.push({ cloud, region, check: check.id, reason: `partial: ${partly.join("; ")}` });
    }
  }
  return { runs, inconclusive };
}

function incompleteReasons(inventory: Inventory, types: readonly ResourceTypeId[]): string[] {
  const reasons: string[] = [];
  for (const type of types) {
    const coverage = inventory.coverage[type];
    if (coverage === undefined) reasons.push(`${type}: not listed`);
    else if (!coversRegion(coverage)) reasons.push(`${type}: ${coverage.status} (${coverage.reason})`);
  }
  return reasons;
}

/**
 * A reference that is absent from a listing counts as missing only when its lookup answered 404; a lookup that
 * failed (timeout, 5xx) leaves the check unable to say whether that resource is orphaned. A check that reads both
 * the referring type and the referenced one is then partial, never silently short of a finding.
 */
function unconfirmedReasons(inventory: Inventory, reads: readonly ResourceTypeId[]): string[] {
  const reasons: string[] = [];
  const complete = reads.filter((type) => coversRegion(inventory.coverage[type]));
  for (const target of complete) {
    const unknown = Object.values(inventory.confirmations[target] ?? {}).filter((outcome) => outcome === "unknown");
    if (unknown.length === 0) continue;
    const referred = complete.some((type) => {
      const declaration = resourceType(type);
      return (
        declaration.references.some((reference) => reference.target === target) ||
        (target === "identity.project" && declaration.ownerField !== null)
      );
    });
    if (referred) {
      const ids = unknown.length === 1 ? "1 id" : `${unknown.length} ids`;
      reasons.push(`${target}: no answer to the lookup of ${ids} absent from the listing`);
    }
  }
  return reasons;
}

/**
 * A type whose service is not in the catalog holds nothing, yet a record may still name one of its resources (a port
 * left by an Octavia since removed): a check whose findings rest on such a reference (its `confirms`) has nothing to
 * look it up in, so it is partial.
 */
function absentTargetReasons(inventory: Inventory, check: Check): string[] {
  const reasons: string[] = [];
  for (const target of new Set((check.confirms ?? []).map((confirm) => confirm.type))) {
    const coverage = inventory.coverage[target];
    if (coverage?.status !== "absent") continue;
    let named = 0;
    for (const type of [...check.needs, ...(check.optional ?? [])]) {
      if (!coversRegion(inventory.coverage[type])) continue;
      for (const reference of resourceType(type).references) {
        if (reference.target !== target) continue;
        for (const record of inventory.resources[type] ?? []) named += referenceValues(record, reference).length;
      }
    }
    if (named > 0) reasons.push(`${target}: absent (${coverage.reason}), yet listed records name ${named}`);
  }
  return reasons;
}

/** The thresholds each check runs with; throws ConfigError for an unknown check or key or a value of the wrong kind. */
export function mergeThresholds(checks: readonly Check[], settings: RunSettings): Map<string, Check["thresholds"]> {
  const file = settings.file ?? "settings";
  const byId = new Map(checks.map((check) => [check.id, check]));
  const known = new Set([...(settings.knownCheckIds ?? []), ...byId.keys()]);
  const merged = new Map<string, Check["thresholds"]>();
  for (const check of checks) merged.set(check.id, { ...check.thresholds });

  for (const [checkId, overrides] of Object.entries(settings.thresholds ?? {})) {
    if (!known.has(checkId)) {
      throw new ConfigError({
        file,
        key: `thresholds.${checkId}`,
        expected: `a check id (one of ${[...known].sort().join(", ")})`,
      });
    }
    const check = byId.get(checkId);
    if (check === undefined) continue; // a known check that is not enabled in this scan
    for (const [key, value] of Object.entries(overrides)) {
      const fallback = check.thresholds[key];
      const keys = Object.keys(check.thresholds);
      if (fallback === undefined) {
        throw new ConfigError({
          file,
          key: `thresholds.${checkId}.${key}`,
          expected:
            keys.length === 0
              ? `nothing: ${checkId} has no thresholds`
              : `a threshold of ${checkId} (one of ${keys.join(", ")})`,
        });
      }
      if (!sameKind(fallback, value)) {
        throw new ConfigError({ file, key: `thresholds.${checkId}.${key}`, expected: kindOf(fallback) });
      }
      merged.get(checkId)![key] = value;
    }
  }
  return merged;
}

/** Whether an operator's value has the kind of the default (a number 0 or more, a string, a list of strings). */
export function sameKind(fallback: ThresholdValue, value: unknown): value is ThresholdValue {
  if (Array.isArray(fallback)) return Array.isArray(value) && value.every((item) => typeof item === "string");
  if (typeof fallback === "number") return typeof value === "number" && Number.isFinite(value) && value >= 0;
  return typeof value === "string";
}

/** The kind of a default, in words, for a ConfigError's "expected". */
export function kindOf(fallback: ThresholdValue): string {
  if (Array.isArray(fallback)) return "a list of strings";
  return typeof fallback === "number" ? "a number, 0 or more" : "a string";
}
