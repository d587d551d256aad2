// Parses the timestamps OpenStack services write: ISO 8601 with or without a zone ("2026-11-24T22:34:24.000000",
// Nova/Cinder), with a space (Neutron agents' "2026-11-24 22:34:24"), or with "Z"/offset (Glance, Octavia, Keystone).
// Times without a zone are UTC: every service stores and returns UTC.

/** Milliseconds since the epoch, or null when the value is not a timestamp. */
export function parseOpenStackTime(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (match === null) return null;
  const [, date, time, fraction, zone] = match;
  const millis = fraction === undefined ? "" : fraction.slice(0, 4).padEnd(4, "0");
  const offset =
    zone === undefined ? "Z" : zone === "Z" || zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const parsed = Date.parse(`${date}T${time}${millis}${offset}`);
  return Number.isNaN(parsed) ? null : parsed;
}
