// The unit of everything downstream (reports, history, plans): one problem with one resource.

import { createHash } from "node:crypto";
import type { RemediationStep } from "../checks/check.ts";
import type { Severity } from "../checks/severity.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";

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
  remediation: RemediationStep[];
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
