// The documented exit codes (README "Exit codes"); scripts and cron jobs depend on them, so never renumber.
export const EXIT = {
  ok: 0,
  findings: 1, // findings at or above --fail-on
  usage: 2, // usage or configuration error
  unreachable: 3, // cloud unreachable or authentication failed
  incomplete: 4, // scan incomplete: some checks inconclusive
  applyIncomplete: 5, // apply/purge: some steps were skipped (state changed, rail) or failed
  applyRefused: 6, // apply/purge refused to start: lock held, cap exceeded, confirmation not given
  internal: 70, // a bug in stacksweep (EX_SOFTWARE), never to be mistaken for "findings"
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
