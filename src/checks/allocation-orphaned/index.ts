// allocation-orphaned: placement allocations held by a consumer that is no server: the capacity they claim is
// invisible to users and unusable by the scheduler ("No valid host" on an empty hypervisor).

import type { Check, Detection } from "../check.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { object, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

const MIGRATING_STATUSES = new Set(["MIGRATING", "RESIZE", "VERIFY_RESIZE", "REVERT_RESIZE"]);

export const allocationOrphaned: Check = {
  id: "allocation-orphaned",
  title: "Placement allocation of no server",
  description:
    "Allocations whose consumer is absent from the complete server list and answered 404 to GET /servers/{id}. " +
    "While any server is migrating or resizing nothing is reported: its migration holds allocations under a " +
    "migration uuid that only the migrations list could tell apart.",
  severity: "warning",
  needs: ["placement.allocation", "compute.server"],
  thresholds: {},
  confirms: [{ type: "compute.server", idsFrom: "consumer_uuid" }],
  remediation: [STEP.allocationDelete("{consumer_uuid}")],
  run({ inventory }) {
    const servers = neededRecords(inventory, "compute.server");
    const migrating = servers.some((s) => {
      const task = text(s, "OS-EXT-STS:task_state") ?? "";
      return MIGRATING_STATUSES.has(text(s, "status") ?? "") || task.startsWith("resize_") || task === "migrating";
    });
    if (migrating) return [];
    // One detection per consumer (the record id): deleting a consumer's allocations frees every provider at once.
    const byConsumer = new Map<string, { providers: string[]; resources: Record<string, unknown> }>();
    for (const allocation of neededRecords(inventory, "placement.allocation")) {
      const consumer = keyOf("placement.allocation", allocation);
      const provider = text(allocation, "resource_provider_uuid");
      if (consumer === null || provider === null) continue;
      if (!isConfirmedMissing(inventory, "compute.server", consumer)) continue;
      const entry = byConsumer.get(consumer) ?? { providers: [], resources: {} };
      entry.providers.push(provider);
      entry.resources[provider] = object(allocation, "resources");
      byConsumer.set(consumer, entry);
    }
    const detections: Detection[] = [];
    for (const [consumer, entry] of byConsumer) {
      detections.push({
        resourceType: "placement.allocation",
        resourceId: consumer,
        summary: `allocation of deleted consumer ${consumer} on ${entry.providers.length} provider${entry.providers.length > 1 ? "s" : ""}`,
        evidence: {
          consumer_uuid: consumer,
          resource_provider_uuids: entry.providers.sort(),
          resources: entry.resources,
          serverLookup: "GET /servers/{id} → 404",
        },
        since: null,
        remediation: [STEP.allocationDelete(consumer)],
      });
    }
    return detections;
  },
};
