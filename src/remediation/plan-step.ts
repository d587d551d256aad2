// One step of a remediation plan: one action on one resource, what must still hold live before it runs, which
// steps must succeed first, and whether the safety rails let it run at all.

import * as z from "zod";
import { RESOURCE_TYPE_IDS } from "../inventory/resource-type-id.ts";

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const resourceRef = z.strictObject({ type: z.enum(RESOURCE_TYPE_IDS), id: z.string().min(1) });

export const planStepSchema = z.strictObject({
  /** 1-based position: steps run in this order (the catalog's delete order). */
  step: z.number().int().positive(),
  action: z.string().min(1),
  destructive: z.boolean(),
  /** The API call as an operator reads it, ids filled in. */
  call: z.string(),
  params: z.record(z.string(), scalar),
  /** The resource the call acts on (for an amphora's load balancer failover: the load balancer). */
  target: resourceRef,
  /** The resource the finding is about: re-read live before the step. */
  resource: resourceRef.extend({ name: z.string().nullable(), projectId: z.string().nullable() }),
  findingIds: z.array(z.string()),
  /** The resource each cited finding is about, in the order of `findingIds`: apply checks the target against them. */
  findingResources: z.array(resourceRef),
  checks: z.array(z.string()),
  precondition: z.strictObject({
    /** One line: what apply re-checks ("status is error; project 1234 still answers 404"). */
    text: z.string(),
    /** Fields the live record must still show, as the finding saw them (or as the previous step left them). */
    fields: z.record(z.string(), scalar),
    /** References that must still answer 404 (the deleted owner project, the vanished server). */
    missing: z.array(resourceRef),
  }),
  /** Steps that must have succeeded before this one runs. */
  dependsOn: z.array(z.number().int().positive()),
  /** `excluded`: a safety rail (or an excluded prerequisite) keeps it out; `reason` says which. */
  status: z.enum(["planned", "excluded"]),
  reason: z.string().nullable(),
});

export type PlanStep = z.infer<typeof planStepSchema>;
