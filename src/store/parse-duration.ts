// Durations as operators write them on the command line and in stacksweep.yaml: "90s", "30m", "24h", "7d", "2w",
// or combined ("1d12h"); a bare number is seconds. Used by `history --since` and the remediation grace period.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds in the duration, or an Error naming the value and the accepted forms. */
export function parseDuration(value: string, what = "duration"): number {
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text);
  if (text !== "" && /^(\d+[smhdw])+$/.test(text)) {
    let seconds = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/g))
      seconds += Number(amount) * (UNIT_SECONDS[unit ?? "s"] ?? 1);
    return seconds;
  }
  throw new Error(`${what}: expected a duration like 90s, 30m, 24h, 7d or 1d12h, got "${value}"`);
}
