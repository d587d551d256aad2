// Where the history lives: a SQLite file (default: under the XDG state directory) or a PostgreSQL URL.

import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { ConfigError } from "../config/errors.ts";

export type StoreLocation = { dialect: "sqlite"; path: string } | { dialect: "postgres"; url: string };

/** `$XDG_STATE_HOME/stacksweep/history.sqlite`; the XDG spec says a relative XDG_STATE_HOME is to be ignored. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const stateHome = env.XDG_STATE_HOME;
  const base =
    stateHome !== undefined && isAbsolute(stateHome) ? stateHome : join(env.HOME ?? homedir(), ".local", "state");
  return join(base, "stacksweep", "history.sqlite");
}

/**
 * Reads `--store PATH|URL` (or the `store` setting): `postgres://` / `postgresql://` URLs select PostgreSQL, anything
 * else is a SQLite file path; no value means the default file.
 */
export function resolveStoreLocation(
  value: string | undefined,
  options: { env?: NodeJS.ProcessEnv; cwd?: string; source?: string } = {},
): StoreLocation {
  const source = options.source ?? "command line";
  if (value === undefined || value === "") return { dialect: "sqlite", path: defaultStorePath(options.env) };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError({
        file: source,
        key: "store",
        expected: `a valid postgres://user@host:port/database URL, got "${redactStoreUrl(value)}"`,
      });
    }
    return { dialect: "postgres", url: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new ConfigError({
      file: source,
      key: "store",
      expected: `a SQLite file path or a postgres:// URL, got "${redactStoreUrl(value)}"`,
    });
  }
  return { dialect: "sqlite", path: resolve(options.cwd ?? process.cwd(), value) };
}

/** The location as it may be shown: a URL's password is replaced, so it can appear in logs and errors. */
export function describeStoreLocation(location: StoreLocation): string {
  return location.dialect === "sqlite" ? location.path : redactStoreUrl(location.url);
}

export function redactStoreUrl(value: string): string {
  // Regex rather than URL parsing: it must also redact strings that are not valid URLs.
  return value
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@")
    .replace(/([?&]password=)[^&]*/i, "$1***");
}
