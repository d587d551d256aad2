// The zod schema of a saved scan (the JSON and YAML reports): it publishes docs/report-schema.json and validates
// a scan when it is read back (`plan --from-scan FILE`), so what is written and what is accepted cannot drift apart.

import * as z from "zod";
import { DEEP_SOURCE_IDS } from "../deep/deep-source.ts";
import { SEVERITIES } from "../checks/severity.ts";
import { RESOURCE_TYPE_IDS } from "../inventory/resource-type-id.ts";
import { SCAN_RESULT_SCHEMA_VERSION, type ScanResult } from "../findings/scan-result.ts";

const isoDateTime = z.iso.datetime({ offset: true });
const resourceType = z.enum(RESOURCE_TYPE_IDS);

const coverageSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("complete"),
    count: z.int().nonnegative(),
    requests: z.int().nonnegative(),
    source: z
      .enum(DEEP_SOURCE_IDS)
      .optional()
      .describe("Set when a source below the API listed the type because the API could not (e.g. 'database')"),
    apiFailure: z.string().optional().describe("Why the API listing failed, when `source` stood in for it"),
    scope: z
      .string()
      .optional()
      .describe("Set when the API lets a scan list only part of the collection (Swift accounts): what was not seen"),
    via: z
      .string()
      .optional()
      .describe("How a source below the API read the type, when it has more than one way (e.g. 'python3-rbd')"),
  }),
  z.object({
    status: z.enum(["failed", "forbidden", "absent", "truncated", "skipped"]),
    reason: z.string().describe("Why the listing is not complete, e.g. 'HTTP 403 from GET /v2/octavia/amphorae'"),
  }),
]);

const remediationStepSchema = z.object({
  action: z.string().describe("Remediation registry id, e.g. 'volume.reset-status'"),
  destructive: z.boolean(),
  call: z.string().describe("The API call as an operator reads it, e.g. 'POST /volumes/{id}/action {...}'"),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).exactOptional(),
  then: z
    .string()
    .describe("The action that completes this one on the same resource, e.g. 'snapshot.delete' after a reset")
    .exactOptional(),
});

const findingSchema = z.object({
  id: z.string().describe("Stable across scans: same check, cloud, region and resource give the same id"),
  check: z.string(),
  severity: z.enum(SEVERITIES),
  summary: z.string(),
  resource: z.object({
    type: resourceType,
    id: z.string(),
    name: z.string().nullable(),
    projectId: z.string().nullable(),
    projectExists: z
      .boolean()
      .nullable()
      .describe("Null when the resource has no owner or the project set was incomplete"),
    cloud: z.string(),
    region: z.string(),
    projectName: z.string().exactOptional().describe("The owner project's name in the project listing"),
    domainName: z.string().exactOptional().describe("The name of the owner project's domain"),
    holds: z
      .object({
        gib: z.number().nonnegative().exactOptional(),
        vcpus: z.number().nonnegative().exactOptional(),
        ramMib: z.number().nonnegative().exactOptional(),
      })
      .exactOptional()
      .describe("What the resource holds: storage in GiB, vCPUs, RAM in MiB"),
  }),
  evidence: z.record(z.string(), z.unknown()).describe("The API fields that prove the finding, by their API names"),
  ageSeconds: z.number().nullable().describe("Seconds since the resource entered the state"),
  remediation: z.array(remediationStepSchema).describe("Steps that would fix it, in order of preference"),
});

export const scanResultSchema = z
  .object({
    schemaVersion: z.literal(SCAN_RESULT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal("stacksweep"), version: z.string() }),
    startedAt: isoDateTime,
    durationMs: z.number().nonnegative(),
    clouds: z.array(
      z.object({
        cloud: z.string(),
        region: z.string(),
        scannedAt: isoDateTime,
        error: z.string().exactOptional().describe("Set when the region could not be scanned at all"),
      }),
    ),
    coverage: z.array(
      z.object({ cloud: z.string(), region: z.string(), type: resourceType, coverage: coverageSchema }),
    ),
    inconclusive: z.array(z.object({ cloud: z.string(), region: z.string(), check: z.string(), reason: z.string() })),
    findings: z.array(findingSchema),
    requests: z.array(
      z.object({
        cloud: z.string(),
        region: z.string(),
        service: z.string(),
        count: z.int().nonnegative(),
        errors: z.int().nonnegative(),
        bytes: z.int().nonnegative(),
        totalMs: z.number().nonnegative(),
      }),
    ),
    project: z
      .object({ id: z.string(), deletedAt: isoDateTime.nullable() })
      .exactOptional()
      .describe("Set for a project scan (the orphan manager's): only this project's resources were listed"),
  })
  .meta({
    title: "stacksweep scan result",
    description: "One scan of one or more OpenStack clouds and regions, as written by `stacksweep scan -f json|yaml`",
  });

// Fails to compile when the contract in findings/scan-result.ts changes without this schema.
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _SchemaMatchesContract = Assert<Equals<z.output<typeof scanResultSchema>, ScanResult>>;
