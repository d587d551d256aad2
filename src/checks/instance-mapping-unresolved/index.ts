// instance-mapping-unresolved: rows of Nova's API database that point nowhere. An instance mapping without a cell
// and without a build request is a boot that died in between: the instance counts in the project's quota while
// `GET /servers/{id}` answers 404. A build request whose mapping has a cell is one the conductor did not delete:
// the server is listed twice.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const instanceMappingUnresolved: Check = {
  id: "instance-mapping-unresolved",
  title: "Nova instance mapping without cell or build request",
  description:
    "Instance mappings with no cell and no build request, and build requests whose instance already has a cell, " +
    "older than the threshold, from Nova's API database.",
  severity: "warning",
  needs: ["database.instance-mapping-unresolved"],
  // A boot in flight has a mapping without a cell for seconds: an hour leaves no doubt.
  thresholds: { maxAgeSeconds: 3600 },
  thresholdReasons: {
    maxAgeSeconds:
      "a build request or an unmapped instance lives only while nova-conductor schedules the server (seconds; minutes with reschedules): an hour clears every retry",
  },
  remediation: [],
  run(context) {
    const maxAge = numberThreshold(context, "maxAgeSeconds");
    const detections: Detection[] = [];
    for (const row of neededRecords(context.inventory, "database.instance-mapping-unresolved")) {
      const id = keyOf("database.instance-mapping-unresolved", row);
      const since = stateSince(row);
      const age = secondsSince(since, context.now);
      if (id === null || age === null || age <= maxAge) continue;
      const withoutCell = text(row, "problem") === "mapping-without-cell";
      detections.push({
        resourceType: "database.instance-mapping-unresolved",
        resourceId: id,
        summary: withoutCell
          ? `instance mapping without cell or build request for ${formatDuration(age)}`
          : `build request left behind for ${formatDuration(age)} (instance in ${text(row, "cell_name") ?? "a cell"})`,
        evidence: { ...pick(row, ["problem", "project_id", "cell_name", "created_at"]), source: "database" },
        since,
        remediation: [
          STEP.report(
            withoutCell
              ? "the cloud operators: delete the instance_mappings row in Nova's API database (no instance was ever created)"
              : "the cloud operators: delete the build_requests row in Nova's API database (the instance lives in its cell)",
          ),
        ],
      });
    }
    return detections;
  },
};
