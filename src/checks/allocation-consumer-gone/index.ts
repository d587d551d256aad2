// allocation-consumer-gone: placement allocations whose consumer is no live instance in any Nova cell and no
// migration, from the placement and cell databases: what `nova-manage placement audit` reports, without a request
// per resource provider, and exact during migrations (the API check must stay silent while any server migrates).
// Where the API check reports the same consumer, its finding carries this one's evidence instead.

import type { Check, Detection } from "../check.ts";
import { neededRecords } from "../support/inventory-view.ts";
import { object, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const allocationConsumerGone: Check = {
  id: "allocation-consumer-gone",
  title: "Placement allocation of no instance (database)",
  description:
    "Allocations whose consumer is neither a live instance in any cell nor a migration, read from the placement " +
    "and Nova cell databases.",
  severity: "warning",
  needs: ["database.allocation-of-no-instance"],
  thresholds: {},
  sameFindingAs: "allocation-orphaned",
  remediation: [STEP.allocationDelete("{consumer_uuid}")],
  run({ inventory }) {
    // One detection per consumer, named by its consumer uuid as the API check names it (placement-allocation.ts).
    const byConsumer = new Map<string, { resources: Record<string, unknown>; project: string | null }>();
    for (const allocation of neededRecords(inventory, "database.allocation-of-no-instance")) {
      const consumer = text(allocation, "consumer_uuid");
      const provider = text(allocation, "resource_provider_uuid");
      if (consumer === null || provider === null) continue;
      const entry = byConsumer.get(consumer) ?? { resources: {}, project: text(allocation, "project_id") };
      entry.resources[provider] = object(allocation, "resources");
      byConsumer.set(consumer, entry);
    }
    const detections: Detection[] = [];
    for (const [consumer, entry] of byConsumer) {
      const providers = Object.keys(entry.resources).length;
      detections.push({
        resourceType: "placement.allocation",
        resourceId: consumer,
        summary: `allocation of consumer ${consumer}, no instance in any cell and no migration, on ${providers} provider${providers > 1 ? "s" : ""}`,
        evidence: {
          consumer_uuid: consumer,
          project_id: entry.project,
          resources: entry.resources,
          cells: "no live instance, no migration",
          source: "database",
        },
        since: null,
        remediation: [STEP.allocationDelete(consumer)],
      });
    }
    return detections;
  },
};
