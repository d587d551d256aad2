// Executes exactly the steps of a reviewed plan, never a new scan's: under the store-backed lock, within the cap
// on destructive steps, each step only after its prerequisites completed, its finding passed the grace period, and
// a live re-read shows the state the plan expects and no protect tag. An audit entry is written before and after
// every call, and a run that was killed resumes after the last completed step.

import { resourceType } from "../../inventory/registry.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Session } from "../../openstack/session.ts";
import type { HistoryStore } from "../../store/history-store.ts";
import type { ActionContext, LiveRecord } from "../action.ts";
import { ACTIONS } from "../actions/registry.ts";
import type { AuditLog } from "./audit-log.ts";
import { formatSeconds } from "../plan/build-plan.ts";
import type { Plan } from "../plan.ts";
import type { PlanStep } from "../plan-step.ts";
import { railVerdict, type RailRules } from "../rails.ts";
import { holderIsDead } from "./apply-lock.ts";
import { planDigest } from "../plan/plan-digest.ts";
import { stepProblem } from "../plan/plan-file.ts";
import { readLive } from "../read-live.ts";
import { labelsOf, PROTECTING_PARENT } from "../tag-support.ts";

export const APPLY_LOCK = "apply";

export interface ApplyOptions {
  session: Session;
  store: HistoryStore;
  audit: AuditLog;
  rules: RailRules;
  graceSeconds: number;
  maxDestructive: number;
  context: ActionContext;
  /** Who holds the lock (host and pid), shown to a second apply. */
  holder: string;
  /** Take the lock even from a live holder (`--break-lock`); the audit log records whose lock was broken. */
  breakLock?: boolean;
  lockTtlSeconds?: number;
  /** How long one step may take to settle, and how often it is polled. */
  settleTimeoutMs?: number;
  pollIntervalMs?: number;
  onStep?: (outcome: StepOutcome) => void;
}

export type Outcome = "done" | "already-gone" | "already-done" | "skipped" | "failed" | "excluded";

export interface StepOutcome {
  step: number;
  action: string;
  target: { type: ResourceTypeId; id: string };
  outcome: Outcome;
  reason: string | null;
}

export interface ApplyReport {
  planId: string;
  /** Set when apply refused to start (lock held, cap exceeded): then nothing was done. */
  refused: string | null;
  outcomes: StepOutcome[];
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  const { session, store, audit } = options;
  const refused = (reason: string): ApplyReport => ({ planId: plan.id, refused: reason, outcomes: [] });
  if (session.cloud !== plan.cloud || session.region !== plan.region)
    return refused(
      `the plan is for ${plan.cloud}/${plan.region}, the session for ${session.cloud}/${session.region}: refusing to apply it elsewhere`,
    );
  const unreviewed = await reviewProblem(plan, store);
  if (unreviewed !== null) return refused(unreviewed);
  const ttl = options.lockTtlSeconds ?? 900;
  let lock = await store.acquireLock(APPLY_LOCK, options.holder, ttl);
  if (!lock.acquired) {
    const why =
      options.breakLock === true
        ? "--break-lock"
        : holderIsDead(lock.holder)
          ? `its holder ${lock.holder} is no longer running on this host`
          : null;
    if (why === null)
      return refused(
        `another apply (${lock.holder}) holds the lock since ${lock.acquiredAt}, until ${lock.expiresAt} at the latest ` +
          "(--break-lock takes it when you know that apply is gone)",
      );
    const previous = lock;
    // Deleted only if still that holder's: a live apply that took it over meanwhile keeps it.
    await store.releaseLock(APPLY_LOCK, previous.holder);
    lock = await store.acquireLock(APPLY_LOCK, options.holder, ttl);
    if (!lock.acquired) return refused(`another apply (${lock.holder}) took the lock first`);
    await audit.append({
      planId: plan.id,
      step: 0,
      action: "lock.take-over",
      cloud: session.cloud,
      region: session.region,
      resourceType: "lock",
      resourceId: APPLY_LOCK,
      phase: "after",
      outcome: "done",
      detail: {
        reason: why,
        previousHolder: previous.holder,
        acquiredAt: previous.acquiredAt,
        expiresAt: previous.expiresAt,
      },
    });
  }
  try {
    const completed = await audit.completedSteps(plan.id);
    const toRun = plan.steps.filter((s) => s.status === "planned" && !completed.has(s.step));
    const destructive = toRun.filter((s) => s.destructive).length;
    if (destructive > options.maxDestructive)
      return refused(
        `the plan has ${destructive} destructive steps to run, above the cap of ${options.maxDestructive} ` +
          "(--max-destructive N raises it): nothing was done",
      );
    const outcomes: StepOutcome[] = [];
    const succeeded = new Set(completed);
    for (const step of plan.steps) {
      await store.acquireLock(APPLY_LOCK, options.holder, ttl);
      const outcome = await runStep(step, completed, succeeded, options, plan.id);
      if (outcome.outcome === "done" || outcome.outcome === "already-gone" || outcome.outcome === "already-done")
        succeeded.add(step.step);
      outcomes.push(outcome);
      options.onStep?.(outcome);
    }
    return { planId: plan.id, refused: null, outcomes };
  } finally {
    await store.releaseLock(APPLY_LOCK, options.holder);
  }
}

async function runStep(
  step: PlanStep,
  completed: ReadonlySet<number>,
  succeeded: ReadonlySet<number>,
  options: ApplyOptions,
  planId: string,
): Promise<StepOutcome> {
  const result = (outcome: Outcome, reason: string | null): StepOutcome => ({
    step: step.step,
    action: step.action,
    target: step.target,
    outcome,
    reason,
  });
  if (step.status === "excluded") return result("excluded", step.reason);
  if (completed.has(step.step)) return result("already-done", "the audit log shows it completed in an earlier run");
  const action = ACTIONS.get(step.action);
  if (action === undefined) return result("skipped", `unknown action ${step.action}`);
  const blocked = step.dependsOn.find((n) => !succeeded.has(n));
  if (blocked !== undefined) return result("skipped", `its prerequisite step ${blocked} did not complete`);

  const { session, audit } = options;
  const entry = {
    planId,
    step: step.step,
    action: step.action,
    cloud: session.cloud,
    region: session.region,
    resourceType: step.target.type,
    resourceId: step.target.id,
  };
  try {
    if (step.destructive && options.graceSeconds > 0) {
      for (const findingId of step.findingIds)
        if (!(await options.store.seenAcrossGrace(findingId, options.graceSeconds)))
          return result(
            "skipped",
            `grace: finding ${findingId} has not been seen in two scans ${formatSeconds(options.graceSeconds)} apart`,
          );
    }
    const live =
      action.readLive === undefined
        ? (await readLive(session, step.resource.type, step.resource.id)).record
        : await action.readLive(step, options.context);
    if (live === null) {
      // What a delete wanted is already true; anything else has nothing left to act on.
      const deletesIt = action.destructive && sameResource(step);
      return result(deletesIt ? "already-gone" : "skipped", `${step.resource.type} ${step.resource.id} is gone`);
    }
    const changed = stateChange(step, live);
    if (changed !== null) return result("skipped", `state changed since the plan: ${changed}`);
    for (const ref of step.precondition.missing) {
      const { record } = await readLive(session, ref.type, ref.id);
      if (record !== null) return result("skipped", `${ref.type} ${ref.id} exists again: the finding no longer holds`);
    }
    const rail = await liveRailVerdict(step, live, options);
    if (rail !== null) return result("skipped", rail);
    const own = action.precondition(live, step);
    if (own !== null) return result("skipped", own);

    await audit.append({ ...entry, phase: "before", previousState: live, detail: { call: action.describeCall(step) } });
    let requestIds: string[] = [];
    try {
      const executed = await action.execute(session, step, options.context);
      requestIds = executed.requestIds;
      const settled = await action.settle(
        session,
        step,
        {
          deadline: Date.now() + (options.settleTimeoutMs ?? 600_000),
          pollIntervalMs: options.pollIntervalMs ?? 2000,
        },
        options.context,
      );
      if (!settled.settled) {
        await audit.append({ ...entry, phase: "after", outcome: "failed", error: settled.reason, requestIds });
        return result("failed", settled.reason);
      }
      await audit.append({
        ...entry,
        phase: "after",
        outcome: "done",
        requestIds,
        ...(executed.previousState === undefined ? {} : { previousState: executed.previousState }),
        detail: { state: settled.state, ...executed.detail },
      });
      return result("done", null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await audit.append({ ...entry, phase: "after", outcome: "failed", error: message, requestIds });
      return result("failed", message);
    }
  } catch (error) {
    // A failed re-read is never taken as "gone" or "unchanged": the step is skipped.
    return result("skipped", `could not re-read it live: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Why the plan is not the reviewed one, or null: the store must have recorded this plan id when it was made, with the
 * digest of exactly this content, and every step must be what the action derives from the findings it cites.
 */
async function reviewProblem(plan: Plan, store: HistoryStore): Promise<string | null> {
  const recorded = await store.planDigest(plan.id);
  if (recorded === null)
    return (
      `the store ${store.location} has no record of plan ${plan.id}: apply runs only a plan that stacksweep plan ` +
      "(or purge -o) wrote with this store; nothing was done"
    );
  const digest = planDigest(plan);
  if (recorded !== digest)
    return (
      `plan ${plan.id} is not the plan that was made (recorded ${recorded}, this file ${digest}): it was changed ` +
      "after it was written; make and review a new plan; nothing was done"
    );
  for (const step of plan.steps) {
    const problem = stepProblem(plan, step);
    if (problem !== null) return `step ${step.step}: ${problem}; nothing was done`;
  }
  return null;
}

function sameResource(step: PlanStep): boolean {
  return step.target.type === step.resource.type && step.target.id === step.resource.id;
}

/** The first field whose live value differs from what the plan expects, as one phrase; null when all match. */
function stateChange(step: PlanStep, live: Record<string, unknown>): string | null {
  for (const [field, expected] of Object.entries(step.precondition.fields)) {
    const actual = live[field] ?? null;
    if (actual !== expected)
      return `${field} is now ${actual === null ? "null" : JSON.stringify(actual)}, the plan expected ${expected === null ? "null" : JSON.stringify(expected)}`;
  }
  return null;
}

/** The rails with live labels: the resource's own, its protecting parent's, and the call's target's when different. */
async function liveRailVerdict(
  step: PlanStep,
  live: Record<string, unknown>,
  options: ApplyOptions,
): Promise<string | null> {
  const verdict = railVerdict(options.rules, {
    type: step.resource.type,
    id: step.resource.id,
    projectId: step.resource.projectId,
    name: step.resource.name,
    record: live,
    parentLabels: await parentLabels(options.session, step.resource.type, live),
  });
  if (verdict !== null || sameResource(step)) return verdict;
  const target: LiveRecord = (await readLive(options.session, step.target.type, step.target.id)).record;
  if (target === null) return null;
  // The target's owner from its live record, so a project rule (allow or deny) holds for it too.
  const ownerField = resourceType(step.target.type).ownerField;
  const owner = ownerField === null ? null : target[ownerField];
  return railVerdict(options.rules, {
    type: step.target.type,
    id: step.target.id,
    projectId: typeof owner === "string" && owner !== "" ? owner : null,
    name: null,
    record: target,
    parentLabels: await parentLabels(options.session, step.target.type, target),
  });
}

async function parentLabels(
  session: Session,
  type: ResourceTypeId,
  record: Record<string, unknown>,
): Promise<Set<string> | null> {
  const parent = PROTECTING_PARENT[type];
  if (parent === undefined) return null;
  if (parent.when !== undefined && record[parent.when.field] !== parent.when.equals) return null;
  const id = record[parent.field];
  if (typeof id !== "string" || id === "") return null;
  const { record: parentRecord } = await readLive(session, parent.type, id);
  return parentRecord === null ? new Set() : labelsOf(parent.type, parentRecord);
}
