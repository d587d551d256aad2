// Structured logs to stderr (stdout carries only reports, so `| jq` always works), with every known secret field
// censored by pino itself as a second line of defence behind the transport's own redaction.
//
// pino is loaded when the first line is written, not when a logger is made: pino, its serializers and its worker
// machinery cost 10–17 ms of CPU to load, which a scan used to pay before its first request, and a scan at the default
// level ("warn") that meets no trouble writes no line at all.

import { createRequire } from "node:module";
import type { DestinationStream, Level, LevelWithSilent, Logger as PinoLogger } from "pino";

type LogFn = PinoLogger["info"];

/** What stacksweep logs through: the part of pino's logger it uses, which pino's own loggers are too. */
export interface Logger {
  child(bindings: Record<string, unknown>): Logger;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  isLevelEnabled(level: Level): boolean;
}

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

/** pino's levels and their numbers (pino.levels.values), known here so that pino is not loaded to compare them. */
const LEVELS: Readonly<Record<LevelWithSilent, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

/** The levels a logger can be made with, quietest last. */
export const LOG_LEVELS: readonly string[] = Object.keys(LEVELS);

/** Whether `level` names one of the logger's levels. */
export function isLogLevel(level: string): boolean {
  return Object.hasOwn(LEVELS, level);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.STACKSWEEP_LOG_LEVEL ?? (options.debug ? "debug" : "warn");
  if (!isLogLevel(level)) {
    // Refused here, where pino refused it too (with its own words), not at the first line: a logger whose threshold
    // is not a number would drop every line until then.
    throw new Error(`unknown level ${level}`);
  }
  return new DeferredLogger(LEVELS[level as LevelWithSilent], () => {
    const { pino } = loadPino();
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
  });
}

/** A logger that drops everything, for library callers that pass none. */
export function silentLogger(): Logger {
  return createLogger({ level: "silent" });
}

// Not `import`: the bundle would evaluate pino with the logger's module. Resolved from node_modules, where the
// package's dependencies are.
const loadPino = (): typeof import("pino") => createRequire(import.meta.url)("pino") as typeof import("pino");

/** Stands for a pino logger (with its child bindings) until a line at an enabled level needs the real one. */
class DeferredLogger implements Logger {
  #real: PinoLogger | undefined;

  constructor(
    private readonly threshold: number,
    private readonly make: () => PinoLogger,
  ) {}

  isLevelEnabled(level: Level): boolean {
    return LEVELS[level] >= this.threshold;
  }

  child(bindings: Record<string, unknown>): Logger {
    return new DeferredLogger(this.threshold, () => this.real().child(bindings));
  }

  debug: LogFn = (...args: Parameters<LogFn>) => this.write("debug", args);
  info: LogFn = (...args: Parameters<LogFn>) => this.write("info", args);
  warn: LogFn = (...args: Parameters<LogFn>) => this.write("warn", args);
  error: LogFn = (...args: Parameters<LogFn>) => this.write("error", args);

  private write(level: Level, args: Parameters<LogFn>): void {
    if (this.isLevelEnabled(level)) this.real()[level](...args);
  }

  private real(): PinoLogger {
    return (this.#real ??= this.make());
  }
}
