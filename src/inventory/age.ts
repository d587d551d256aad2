// Ages and durations as operators read them. OpenStack services write timestamps in several shapes: Nova and
// Neutron with a zone ("2026-11-24T22:34:24Z"), Cinder and Octavia without one but in UTC, Python's microseconds.

import type { ApiRecord } from "./record-field.ts";
import { text } from "./record-field.ts";

const ZONE = /(Z|[+-]\d\d:?\d\d)$/i;

/** Milliseconds since the epoch, or null when the value is not a timestamp. Zone-less values are UTC. */
export function parseApiTime(value: string | null): number | null {
  if (value === null) return null;
  // Millisecond precision is plenty, and it keeps Date.parse within the ISO shape every engine accepts.
  let normalized = value
    .trim()
    .replace(" ", "T")
    .replace(/(\.\d{3})\d+/, "$1");
  if (!ZONE.test(normalized)) normalized += "Z";
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * When the record entered its current state: `updated_at` (Nova: `updated`). A record never modified since it was
 * created has a null `updated_at` (Octavia, Cinder): then its creation is when it entered the state it is still in.
 */
export function stateSince(record: ApiRecord, updatedField = "updated_at", createdField = "created_at"): string | null {
  return text(record, updatedField) ?? text(record, createdField);
}

/** Whole seconds from `since` to `now`, or null when `since` is unknown or unparsable. */
export function secondsSince(since: string | null, now: Date): number | null {
  const ms = parseApiTime(since);
  if (ms === null) return null;
  return Math.floor((now.getTime() - ms) / 1000);
}

/** "45s", "12m", "3h 12m", "4d 2h": the two largest units, as in a summary line. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  if (minutes > 0) return `${minutes}m`;
  return `${s}s`;
}
