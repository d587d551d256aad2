// Per-cloud Neutron settings a test or benchmark may change (neutron.conf options).

import type { CloudState } from "../../state/cloud-state.ts";

export interface NeutronSettings {
  /** neutron.conf `pagination_max_limit`: -1 (the default) means no cap and no pagination without `limit`. */
  paginationMaxLimit: number;
}

const settings = new WeakMap<CloudState, NeutronSettings>();

export function neutronSettings(state: CloudState): NeutronSettings {
  let current = settings.get(state);
  if (current === undefined) {
    current = { paginationMaxLimit: -1 };
    settings.set(state, current);
  }
  return current;
}
