// What a remediation action is: one kind of API call that fixes one kind of finding, with the live state it needs
// before it may run and a wait for its result. Actions are registry entries (actions/registry.ts), one file each.

import type { OctaviaDatabase } from "./apply/octavia-database.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { Session } from "../openstack/session.ts";
import type { FillTemplate } from "./fill-template.ts";
import type { PlanStep } from "./plan-step.ts";
import type { RbdImages } from "./rbd-images.ts";

type Scalar = string | number | boolean | null;

/** A record as read live just before the action; null when the resource answered 404. */
export type LiveRecord = Record<string, unknown> | null;

/** Why the live record does not allow the action (null: it does). */
export type PreconditionVerdict = string | null;

/** What apply hands every action besides the session: sources below the API, present only when configured. */
export interface ActionContext {
  /** Octavia's database: only with a configured connection (and writable only with --allow-db-write). */
  octaviaDatabase: OctaviaDatabase | null;
  /** The RBD pools: only when a planned step moves an image to the trash and remediation.rbdTrash is enabled. */
  rbdImages?: RbdImages | null;
}

export interface ExecuteResult {
  /** `x-openstack-request-id` of each call, for the audit log. */
  requestIds: string[];
  detail?: Record<string, unknown>;
  /** What the call changed, as it was before (a database row), for the audit log. */
  previousState?: unknown;
}

export interface SettleOptions {
  deadline: number; // epoch ms
  pollIntervalMs: number;
}

/** What a call is made of: the target, the parameters, and the resource of the finding. */
export type CallSubject = Pick<PlanStep, "target" | "params" | "resource">;

export interface Action {
  /** The remediation registry id findings carry in `RemediationStep.action` ("volume.reset-status"). */
  id: string;
  /** The type of the resource the call acts on (for an amphora's load balancer failover: the load balancer). */
  resourceType: ResourceTypeId;
  destructive: boolean;
  /** The id of the resource the call acts on, from the finding's resource id and the step's parameters. */
  targetId(resourceId: string, params: Readonly<Record<string, string | number | boolean | null>>): string;
  /**
   * The state the action leaves on its resource, which the next step of the same remediation expects live instead
   * of the state the finding saw (a reset-status step leaves `status` as asked).
   */
  stateAfter(params: Readonly<Record<string, string | number | boolean | null>>): Record<string, Scalar>;
  /**
   * Whether the action only prepares the next step of the same remediation (the database fix before the failover or
   * delete): the planner then takes the next step too.
   */
  preparesNext: boolean;
  /**
   * Whether the action writes a service's database rather than calling its API: only with --allow-db-write and a
   * configured connection (remediation.octaviaDatabase).
   */
  writesDatabase: boolean;
  /**
   * Whether the action changes an RBD pool rather than calling an API: only with remediation.rbdTrash enabled in
   * stacksweep.yaml (and the region's `deep:` ceph settings to reach the cluster).
   */
  writesRbd: boolean;
  /**
   * The target's type when it is the finding's own and varies with it (one RBD type per pool role); absent: always
   * `resourceType`.
   */
  targetType?(findingType: ResourceTypeId): ResourceTypeId;
  /**
   * How the finding's resource is re-read live when no API shows it (an RBD image: `rbd info` and `rbd status`);
   * absent: the show call of its resource type. Null means gone.
   */
  readLive?(step: PlanStep, context: ActionContext): Promise<LiveRecord>;
  /**
   * The same change as python-openstackclient makes it, for operators who fix by hand: `{id}` is the finding's
   * resource, `{target}` the resource the call acts on, `{param}` a step parameter; a `--{param}` word whose
   * parameter is absent is left out. Absent when the client has no such command.
   */
  command?: string;
  /**
   * The call this action makes for a step, as an operator reads it: derived from the action and the step's target and
   * parameters, never read from a plan file, so the call shown in a review is the call made. `fill` is how the
   * placeholders are filled (URL-encoded for a call made; as they are for a finding's remediation, which is shown).
   */
  describeCall(step: CallSubject, fill?: FillTemplate): string;
  /**
   * What the live re-read must show for the step to proceed, beyond the state the finding saw (which apply compares
   * generically): e.g. a volume must still list the attachment to delete.
   */
  precondition(live: LiveRecord, step: PlanStep): PreconditionVerdict;
  /** The API call(s) through the session; throws OpenStackApiError when the service refuses. */
  execute(session: Session, step: PlanStep, context: ActionContext): Promise<ExecuteResult>;
  /** Polls until the change took effect (gone, or the target state) or the deadline passed; returns the outcome. */
  settle(session: Session, step: PlanStep, options: SettleOptions, context: ActionContext): Promise<SettleOutcome>;
}

/** The resource an action's call acts on, for a finding's resource and the step's parameters. */
export function targetOf(
  action: Action,
  resource: { type: ResourceTypeId; id: string },
  params: Readonly<Record<string, Scalar>>,
): { type: ResourceTypeId; id: string } {
  return { type: action.targetType?.(resource.type) ?? action.resourceType, id: action.targetId(resource.id, params) };
}

export type SettleOutcome = { settled: true; state: string } | { settled: false; state: string; reason: string };
