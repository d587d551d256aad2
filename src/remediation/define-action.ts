// The shapes most actions share, so each action file states only what is its own: a delete that is done when the
// resource is gone, and a call that is done when the resource shows a target state.

import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import { resourceType } from "../inventory/registry.ts";
import type { ApiRequest, Session } from "../openstack/session.ts";
import type { Action, CallSubject, ExecuteResult, LiveRecord, PreconditionVerdict, SettleOutcome } from "./action.ts";
import { fillPath, type FillTemplate } from "./fill-template.ts";
import type { PlanStep } from "./plan-step.ts";
import { pollUntil } from "./poll-until.ts";
import { readLive } from "./read-live.ts";

type Params = Readonly<Record<string, string | number | boolean | null>>;

interface Common {
  id: string;
  resourceType: ResourceTypeId;
  destructive: boolean;
  command?: string;
  targetId?: (resourceId: string, params: Params) => string;
  precondition?: (live: LiveRecord, step: PlanStep) => PreconditionVerdict;
  stateAfter?: Action["stateAfter"];
  preparesNext?: boolean;
}

interface Request {
  method: NonNullable<ApiRequest["method"]>;
  /** With `{id}` (the target) and `{param}` placeholders. */
  path: string;
  query?: Record<string, string>;
  body?: (step: CallSubject) => unknown;
  microversion?: string;
  /** Headers the service reads to act across projects (Designate's `x-auth-all-projects`). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The state a record shows: `done` when the action's effect is there, `failed` when the service gave up (an
 * `error_deleting` volume), otherwise still in progress.
 */
export type Progress = { done: true } | { done: false; failed?: string };

export function deleteAction(spec: Common & { request: Request; failedStates?: readonly string[] }): Action {
  return defineAction({
    ...spec,
    // Octavia and Glance keep a deleted record visible for a while as DELETED / deleted.
    progress: (live) => {
      if (live === null) return { done: true };
      const status = stateOf(live);
      if (status === "DELETED" || status === "deleted") return { done: true };
      if (spec.failedStates?.includes(status)) return { done: false, failed: `the service left it in ${status}` };
      return { done: false };
    },
  });
}

export function defineAction(
  spec: Common & {
    request: Request;
    /** Which record settle reads (default: the target). */
    settleOn?: (step: PlanStep) => { type: ResourceTypeId; id: string };
    progress: (live: LiveRecord, step: PlanStep) => Progress;
  },
): Action {
  return {
    id: spec.id,
    resourceType: spec.resourceType,
    destructive: spec.destructive,
    ...(spec.command === undefined ? {} : { command: spec.command }),
    targetId: spec.targetId ?? ((resourceId) => resourceId),
    stateAfter: spec.stateAfter ?? (() => ({})),
    preparesNext: spec.preparesNext ?? false,
    writesDatabase: false,
    writesRbd: false,
    describeCall: (step, fill = fillPath) => describeRequest(spec.request, step, fill),
    precondition: spec.precondition ?? (() => null),
    execute: (session, step) => send(session, spec.resourceType, spec.request, step),
    async settle(session, step, options): Promise<SettleOutcome> {
      const on = spec.settleOn?.(step) ?? step.target;
      const verdict = await pollUntil<{ state: string; failed?: string }>(async () => {
        const { record } = await readLive(session, on.type, on.id);
        const progress = spec.progress(record, step);
        const state = record === null ? "gone" : stateOf(record) || "present";
        if (progress.done) return { done: true, value: { state } };
        if (progress.failed !== undefined) return { done: true, value: { state, failed: progress.failed } };
        return { done: false, value: { state } };
      }, options);
      const { state } = verdict.value;
      if (!verdict.done) return { settled: false, state, reason: `still ${state} when the deadline passed` };
      if (verdict.value.failed !== undefined) return { settled: false, state, reason: verdict.value.failed };
      return { settled: true, state };
    },
  };
}

/** The request as it is sent: method, path with its query, JSON body, and the microversion asked for. */
function describeRequest(request: Request, step: CallSubject, fill: FillTemplate): string {
  const query = request.query === undefined ? "" : `?${new URLSearchParams(request.query).toString()}`;
  const body = request.body === undefined ? "" : ` ${JSON.stringify(request.body(step))}`;
  const version = request.microversion === undefined ? "" : ` (microversion ${request.microversion})`;
  const headers = Object.entries(request.headers ?? {})
    .map(([name, value]) => ` (${name}: ${value})`)
    .join("");
  return `${request.method} ${fill(request.path, step)}${query}${body}${version}${headers}`;
}

/** Sends one call; the session throws OpenStackApiError on a refusal, which apply records as the step's failure. */
export async function send(
  session: Session,
  type: ResourceTypeId,
  request: Request,
  step: PlanStep,
): Promise<ExecuteResult> {
  const response = await session.request(resourceType(type).service, {
    method: request.method,
    path: fillPath(request.path, step),
    ...(request.query === undefined ? {} : { query: request.query }),
    ...(request.body === undefined ? {} : { body: request.body(step) }),
    ...(request.microversion === undefined ? {} : { microversion: request.microversion }),
    ...(request.headers === undefined ? {} : { headers: request.headers }),
  });
  return { requestIds: response.requestId === null ? [] : [response.requestId] };
}

/** The status field a record of any service shows (Octavia's provisioning status first). */
export function stateOf(record: Record<string, unknown>): string {
  for (const field of ["provisioning_status", "status"]) {
    const value = record[field];
    if (typeof value === "string") return value;
  }
  return "";
}
