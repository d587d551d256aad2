// purge: every resource one project owns, as findings the planner turns into steps. Ownership is read from the admin
// listings (owner id compared explicitly: Neutron shows an admin every project's records), never by switching
// into the project, so it works when Keystone no longer has the project. The orphaned-resource rule supplies the
// deletes (and what must be left to the operator, such as shared networks), with the project treated as gone.

import { orphanedResource } from "../../checks/orphaned-resource/index.ts";
import { buildFindings } from "../../findings/build.ts";
import { describeStep } from "./describe-step.ts";
import { findingId, type Finding } from "../../findings/finding.ts";
import type { Inventory } from "../../inventory/inventory.ts";

export const PURGE_CHECK = "purge";

export function purgeFindings(inventory: Inventory, projectId: string): Finding[] {
  // The inventory as if the project were gone: the rule then names exactly its resources (and real orphans of other
  // projects, which are filtered out below).
  const projects = (inventory.resources["identity.project"] ?? []).filter((p) => p["id"] !== projectId);
  const view: Inventory = {
    ...inventory,
    resources: { ...inventory.resources, "identity.project": projects },
    confirmations: {
      ...inventory.confirmations,
      "identity.project": { ...inventory.confirmations["identity.project"], [projectId]: "missing" },
    },
  };
  const detections = orphanedResource.run({ inventory: view, now: new Date(inventory.scannedAt), thresholds: {} });
  return buildFindings(view, [{ check: orphanedResource, detections }], describeStep)
    .filter((finding) => finding.resource.projectId === projectId)
    .map((finding) => ({
      ...finding,
      id: findingId(PURGE_CHECK, inventory.cloud, inventory.region, finding.resource.type, finding.resource.id),
      check: PURGE_CHECK,
      summary: `${finding.resource.type} of project ${projectId} (purge)`,
    }));
}
