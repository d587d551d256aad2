// Reads a check's thresholds (defaults merged with the operator's settings by the runner) with their types.

import type { CheckContext } from "../check.ts";

/** A numeric threshold; a wrong type here is a programming error (settings are validated before the run). */
export function numberThreshold(context: CheckContext, key: string): number {
  const value = context.thresholds[key];
  if (typeof value !== "number") throw new Error(`threshold ${key} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

export function stringThreshold(context: CheckContext, key: string): string {
  const value = context.thresholds[key];
  if (typeof value !== "string") throw new Error(`threshold ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

export function listThreshold(context: CheckContext, key: string): string[] {
  const value = context.thresholds[key];
  if (!Array.isArray(value)) throw new Error(`threshold ${key} must be a list, got ${JSON.stringify(value)}`);
  return value;
}
