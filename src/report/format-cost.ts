// What debris holds, in words every format shares: "212 GiB, 6 vCPU, 12 GiB RAM" and "3 volumes (80 GiB), 2 ports".

import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { DebrisCost } from "./summarize-scan.ts";

/** GiB for people: whole numbers from 10 up, one decimal below. */
export function formatGib(gib: number): string {
  if (gib > 0 && gib < 0.1) return "<0.1 GiB";
  return `${gib >= 10 || gib === 0 ? Math.round(gib).toLocaleString("en-US") : gib.toFixed(1)} GiB`;
}

/** The storage, vCPUs and RAM held ("212 GiB, 6 vCPU, 12 GiB RAM"); "nothing measurable" when none is declared. */
export function formatHoldings(cost: Pick<DebrisCost, "gib" | "vcpus" | "ramMib">): string {
  const parts = [
    ...(cost.gib > 0 ? [formatGib(cost.gib)] : []),
    ...(cost.vcpus > 0 ? [`${cost.vcpus.toLocaleString("en-US")} vCPU`] : []),
    ...(cost.ramMib > 0 ? [`${formatGib(cost.ramMib / 1024)} RAM`] : []),
  ];
  return parts.length === 0 ? "nothing measurable" : parts.join(", ");
}

/** "volume", "security group rule": a type's resource in OpenStack's words. */
function resourceWord(type: ResourceTypeId): string {
  return (type.split(".")[1] ?? type).replaceAll("-", " ");
}

function plural(word: string, count: number): string {
  if (count === 1) return word;
  return word.endsWith("y") ? `${word.slice(0, -1)}ies` : `${word}s`;
}

/**
 * The resources per type, with the GiB of those that hold storage: "3 volumes (80 GiB), 2 floatingips". Types whose
 * word is not unique (Nova's and Cinder's `service`) are named by their id.
 */
export function formatResources(cost: DebrisCost): string[] {
  const words = cost.byType.map(({ type }) => resourceWord(type));
  return cost.byType.map(({ type, count, gib }) => {
    const word = resourceWord(type);
    const name = words.indexOf(word) === words.lastIndexOf(word) ? plural(word, count) : type;
    return `${count.toLocaleString("en-US")} ${name}${gib > 0 ? ` (${formatGib(gib)})` : ""}`;
  });
}
