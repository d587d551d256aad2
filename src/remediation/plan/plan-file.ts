// Reads and writes plan.json. Reading validates the whole file (a hand-edited plan is checked like any input) and
// names the first problem: the file, the key path and what was expected.

import { readFile } from "node:fs/promises";
import { findingId } from "../../findings/finding.ts";
import { writeReport } from "../../files/write-report.ts";
import type { HistoryStore } from "../../store/history-store.ts";
import { ACTIONS } from "../actions/registry.ts";
import { targetOf } from "../action.ts";
import { planDigest } from "./plan-digest.ts";
import { planSchema, type Plan } from "../plan.ts";
import type { PlanStep } from "../plan-step.ts";

export class PlanFileError extends Error {
  override readonly name = "PlanFileError";
}

export async function writePlan(path: string, plan: Plan): Promise<void> {
  await writeReport(path, `${JSON.stringify(plan, null, 2)}\n`);
}

/** Records the plan's digest in the store (apply runs only plans recorded there, unchanged); returns the digest. */
export async function recordPlan(store: HistoryStore, plan: Plan): Promise<string> {
  const digest = planDigest(plan);
  await store.recordPlan({ id: plan.id, digest, cloud: plan.cloud, region: plan.region, createdAt: plan.createdAt });
  return digest;
}

export async function readPlan(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new PlanFileError(`${path}: cannot read the plan (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new PlanFileError(`${path}: not JSON (expected a plan written by stacksweep plan)`);
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    throw new PlanFileError(`${path}: ${key === "" ? "the plan" : key}: ${issue.message}`);
  }
  const plan = parsed.data;
  for (const [index, step] of plan.steps.entries()) {
    const action = ACTIONS.get(step.action);
    if (action === undefined)
      throw new PlanFileError(`${path}: steps[${index}].action: unknown action "${step.action}"`);
    if (action.destructive !== step.destructive)
      throw new PlanFileError(
        `${path}: steps[${index}].destructive: ${step.action} is ${action.destructive ? "" : "not "}destructive`,
      );
    if (step.step !== index + 1) throw new PlanFileError(`${path}: steps[${index}].step: expected ${index + 1}`);
    if (step.dependsOn.some((n) => n >= step.step))
      throw new PlanFileError(`${path}: steps[${index}].dependsOn: a step can only depend on earlier steps`);
    const problem = stepProblem(plan, step);
    if (problem !== null) throw new PlanFileError(`${path}: steps[${index}].${problem}`);
  }
  return plan;
}

/**
 * Why a step is not what `plan` would have written for the findings it cites, or null: each finding id must be the
 * id of one of its checks on the step's resource, the target the one the action derives from that resource, and the
 * call the one the action makes. A step pointed at another resource, or with an edited call, is refused here.
 */
export function stepProblem(plan: Pick<Plan, "cloud" | "region">, step: PlanStep): string | null {
  const action = ACTIONS.get(step.action);
  if (action === undefined) return `action: unknown action "${step.action}"`;
  if (step.findingIds.length === 0) return "findingIds: a step must cite the findings it fixes";
  if (step.findingResources.length !== step.findingIds.length)
    return "findingResources: one resource per cited finding, in the order of findingIds";
  const first = step.findingResources[0]!;
  if (first.type !== step.resource.type || first.id !== step.resource.id)
    return `resource: the step re-reads ${step.resource.type} ${step.resource.id}, its first finding is about ${first.type} ${first.id}`;
  let call: string;
  try {
    call = action.describeCall(step);
    for (const [index, cited] of step.findingIds.entries()) {
      const { type, id } = step.findingResources[index]!;
      if (!step.checks.some((check) => findingId(check, plan.cloud, plan.region, type, id) === cited))
        return `findingIds: ${cited} is not a finding of ${step.checks.join(", ")} on ${type} ${id}`;
      // Every cited finding must lead to this very target: a step cannot borrow a finding to act on something else.
      const target = targetOf(action, { type, id }, step.params);
      if (step.target.type !== target.type || step.target.id !== target.id)
        return `target: ${step.action} for the finding on ${type} ${id} acts on ${target.type} ${target.id}, not ${step.target.type} ${step.target.id}`;
    }
  } catch (error) {
    return `params: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (step.call !== call) return `call: ${step.action} makes the call ${call}, not ${step.call}`;
  return null;
}
