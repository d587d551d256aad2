// The faults a test or an operator can inject, validated at the control API's boundary.

import * as z from "zod";
import { SERVICE_TYPES } from "@stacksweep/names";

const filterShape = {
  service: z.enum(SERVICE_TYPES).optional(),
  method: z.string().min(1).optional(),
  /** A regular expression tested against the request's path and query (`/compute/v2.1/servers/detail?limit=5`). */
  path: z
    .string()
    .optional()
    .refine((source) => source === undefined || isValidRegex(source), { message: "not a valid regular expression" }),
  /** How many requests the fault applies to; absent means every matching request until cleared. */
  count: z.number().int().positive().optional(),
};

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const faultSpecSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("status"),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    ...filterShape,
  }),
  z.object({ kind: z.literal("reset"), ...filterShape }),
  z.object({ kind: z.literal("latency"), ms: z.number().int().nonnegative(), ...filterShape }),
  z.object({ kind: z.literal("hang"), ms: z.number().int().nonnegative(), ...filterShape }),
  z.object({ kind: z.literal("malformed-json"), ...filterShape }),
  z.object({ kind: z.literal("repeat-marker"), ...filterShape }),
]);

export type FaultSpec = z.infer<typeof faultSpecSchema>;
