// Each service prints times its own way (they come from different serializers); clients parse them all,
// but a fake that printed one format everywhere would hide a client's parsing bug.

export type TimeFormat =
  | "iso-z" // Nova, Neutron, Glance: 2024-05-01T12:00:00Z
  | "iso-micro" // Cinder, Octavia: 2024-05-01T12:00:00.000000 (naive UTC)
  | "iso-micro-z" // Keystone tokens: 2024-05-01T12:00:00.000000Z
  | "iso-naive"; // Barbican: 2024-05-01T12:00:00 (naive UTC, whole seconds)

export function formatTime(date: Date, format: TimeFormat): string {
  const seconds = date.toISOString().slice(0, 19);
  switch (format) {
    case "iso-z":
      return `${seconds}Z`;
    case "iso-micro":
      return `${seconds}.${String(date.getUTCMilliseconds()).padStart(3, "0")}000`;
    case "iso-micro-z":
      return `${seconds}.${String(date.getUTCMilliseconds()).padStart(3, "0")}000Z`;
    case "iso-naive":
      return seconds;
  }
}

/** Parses any of the formats above (a naive time is UTC, as in every OpenStack database). */
export function parseTime(text: string): Date | undefined {
  const normalized = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`;
  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
