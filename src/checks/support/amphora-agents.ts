// What the amphora agents' probes left undecided: an agent that did not answer says nothing of its disk, and is a
// finding of amphora-agent-unreachable only while its load balancer is ACTIVE.

import type { Inventory } from "../../inventory/inventory.ts";
import { neededRecords } from "./inventory-view.ts";
import { bool, text, type ApiRecord } from "../../inventory/record-field.ts";

/**
 * The ids of the amphorae whose agent did not answer, among those `include` keeps; with `unusable`, also those whose
 * answer it finds unusable.
 */
export function unansweredAgents(
  inventory: Inventory,
  include: (agent: ApiRecord) => boolean,
  unusable: (agent: ApiRecord) => boolean = () => false,
): string[] {
  const ids: string[] = [];
  for (const agent of neededRecords(inventory, "load-balancer.amphora-agent")) {
    const id = text(agent, "id");
    const answered = bool(agent, "answered");
    if (id === null || !include(agent)) continue;
    if (answered === false || (answered === true && unusable(agent))) ids.push(id);
  }
  return ids;
}

/** "amphora a1" or "12 amphorae (a1, a2, a3, a4, a5, ...)": a reason stays one readable line. */
export function describeAmphorae(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(", ");
  return ids.length === 1 ? `amphora ${shown}` : `${ids.length} amphorae (${shown}${ids.length > 5 ? ", ..." : ""})`;
}
