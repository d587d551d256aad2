// The unit of everything downstream (reports, history, plans): one problem with one resource.

import { createHash } from "node:crypto";
import type { RemediationStep } from "../checks/check.ts";
import type { Severity } from "../checks/severity.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";

/**
 * A remediation step of a finding: the check's step with what its action says about itself, the call (ids filled
 * in) as an operator reads it and whether it is destructive.
 */
export interface FindingStep extends RemediationStep {
  destructive: boolean;
  call: string;
}

/** Completes a check's step for one resource from its action's declaration (given by the stage that knows actions). */
export type DescribeStep = (step: RemediationStep, resource: { type: ResourceTypeId; id: string }) => FindingStep;

export interface FindingResource {
  type: ResourceTypeId;
  id: string;
  name: string | null;
  projectId: string | null;
  /** Whether the owner project exists: null when the resource has no owner or the project set is incomplete. */
  projectExists: boolean | null;
  cloud: string;
  region: string;
  /** The owner project's name and its domain's name, from the listings (absent for a deleted or unlisted project). */
  projectName?: string;
  domainName?: string;
  /** What the resource holds (its resource type's `holds`), for what the debris costs; absent when nothing. */
  holds?: Holdings;
}

/** Storage in GiB, vCPUs and RAM in MiB that one resource (or a sum of them) holds. */
export interface Holdings {
  gib?: number;
  vcpus?: number;
  ramMib?: number;
}

export interface Finding {
  /** Stable across scans: the same check on the same resource in the same cloud and region has the same id. */
  id: string;
  check: string;
  severity: Severity;
  summary: string;
  resource: FindingResource;
  evidence: Record<string, unknown>;
  /** Seconds since the resource entered the state (from `updated_at`), null when unknown. */
  ageSeconds: number | null;
  remediation: FindingStep[];
}

/** sha256 over what identifies the problem, so history can tell "still open" from "new". */
export function findingId(
  check: string,
  cloud: string,
  region: string,
  type: ResourceTypeId,
  resourceId: string,
): string {
  return createHash("sha256")
    .update(`${check}\0${cloud}\0${region}\0${type}\0${resourceId}`)
    .digest("hex")
    .slice(0, 20);
}
