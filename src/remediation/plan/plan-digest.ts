// The digest that ties the executed plan to the reviewed one: SHA-256 over the plan's canonical JSON (keys sorted,
// no whitespace), so re-indenting the file keeps it while any change of content (a step, a call, the cloud) does not.

import { createHash } from "node:crypto";
import type { Plan } from "../plan.ts";

export function planDigest(plan: Plan): string {
  return `sha256:${createHash("sha256").update(canonicalJson(plan)).digest("hex")}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
