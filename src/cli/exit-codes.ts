// The documented exit codes (README "Exit codes", `stacksweep --help`); scripts and cron jobs depend on them, so never
// renumber. When several apply, the first in EXIT_PRECEDENCE wins (see scanExitCode for why).
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

/** What `--help` says about each code, in the order of precedence. */
export const EXIT_CODES_HELP = `
Exit codes (when several apply, the first of 70, 2, 6, 3, 5, 4, 1 wins):
  0   success: no finding at or above --fail-on
  1   findings at or above the --fail-on severity
  2   usage or configuration error (an unknown option, cloud, region, project, column...), before any change
  3   a cloud or region unreachable, or authentication failed
  4   scan incomplete: some checks inconclusive (a listing failed, was forbidden or truncated)
  5   apply/purge: some steps were skipped or failed; the others ran
  6   apply/purge refused to start: lock held, cap exceeded, or the cloud's name not confirmed
  70  internal error: a bug in stacksweep (rerun with --debug and report it)
`;
