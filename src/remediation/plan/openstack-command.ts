// The `openstack …` command line of a finding's remediation step, from its action's declaration: what an operator
// who fixes by hand types, shown by the reports beside the API call.

import type { RemediationStep } from "../../checks/check.ts";
import { shellWord } from "./shell-word.ts";
import { ACTIONS } from "../actions/registry.ts";

/** The command for `step` on the resource `resourceId`, or null when the action has none (or is unknown). */
export function openstackCommand(step: RemediationStep, resourceId: string): string | null {
  const action = ACTIONS.get(step.action);
  if (action?.command === undefined) return null;
  const params = step.params ?? {};
  const values = new Map<string, string>([
    ["id", resourceId],
    ["target", action.targetId(resourceId, params)],
  ]);
  for (const [key, value] of Object.entries(params)) if (value !== null) values.set(key, String(value));
  const words: string[] = [];
  for (const word of action.command.split(" ")) {
    const optional = /^--\{([a-z_]+)\}$/u.exec(word);
    if (optional !== null) {
      const value = values.get(optional[1]!);
      if (value !== undefined) words.push(`--${value}`);
      continue;
    }
    const filled = word.replace(/\{([a-z_]+)\}/gu, (placeholder, key: string) => values.get(key) ?? placeholder);
    // A value from a cloud goes into a shell: quoted where the shell would split or expand it.
    words.push(filled === word ? filled : shellWord(filled));
  }
  return words.join(" ");
}
