// Reads and writes plan.json. Reading validates the whole file (a hand-edited plan is checked like any input) and
// names the first problem: the file, the key path and what was expected.

import { readFile } from "node:fs/promises";
import { writeReport } from "../report/write-report.ts";
import { ACTIONS } from "./actions/registry.ts";
import { planSchema, type Plan } from "./plan.ts";

export class PlanFileError extends Error {
  override readonly name = "PlanFileError";
}

export async function writePlan(path: string, plan: Plan): Promise<void> {
  await writeReport(path, `${JSON.stringify(plan, null, 2)}\n`);
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
  }
  return plan;
}
