// Per-cloud Octavia settings a test or demo may change: how long the (fake) controller worker takes to act.

import type { CloudState } from "../../state/cloud-state.ts";

export interface OctaviaSettings {
  /** How long a create, update, delete or failover stays PENDING_* before the worker finishes it. */
  provisioningDelayMs: number;
}

const settings = new WeakMap<CloudState, OctaviaSettings>();

export function octaviaSettings(state: CloudState): OctaviaSettings {
  let current = settings.get(state);
  if (current === undefined) {
    current = { provisioningDelayMs: 500 };
    settings.set(state, current);
  }
  return current;
}
