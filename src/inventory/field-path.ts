// Reads the string values at a reference path such as "attachments[].server_id" from one record.

/** Every non-empty string found at the path; arrays marked `[]` are walked, anything else is skipped. */
export function readFieldPath(record: Record<string, unknown>, path: string): string[] {
  let current: unknown[] = [record];
  for (const step of path.split(".")) {
    const walk = step.endsWith("[]");
    const field = walk ? step.slice(0, -2) : step;
    const next: unknown[] = [];
    for (const value of current) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
      const child = (value as Record<string, unknown>)[field];
      if (walk) {
        if (Array.isArray(child)) next.push(...(child as unknown[]));
      } else if (child !== undefined && child !== null) next.push(child);
    }
    current = next;
  }
  return current.filter((value): value is string => typeof value === "string" && value !== "");
}
