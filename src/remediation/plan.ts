// A remediation plan (`plan.json`): the reviewed list of steps `apply` executes exactly, for one cloud region, with
// the scan it came from. Versioned, and validated with zod when read back so a hand-edited file cannot smuggle in
// an unknown action or a malformed step.

import * as z from "zod";
import { RESOURCE_TYPE_IDS } from "../inventory/resource-type-id.ts";
import { planStepSchema } from "./plan-step.ts";

export const PLAN_SCHEMA_VERSION = 1;

export const planSchema = z.strictObject({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  kind: z.literal("stacksweep-plan"),
  /** Random, so two plans never share audit entries; a resumed apply finds its own done steps by it. */
  id: z.string().min(8),
  createdAt: z.iso.datetime(),
  tool: z.strictObject({ name: z.literal("stacksweep"), version: z.string() }),
  cloud: z.string().min(1),
  region: z.string().min(1),
  source: z.strictObject({
    kind: z.enum(["scan", "purge"]),
    /** When the scan (or purge listing) started. */
    scannedAt: z.string(),
    /** The saved scan read with --from-scan (file name only), null when plan scanned itself. */
    file: z.string().nullable(),
    /** purge: the project whose resources are removed. */
    projectId: z.string().nullable(),
  }),
  /** The rails as they were when the plan was made (apply enforces its own, which may be stricter). */
  rails: z.strictObject({ graceSeconds: z.number().nonnegative(), allowDbWrite: z.boolean() }),
  steps: z.array(planStepSchema),
  /** Findings with nothing to execute (report-only remediation), so the plan accounts for every finding. */
  reportOnly: z.array(
    z.strictObject({
      findingId: z.string(),
      check: z.string(),
      resource: z.strictObject({ type: z.enum(RESOURCE_TYPE_IDS), id: z.string() }),
      reason: z.string(),
    }),
  ),
});

export type Plan = z.infer<typeof planSchema>;
