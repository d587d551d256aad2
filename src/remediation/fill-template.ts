// Fills `{id}` and `{param}` placeholders of an action's path or call from a plan step, URL-encoding each value
// (ids come from the cloud's own answers, but a path must never be bent by one).

import type { PlanStep } from "./plan-step.ts";

export function fillPath(template: string, step: Pick<PlanStep, "target" | "params">): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (placeholder, key: string) => {
    const value = key === "id" ? step.target.id : step.params[key];
    if (value === undefined || value === null) throw new Error(`the step has no "${key}" for ${template}`);
    return encodeURIComponent(String(value));
  });
}
