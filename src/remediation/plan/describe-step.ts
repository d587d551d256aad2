// A check names an action by id; the action alone knows its call and whether it is destructive. This completes a
// check's step for one resource from that declaration, so each call is spelled once, in its action's file.

import type { RemediationStep } from "../../checks/check.ts";
import type { FindingStep } from "../../findings/finding.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import { targetOf, type Action } from "../action.ts";
import { ACTIONS } from "../actions/registry.ts";
import { fillShown } from "../fill-template.ts";

/**
 * The step with its call as an operator reads it (`…, then <call>` when it names a follow-up) and whether it is
 * destructive. A step no action runs (`report`) keeps its words.
 */
export function describeStep(step: RemediationStep, resource: { type: ResourceTypeId; id: string }): FindingStep {
  const action = ACTIONS.get(step.action);
  if (action === undefined) return { ...step, destructive: false, call: step.call ?? `none: ${step.action}` };
  const then = step.then === undefined ? undefined : ACTIONS.get(step.then);
  const call =
    shownCall(action, step, resource) + (then === undefined ? "" : `, then ${shownCall(then, step, resource)}`);
  return { ...step, destructive: action.destructive, call };
}

function shownCall(action: Action, step: RemediationStep, resource: { type: ResourceTypeId; id: string }): string {
  const params = step.params ?? {};
  const target = targetOf(action, resource, params);
  return action.describeCall({ target, params, resource: { ...resource, name: null, projectId: null } }, fillShown);
}
