// Turns findings into a plan: for each finding the step(s) of its preferred remediation, what apply must re-check
// live, the catalog's delete order, dependencies between steps, and the safety rails' exclusions with reasons.

import { randomUUID } from "node:crypto";
import { TOOL_VERSION as version } from "../../config/tool-version.ts";
import { confirmedReferences } from "../../checks/confirms.ts";
import { CHECKS } from "../../checks/registry.ts";
import type { Finding, FindingStep } from "../../findings/finding.ts";
import { resourceType } from "../../inventory/registry.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import { targetOf, type Action } from "../action.ts";
import { ACTIONS } from "../actions/registry.ts";
import { deleteRank } from "./delete-order.ts";
import { PLAN_SCHEMA_VERSION, type Plan } from "../plan.ts";
import type { PlanStep } from "../plan-step.ts";
import { railVerdict, type RailRules } from "../rails.ts";
import { parentsOf, usersOf, type ResourceRef } from "./resource-relations.ts";

type Scalar = string | number | boolean | null;
export type RecordLookup = (type: ResourceTypeId, id: string) => Record<string, unknown> | null;

export interface BuildPlanInput {
  cloud: string;
  region: string;
  findings: readonly Finding[];
  source: Plan["source"];
  rules: RailRules;
  graceSeconds: number;
  /** The store's debounce (HistoryStore.seenAcrossGrace); destructive steps need it for every finding they fix. */
  seenAcrossGrace: (findingId: string, graceSeconds: number) => Promise<boolean>;
  allowDbWrite: boolean;
  octaviaDatabaseConfigured: boolean;
  /** remediation.rbdTrash.enabled: without it, a step moving an RBD image to the trash is excluded. */
  rbdTrashEnabled?: boolean;
  /** Records of the scan's inventory, when plan scanned itself: relations and tags without another call. */
  records?: RecordLookup;
  now?: Date;
}

/** Fields whose change since the scan means the finding may no longer hold: apply compares them live. */
const STATE_FIELDS = [
  "status",
  "provisioning_status",
  "OS-EXT-STS:vm_state",
  "OS-EXT-STS:task_state",
  "device_owner",
  "device_id",
  "port_id",
  "remote_group_id",
  "target_tenant",
  "loadbalancer_id",
  "compute_id",
  "member_id",
  "image_id",
];

interface Draft extends Omit<PlanStep, "step" | "dependsOn"> {
  key: string;
  rank: number;
  order: number;
  dependsOnKeys: string[];
  relations: { parents: ResourceRef[]; users: ResourceRef[] };
}

export async function buildPlan(input: BuildPlanInput): Promise<Plan> {
  const drafts = new Map<string, Draft>();
  const reportOnly: Plan["reportOnly"] = [];
  let order = 0;
  for (const finding of input.findings) {
    const chosen = chooseSteps(finding.remediation);
    if (chosen.length === 0) {
      const report = finding.remediation.find((s) => s.action === "report");
      reportOnly.push({
        findingId: finding.id,
        check: finding.check,
        resource: { type: finding.resource.type, id: finding.resource.id },
        reason: report?.call ?? "no remediation action stacksweep can run",
      });
      continue;
    }
    let previous: Draft | null = null;
    for (const { remediation, action } of chosen) {
      const params = { ...(remediation.params ?? {}) };
      const target = targetOf(action, finding.resource, params);
      const key = `${action.id}\0${target.type}\0${target.id}\0${JSON.stringify(params)}`;
      const existing = drafts.get(key);
      if (existing !== undefined) {
        // Two findings asking for the same call (an orphaned volume in error): one step that fixes both.
        existing.findingIds.push(finding.id);
        existing.findingResources.push({ type: finding.resource.type, id: finding.resource.id });
        if (!existing.checks.includes(finding.check)) existing.checks.push(finding.check);
        previous = existing;
        continue;
      }
      const resource = {
        type: finding.resource.type,
        id: finding.resource.id,
        name: finding.resource.name,
        projectId: finding.resource.projectId,
      };
      const record = input.records?.(finding.resource.type, finding.resource.id) ?? null;
      const known = record ?? finding.evidence;
      const draft: Draft = {
        key,
        rank: deleteRank(action.id, target.type),
        order: order++,
        action: action.id,
        destructive: action.destructive,
        call: action.describeCall({ target, params, resource }),
        params,
        target,
        resource,
        findingIds: [finding.id],
        findingResources: [{ type: finding.resource.type, id: finding.resource.id }],
        checks: [finding.check],
        precondition: precondition(finding, previous),
        dependsOnKeys: previous === null ? [] : [previous.key],
        relations: action.destructive
          ? { parents: parentsOf(finding.resource.type, known), users: usersOf(finding.resource.type, known) }
          : { parents: [], users: [] },
        status: "planned",
        reason: null,
      };
      drafts.set(key, draft);
      previous = draft;
    }
  }

  const sorted = [...drafts.values()].sort((a, b) => a.rank - b.rank || a.order - b.order);
  addRelationDependencies(sorted);
  const numbers = new Map(sorted.map((draft, index) => [draft.key, index + 1]));
  const steps: PlanStep[] = [];
  for (const draft of sorted) {
    const { key, rank: _rank, order: _order, dependsOnKeys, relations: _relations, ...rest } = draft;
    const dependsOn = [...new Set(dependsOnKeys.map((k) => numbers.get(k)!))].sort((a, b) => a - b);
    const step: PlanStep = { ...rest, step: numbers.get(key)!, dependsOn };
    const reason = await exclusion(step, input);
    if (reason !== null) {
      step.status = "excluded";
      step.reason = reason;
    } else {
      const excluded = dependsOn.find((n) => steps[n - 1]?.status === "excluded");
      if (excluded !== undefined) {
        step.status = "excluded";
        step.reason = `its prerequisite step ${excluded} is excluded`;
      }
    }
    steps.push(step);
  }
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    kind: "stacksweep-plan",
    id: randomUUID(),
    createdAt: (input.now ?? new Date()).toISOString(),
    tool: { name: "stacksweep", version },
    cloud: input.cloud,
    region: input.region,
    source: input.source,
    rails: { graceSeconds: input.graceSeconds, allowDbWrite: input.allowDbWrite },
    steps,
    reportOnly,
  };
}

/**
 * The preferred remediation: the first step stacksweep can run; the same action for the finding's other targets
 * (each attachment to a deleted server); the next step when the first only prepares it; and the action a step's
 * `then` names (the delete a reset-status unblocks).
 */
type Chosen = { remediation: Pick<FindingStep, "params" | "then">; action: Action };

function chooseSteps(remediation: readonly FindingStep[]): Chosen[] {
  const runnable = remediation.flatMap((r) => {
    const action = ACTIONS.get(r.action);
    return action === undefined ? [] : [{ remediation: r, action }];
  });
  const first = runnable[0];
  if (first === undefined) return [];
  const chosen: Chosen[] = [first];
  for (const other of runnable.slice(1)) {
    const sameAction =
      other.action.id === first.action.id &&
      JSON.stringify(other.remediation.params) !== JSON.stringify(first.remediation.params);
    if (sameAction) chosen.push(other);
  }
  if (first.action.preparesNext) {
    const next = runnable[1];
    if (next !== undefined) chosen.push(next);
  }
  for (const step of [...chosen]) {
    const follow = step.remediation.then === undefined ? undefined : ACTIONS.get(step.remediation.then);
    if (follow !== undefined)
      chosen.splice(chosen.indexOf(step) + 1, 0, {
        // The follow-up acts on the same resource with no parameters of its own (the delete after a reset).
        remediation: {},
        action: follow,
      });
  }
  return chosen;
}

/** What apply must find live: the state the finding saw (or the previous step left), and references still gone. */
function precondition(finding: Finding, previous: Draft | null): PlanStep["precondition"] {
  const fields: Record<string, Scalar> = {};
  for (const field of STATE_FIELDS) {
    const value = finding.evidence[field];
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      if (field in finding.evidence) fields[field] = value as Scalar;
    }
  }
  const ownerField = resourceType(finding.resource.type).ownerField;
  if (ownerField !== null && finding.resource.projectId !== null) fields[ownerField] = finding.resource.projectId;
  if (previous !== null) Object.assign(fields, ACTIONS.get(previous.action)?.stateAfter(previous.params) ?? {});
  return describedPrecondition(fields, missingReferences(finding));
}

function describedPrecondition(fields: Record<string, Scalar>, missing: ResourceRef[]): PlanStep["precondition"] {
  const parts = Object.entries(fields).map(([k, v]) => `${k} is ${v === null ? "null" : String(v)}`);
  for (const ref of missing) parts.push(`${ref.type} ${ref.id} still answers 404`);
  return { text: parts.length === 0 ? "the resource still exists" : parts.join("; "), fields, missing };
}

/**
 * A step that waits for the delete of a resource using it (a volume for its server) will find that resource's
 * state changed by then (the volume detached, `available`): it re-checks the owner and the references, not the state.
 */
function withoutState(precondition: PlanStep["precondition"]): PlanStep["precondition"] {
  const fields = Object.fromEntries(
    Object.entries(precondition.fields).filter(([field]) => !(STATE_FIELDS as readonly string[]).includes(field)),
  );
  return describedPrecondition(fields, precondition.missing);
}

/** The vanished things a finding rests on (its check's `confirms`): each is looked up again, and runs only on a 404. */
function missingReferences(finding: Finding): ResourceRef[] {
  const check = CHECKS.get(finding.check);
  if (check === undefined) return [];
  return confirmedReferences(check, {
    type: finding.resource.type,
    projectId: finding.resource.projectId,
    evidence: finding.evidence,
  });
}

/** Parents wait for their children's steps; used resources for their users' steps. */
function addRelationDependencies(sorted: Draft[]): void {
  const byTarget = new Map<string, Draft[]>();
  for (const draft of sorted) {
    if (!draft.destructive) continue;
    const key = `${draft.resource.type}\0${draft.resource.id}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), draft]);
  }
  const stepsOn = (ref: ResourceRef): Draft[] => byTarget.get(`${ref.type}\0${ref.id}`) ?? [];
  for (const draft of sorted) {
    for (const parent of draft.relations.parents)
      for (const parentStep of stepsOn(parent))
        if (parentStep.rank >= draft.rank) parentStep.dependsOnKeys.push(draft.key);
    let waitsForUser = false;
    for (const user of draft.relations.users)
      for (const userStep of stepsOn(user))
        if (userStep.rank <= draft.rank) {
          draft.dependsOnKeys.push(userStep.key);
          waitsForUser = true;
        }
    if (waitsForUser) draft.precondition = withoutState(draft.precondition);
  }
}

async function exclusion(step: PlanStep, input: BuildPlanInput): Promise<string | null> {
  if (ACTIONS.get(step.action)?.writesDatabase === true && !(input.allowDbWrite && input.octaviaDatabaseConfigured))
    return "the database fix needs --allow-db-write and remediation.octaviaDatabase in stacksweep.yaml";
  if (ACTIONS.get(step.action)?.writesRbd === true && input.rbdTrashEnabled !== true)
    return "moving an RBD image to the trash needs remediation.rbdTrash.enabled: true in stacksweep.yaml";
  const record = input.records?.(step.resource.type, step.resource.id) ?? null;
  const rail = railVerdict(input.rules, {
    type: step.resource.type,
    id: step.resource.id,
    projectId: step.resource.projectId,
    name: step.resource.name,
    record,
    parentLabels: null,
  });
  if (rail !== null) return rail;
  if (step.destructive && input.graceSeconds > 0) {
    for (const findingId of step.findingIds) {
      if (!(await input.seenAcrossGrace(findingId, input.graceSeconds)))
        return `grace: finding ${findingId} has not been seen in two scans ${formatSeconds(input.graceSeconds)} apart`;
    }
  }
  return null;
}

export function formatSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
