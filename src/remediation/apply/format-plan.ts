// The plan and apply's outcomes as an operator reads them on a terminal: one line per step, what it calls, what
// apply re-checks first, and why a step is excluded or was skipped.

import { ACTIONS } from "../actions/registry.ts";
import type { ApplyReport } from "./apply-plan.ts";
import { planDigest } from "../plan/plan-digest.ts";
import type { Plan } from "../plan.ts";

export function formatPlan(plan: Plan, source: string): string {
  const planned = plan.steps.filter((s) => s.status === "planned");
  const lines = [
    `plan ${plan.id} for ${plan.cloud}/${plan.region} (${source}): ${planned.length} step(s) to run, ` +
      `${planned.filter((s) => s.destructive).length} destructive; ${plan.steps.length - planned.length} excluded; ` +
      `${plan.reportOnly.length} finding(s) to report only`,
    `digest ${planDigest(plan)}`,
  ];
  for (const step of plan.steps) {
    const mark = step.status === "excluded" ? "EXCLUDED" : step.destructive ? "DESTRUCTIVE" : "fix";
    const name = step.resource.name === null ? "" : ` "${step.resource.name}"`;
    lines.push(
      `${String(step.step).padStart(3)}. [${mark}] ${step.action} ${step.target.type} ${step.target.id}${name}`,
    );
    // Derived from the action, never the file's text: what is shown is what apply sends.
    lines.push(`       call: ${ACTIONS.get(step.action)?.describeCall(step) ?? "(unknown action)"}`);
    lines.push(`       if:   ${step.precondition.text}`);
    if (step.dependsOn.length > 0) lines.push(`       after: step ${step.dependsOn.join(", ")}`);
    if (step.reason !== null) lines.push(`       why excluded: ${step.reason}`);
  }
  for (const item of plan.reportOnly)
    lines.push(`  report only: ${item.check} ${item.resource.type} ${item.resource.id}: ${item.reason}`);
  return `${lines.join("\n")}\n`;
}

export function formatApplyReport(report: ApplyReport): string {
  if (report.refused !== null) return `apply refused: ${report.refused}\n`;
  const lines = report.outcomes.map(
    (o) =>
      `${String(o.step).padStart(3)}. ${o.outcome.padEnd(12)} ${o.action} ${o.target.type} ${o.target.id}${o.reason === null ? "" : `: ${o.reason}`}`,
  );
  const count = (outcome: string): number => report.outcomes.filter((o) => o.outcome === outcome).length;
  lines.push(
    `done ${count("done")}, already gone ${count("already-gone")}, done earlier ${count("already-done")}, ` +
      `skipped ${count("skipped")}, failed ${count("failed")}, excluded ${count("excluded")}`,
  );
  return `${lines.join("\n")}\n`;
}
