// Times in a scenario are relative to the moment of seeding ("-2h", "-1d12h", "now"), so a demo always shows
// a volume "stuck for 2 hours" however long ago the scenario was written.

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const RELATIVE = /^([+-])((?:\d+[smhdw])+)$/;

/** The time `text` means relative to `now`, or undefined when `text` is not a relative time. */
export function parseRelativeTime(text: string, now: Date): Date | undefined {
  if (text === "now") return new Date(now);
  const match = RELATIVE.exec(text.trim());
  if (match === null) return undefined;
  let offset = 0;
  for (const part of match[2]!.matchAll(/(\d+)([smhdw])/g)) offset += Number(part[1]) * UNIT_MS[part[2]!]!;
  return new Date(now.getTime() + (match[1] === "-" ? -offset : offset));
}
