// volume-quota-usage-drift: Cinder quota usages that differ from what the project really holds, from Cinder's
// database. Drifted usages refuse creates the project has room for ("VolumeLimitExceeded") or allow more than the
// quota; nannies and operators fix them with Cinder's own tool, never a hand-written UPDATE.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { num, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const volumeQuotaUsageDrift: Check = {
  id: "volume-quota-usage-drift",
  title: "Cinder quota usage differs from the real usage",
  description:
    "Cinder quota_usages whose in_use differs from the project's real count or sum of volumes, gigabytes, " +
    "snapshots and backups (per volume type too), unchanged for longer than the threshold.",
  severity: "warning",
  needs: ["database.cinder-quota-usage-drift"],
  // A create or delete in flight changes the usage row within seconds: a row that has not moved for ten minutes
  // is not racing the counts.
  thresholds: { minUnchangedSeconds: 600 },
  thresholdReasons: {
    minUnchangedSeconds:
      "Cinder changes a usage and its resource in one request: a difference that stays unchanged ten minutes is no request in flight",
  },
  remediation: [
    STEP.report(
      "the cloud operators: `cinder-manage quota sync --project-id {project_id}` (Cinder's own recount; `quota check` shows the drift first)",
    ),
  ],
  run(context) {
    const minAge = numberThreshold(context, "minUnchangedSeconds");
    const detections: Detection[] = [];
    for (const usage of neededRecords(context.inventory, "database.cinder-quota-usage-drift")) {
      const id = keyOf("database.cinder-quota-usage-drift", usage);
      const since = text(usage, "updated_at");
      const age = secondsSince(since, context.now);
      if (id === null || (age !== null && age <= minAge)) continue;
      const project = text(usage, "project_id") ?? "?";
      detections.push({
        resourceType: "database.cinder-quota-usage-drift",
        resourceId: id,
        summary: `quota usage ${text(usage, "resource") ?? "?"} says ${num(usage, "in_use") ?? "?"}, the project holds ${num(usage, "actual") ?? "?"}${age === null ? "" : ` (unchanged for ${formatDuration(age)})`}`,
        evidence: { ...pick(usage, ["resource", "in_use", "actual", "reserved", "updated_at"]), source: "database" },
        since,
        remediation: [
          STEP.report(
            `the cloud operators: \`cinder-manage quota sync --project-id ${project}\` (Cinder's own recount; \`quota check\` shows the drift first)`,
          ),
        ],
      });
    }
    return detections;
  },
};
