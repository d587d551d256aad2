// The schema of a saved inventory file (`--save-inventory` / `--from-inventory`), versioned so an old file is
// refused with a clear line instead of being misread.
import * as z from "zod";
import { DEEP_SOURCE_IDS } from "../deep/deep-source.ts";
import { RESOURCE_TYPE_IDS } from "./resource-type-id.ts";

export const INVENTORY_FILE_KIND = "stacksweep-inventory";
export const INVENTORY_FILE_SCHEMA_VERSION = 1;

const typeId = z.enum(RESOURCE_TYPE_IDS);

const coverage = z.discriminatedUnion("status", [
  z.strictObject({
    status: z.literal("complete"),
    count: z.number().int().nonnegative(),
    requests: z.number().int(),
    source: z.enum(DEEP_SOURCE_IDS).optional(),
    apiFailure: z.string().optional(),
    scope: z.string().optional(),
  }),
  z.strictObject({
    status: z.enum(["failed", "forbidden", "absent", "truncated", "skipped"]),
    reason: z.string(),
  }),
]);

/**
 * A listed record: a JSON object, taken as it is. `z.record` would copy each one, and a million records were 1.6 GB
 * of peak memory to replay (1.45 GB so, most of it the records themselves and the file read whole).
 */
const record = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  { message: "an object (a listed record)" },
);

const inventory = z.strictObject({
  schemaVersion: z.literal(1),
  cloud: z.string().min(1),
  region: z.string(),
  scannedAt: z.iso.datetime({ offset: true }),
  caller: z.strictObject({
    userId: z.string(),
    projectId: z.string().nullable(),
    domainId: z.string().nullable(),
  }),
  resources: z.partialRecord(typeId, z.array(record)),
  coverage: z.partialRecord(typeId, coverage),
  confirmations: z.partialRecord(typeId, z.record(z.string(), z.enum(["exists", "missing", "unknown"]))),
  clock: z.array(z.strictObject({ source: z.string(), skewMs: z.number() })),
});

export const inventoryFileSchema = z.strictObject({
  kind: z.literal(INVENTORY_FILE_KIND),
  schemaVersion: z.literal(INVENTORY_FILE_SCHEMA_VERSION),
  savedAt: z.iso.datetime({ offset: true }),
  /** One inventory per cloud and region scanned. */
  inventories: z.array(inventory),
});

export type InventoryFile = z.infer<typeof inventoryFileSchema>;
