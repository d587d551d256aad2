// Turns what checks detected into findings: stable ids, the resource's name and owner from its declared fields,
// whether the owner exists, the age, and remediation steps with the resource's ids filled in.
import type { Check, Detection, RemediationStep } from "../checks/check.ts";
import type { Inventory } from "../inventory/inventory.ts";
import { parseOpenStackTime } from "../inventory/parse-openstack-time.ts";
import { recordId } from "../inventory/record-id.ts";
import { resourceType } from "../inventory/registry.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { ResourceType } from "../inventory/resource-type.ts";
import { findingId, type DescribeStep, type Finding, type FindingStep, type Holdings } from "./finding.ts";

/** `describe` completes each remediation step from its action (src/remediation's `describeStep`). */
export function buildFindings(
  inventory: Inventory,
  runs: readonly { check: Check; detections: readonly Detection[] }[],
  describe: DescribeStep,
): Finding[] {
  const records = new RecordIndex(inventory, runs);
  const projectExists = ownerExistence(inventory);
  const projectNames = projectNaming(inventory);
  const now = Date.parse(inventory.scannedAt);
  const findings: Finding[] = [];
  const byCheckAndResource = new Map<string, Finding>();
  // Checks that join an API check's finding come last, so that finding is there to join.
  const ordered = [...runs].sort(
    (a, b) => Number(a.check.sameFindingAs !== undefined) - Number(b.check.sameFindingAs !== undefined),
  );
  for (const { check, detections } of ordered) {
    for (const detection of detections) {
      const joined =
        check.sameFindingAs === undefined
          ? undefined
          : byCheckAndResource.get(`${check.sameFindingAs} ${detection.resourceType} ${detection.resourceId}`);
      if (joined !== undefined) {
        joined.evidence = { ...joined.evidence, database: detection.evidence };
        continue;
      }
      const type = resourceType(detection.resourceType);
      const record = records.get(detection.resourceType, detection.resourceId);
      const name = type.nameField === null ? null : stringOrNull(record?.[type.nameField]);
      const projectId = type.ownerField === null ? null : stringOrNull(record?.[type.ownerField]);
      const since = parseOpenStackTime(detection.since);
      const holds = record === undefined ? undefined : holdingsOf(type.holds, record);
      findings.push({
        id: findingId(check.id, inventory.cloud, inventory.region, detection.resourceType, detection.resourceId),
        check: check.id,
        severity: detection.severity ?? check.severity,
        summary: detection.summary,
        resource: {
          type: detection.resourceType,
          id: detection.resourceId,
          name,
          projectId,
          projectExists: projectId === null ? null : projectExists(projectId),
          cloud: inventory.cloud,
          region: inventory.region,
          ...(projectId === null ? {} : projectNames(projectId)),
          ...(holds === undefined ? {} : { holds }),
        },
        evidence: evidenceOf(inventory, detection),
        // A `since` in the future means a skewed clock, not a negative age.
        ageSeconds: since === null ? null : Math.max(0, Math.floor((now - since) / 1000)),
        remediation: (detection.remediation ?? check.remediation).map((step) =>
          fillIn(step, { type: detection.resourceType, id: detection.resourceId }, describe),
        ),
      });
      byCheckAndResource.set(`${check.id} ${detection.resourceType} ${detection.resourceId}`, findings.at(-1)!);
    }
  }
  return findings;
}

/** A record read from a source below the API in place of the failed API listing says so in its evidence. */
function evidenceOf(inventory: Inventory, detection: Detection): Record<string, unknown> {
  const coverage = inventory.coverage[detection.resourceType];
  if (coverage?.status !== "complete" || coverage.source === undefined) return detection.evidence;
  return { ...detection.evidence, source: coverage.source };
}

/**
 * The records that findings name, found in one pass over each type that has any: indexing every record of every
 * such type by id would build maps of a million entries to look up a few thousand.
 */
class RecordIndex {
  readonly #byType = new Map<ResourceTypeId, Map<string, Record<string, unknown> | undefined>>();

  constructor(inventory: Inventory, runs: readonly { detections: readonly Detection[] }[]) {
    for (const { detections } of runs) {
      for (const { resourceType: type, resourceId } of detections) {
        let wanted = this.#byType.get(type);
        if (wanted === undefined)
          this.#byType.set(type, (wanted = new Map<string, Record<string, unknown> | undefined>()));
        wanted.set(resourceId, undefined);
      }
    }
    for (const [type, wanted] of this.#byType) {
      const declaration = resourceType(type);
      for (const record of inventory.resources[type] ?? []) {
        const key = recordId(declaration, record);
        if (key !== null && wanted.has(key)) wanted.set(key, record);
      }
    }
  }

  get(type: ResourceTypeId, id: string): Record<string, unknown> | undefined {
    return this.#byType.get(type)?.get(id);
  }
}

/**
 * True when the project is in the complete project set (or a domain) or a lookup found it; false only when a lookup
 * answered 404; null when the set is incomplete or nothing proves either way.
 */
function ownerExistence(inventory: Inventory): (projectId: string) => boolean | null {
  if (inventory.coverage["identity.project"]?.status !== "complete") return () => null;
  const known = new Set<string>();
  for (const project of inventory.resources["identity.project"] ?? []) {
    if (typeof project.id === "string") known.add(project.id);
  }
  if (inventory.coverage["identity.domain"]?.status === "complete") {
    for (const domain of inventory.resources["identity.domain"] ?? []) {
      if (typeof domain.id === "string") known.add(domain.id);
    }
  }
  const confirmed = inventory.confirmations["identity.project"] ?? {};
  return (projectId) => {
    if (known.has(projectId)) return true;
    const confirmation = confirmed[projectId];
    if (confirmation === "missing") return false;
    return confirmation === "exists" ? true : null;
  };
}

/** The names the project and domain listings give an owner id (a domain's own name when it is a domain). */
function projectNaming(inventory: Inventory): (projectId: string) => { projectName?: string; domainName?: string } {
  const names = new Map<string, string>();
  const domainOf = new Map<string, string>();
  for (const type of ["identity.domain", "identity.project"] as const) {
    for (const record of inventory.resources[type] ?? []) {
      if (typeof record.id !== "string") continue;
      if (typeof record.name === "string") names.set(record.id, record.name);
      if (type === "identity.project" && typeof record.domain_id === "string")
        domainOf.set(record.id, record.domain_id);
    }
  }
  return (projectId) => {
    const projectName = names.get(projectId);
    const domainId = domainOf.get(projectId);
    const domainName = domainId === undefined ? undefined : names.get(domainId);
    return {
      ...(projectName === undefined ? {} : { projectName }),
      ...(domainName === undefined ? {} : { domainName }),
    };
  };
}

/** Reads the numbers a resource type declares it holds; undefined when it declares none or the record has none. */
function holdingsOf(declared: ResourceType["holds"], record: Record<string, unknown>): Holdings | undefined {
  if (declared === undefined) return undefined;
  const number = (path: string | undefined): number | undefined => {
    if (path === undefined) return undefined;
    let value: unknown = record;
    for (const field of path.split(".")) {
      value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[field] : undefined;
    }
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const bytes = number(declared.bytes);
  const gib = number(declared.gib) ?? (bytes === undefined ? undefined : bytes / 2 ** 30);
  const vcpus = number(declared.vcpus);
  const ramMib = number(declared.ramMib);
  if (gib === undefined && vcpus === undefined && ramMib === undefined) return undefined;
  return {
    ...(gib === undefined ? {} : { gib }),
    ...(vcpus === undefined ? {} : { vcpus }),
    ...(ramMib === undefined ? {} : { ramMib }),
  };
}

/**
 * Fills `{id}` and `{param}` placeholders of the parameters, then has the step described with them; a call in words
 * (`report`) is filled the same way. JSON bodies such as `{"os-force_delete":{}}` are left as they are.
 */
function fillIn(
  step: RemediationStep,
  resource: { type: ResourceTypeId; id: string },
  describe: DescribeStep,
): FindingStep {
  const values = new Map<string, string>([["id", resource.id]]);
  for (const [key, value] of Object.entries(step.params ?? {})) {
    if (value !== null) values.set(key, String(value));
  }
  const fill = (text: string): string =>
    text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (placeholder, key: string) => values.get(key) ?? placeholder);
  const filled: RemediationStep = { ...step };
  if (step.params !== undefined) {
    filled.params = Object.fromEntries(
      Object.entries(step.params).map(([key, value]) => [key, typeof value === "string" ? fill(value) : value]),
    );
  }
  const described = describe(filled, resource);
  return { ...described, call: fill(described.call) };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
