// Structured logs to stderr (stdout carries only reports, so `| jq` always works), with every known secret field
// censored by pino itself as a second line of defence behind the transport's own redaction.

import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";

export type Logger = PinoLogger;

/** Field paths pino censors wherever they appear in a log object (one or two levels deep, any header casing). */
export const REDACTED_PATHS = [
  "password",
  "token",
  "secret",
  "application_credential_secret",
  "*.password",
  "*.token",
  "*.secret",
  "*.application_credential_secret",
  "*.*.password",
  "*.*.secret",
  "*.*.application_credential_secret",
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["X-Auth-Token"]',
  'headers["X-Subject-Token"]',
  '*.headers["x-auth-token"]',
  '*.headers["x-subject-token"]',
  '*.headers["X-Auth-Token"]',
  '*.headers["X-Subject-Token"]',
];

export interface LoggerOptions {
  /** `--debug`: log every HTTP request (redacted) at debug level. */
  debug?: boolean;
  /** Overrides the level (also from STACKSWEEP_LOG_LEVEL); default "warn", or "debug" with --debug. */
  level?: string;
  /** Where to write; default stderr. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.STACKSWEEP_LOG_LEVEL ?? (options.debug ? "debug" : "warn");
  // Synchronous writes so that the last lines before process.exit are not lost.
  const destination = options.destination ?? pino.destination({ dest: 2, sync: true });
  return pino(
    {
      name: "stacksweep",
      level,
      redact: { paths: REDACTED_PATHS, censor: "***" },
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A logger that drops everything, for library callers that pass none. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
