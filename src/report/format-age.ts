// Ages the way an operator reads them at a glance: the same words the checks' summaries use ("3d 4h", "2h 5m").

import { formatDuration } from "../inventory/age.ts";

export function formatAge(seconds: number | null): string {
  return seconds === null ? "–" : formatDuration(seconds);
}
