// Fills `{id}` and `{param}` placeholders of an action's path or call from a plan step, URL-encoding each value
// (ids come from the cloud's own answers, but a path must never be bent by one).

import type { PlanStep } from "./plan-step.ts";

/** How a template is filled: `fillPath` for a call that is made, `fillShown` for one only shown. */
export type FillTemplate = (template: string, step: Pick<PlanStep, "target" | "params">) => string;

export function fillPath(template: string, step: Pick<PlanStep, "target" | "params">): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (placeholder, key: string) => {
    const value = key === "id" ? step.target.id : step.params[key];
    if (value === undefined || value === null) throw new Error(`the step has no "${key}" for ${template}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * Fills the same placeholders for a call that is only shown (a finding's remediation, `stacksweep checks`): values
 * as they are, and a placeholder without a value left in place (`{id}` of a check's remediation before any finding).
 */
export function fillShown(template: string, step: Pick<PlanStep, "target" | "params">): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (placeholder, key: string) => {
    const value = key === "id" ? step.target.id : step.params[key];
    return value === undefined || value === null ? placeholder : String(value);
  });
}
