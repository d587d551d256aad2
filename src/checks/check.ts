// What a check is: a pure rule over one inventory. It declares the resource types it reads; if any of them is
// incomplete it is not run at all and is reported inconclusive (the fail-closed rule).

import type { Inventory } from "../inventory/inventory.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { Severity } from "./severity.ts";

/**
 * One step that would fix a finding, in order of preference, as a check names it: an action of the remediation
 * registry by id (`src/remediation/actions/`), which alone knows its call and whether it is destructive; or
 * `report` with the words to say. Write it with the builders of `support/remediation-steps.ts`.
 */
export interface RemediationStep {
  action: string; // e.g. "volume.reset-status", "loadbalancer.failover", "port.delete"
  /** Parameters the action needs beyond the resource id (e.g. the attachment id, the target status). */
  params?: Record<string, string | number | boolean | null>;
  /** The action that completes this one on the same resource, by id (a reset-status that unblocks "snapshot.delete"). */
  then?: string;
  /** Only for a step no action runs (`report`): what to do, in words. An action's call comes from the action. */
  call?: string;
}

/**
 * A reference a finding rests on: something the resource points at that must be gone. The scan confirms it with a
 * lookup (the resource type declares the reference in its `references`, which a registry test holds it to), and
 * apply looks it up again and acts only on another 404.
 */
export interface Confirms {
  /** The type of what must be gone: the target of the reference. */
  type: ResourceTypeId;
  /**
   * The reference's path on the finding's resource type, exactly as its `references` declare it ("volume_id",
   * "attachments[].server_id", "name" for the ids Octavia writes into a port's name); its `when`, `match` and
   * `ignoreValues` apply to the finding's evidence. "owner": the resource's owner project.
   */
  idsFrom: string;
  /**
   * The evidence field where the check wrote the lookup it relied on: the reference counts only when that answered
   * 404 ("GET … → 404"); a record listed DELETED has no 404 to look for again.
   */
  onlyIf404?: string;
}

/** What a check reports about one resource; the findings stage turns it into a `Finding`. */
export interface Detection {
  resourceType: ResourceTypeId;
  resourceId: string;
  summary: string; // one line, no trailing period
  /** The fields that prove it, copied from the records (API field names). */
  evidence: Record<string, unknown>;
  /** When the resource entered the state (its `updated_at`), for the age; null when unknown. */
  since: string | null;
  /** Overrides the check's remediation when the fix depends on the resource (e.g. which stuck status). */
  remediation?: RemediationStep[];
  /** Overrides the check's severity for this resource. */
  severity?: Severity;
}

export interface CheckContext {
  inventory: Inventory;
  /** The scan time (the inventory's `scannedAt`), the only clock a check may read. */
  now: Date;
  /** This check's thresholds, defaults merged with the operator's settings. */
  thresholds: Record<string, number | string | string[]>;
}

export interface Check {
  id: string; // kebab-case, stable forever once released
  title: string;
  description: string;
  severity: Severity;
  /** Resource types the check reads; each must have complete coverage for the check to run. */
  needs: readonly ResourceTypeId[];
  /**
   * Types the check reads when they are complete and skips when not (e.g. `orphaned-resource` over every owned type):
   * each incomplete one is reported as a partial inconclusive, and the check must read only complete ones.
   */
  optional?: readonly ResourceTypeId[];
  /** Default thresholds with their units in the key (`maxAgeSeconds`, `sensitivePorts`). */
  thresholds: Record<string, number | string | string[]>;
  /**
   * One line per threshold: why its default is what it is, with the source (a service's own timeout, a measured
   * duration). `stacksweep checks` prints it; a test holds every threshold to one.
   */
  thresholdReasons?: Record<string, string>;
  remediation: RemediationStep[];
  /** The references its findings rest on: confirmed by the scan, re-checked live by apply before any step. */
  confirms?: readonly Confirms[];
  /**
   * A check below the API that sees what an API check sees too (a server's volume that Cinder deleted, a consumer
   * with no server): the id of that API check. When both report the same resource, one finding is reported, the API
   * check's, with this check's evidence added under `database`.
   */
  sameFindingAs?: string;
  run(context: CheckContext): Detection[];
  /**
   * Why some resources could not be judged although every listing is complete (an amphora agent that did not answer,
   * a hypervisor whose libvirt did not): each reason makes the run partial, never a silent all-clear.
   */
  undecided?(context: CheckContext): string[];
}
