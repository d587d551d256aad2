// Every file stacksweep writes (a report, a plan, the audit log, the SQLite store) is checked before any work, so a
// path that cannot be written is one line naming the option before a scan of an hour, never an error after it. Folders
// are created one level at a time: Node's recursive mkdir spins forever under /proc.

import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, statSync, unlinkSync, type Stats } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "./errors.ts";

export interface PathSource {
  /** The file the path came from, or "command line". */
  file: string;
  /** The option or key ("-o", "--store", "remediation.auditFile"). */
  key: string;
}

/**
 * Checks that `path` can be written as a file: not a folder, in a folder that exists (or, with `createFolders`, can
 * be created) and that this process can create files in. Throws ConfigError naming the option.
 */
export function checkWritableFile(path: string, source: PathSource, options: { createFolders?: boolean } = {}): void {
  const fail = (expected: string): ConfigError => new ConfigError({ ...source, expected });
  const target = resolve(path);
  const existing = statOrNull(target);
  if (existing?.isDirectory() === true) throw fail(`${path} is a folder, expected a file`);
  const folder = dirname(target);
  if (options.createFolders === true) createFolders(folder, source);
  const parent = statOrNull(folder);
  if (parent === null) throw fail(`the folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw fail(`${folder} is not a folder`);
  // access(2) says yes to root everywhere; creating a file is the only answer that holds on /proc or a read-only mount.
  const probe = join(folder, `.stacksweep-probe-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    closeSync(openSync(probe, "wx", 0o600));
    unlinkSync(probe);
  } catch (error) {
    throw fail(`cannot write in ${folder} (${codeOf(error)})`);
  }
  if (existing !== null) {
    try {
      closeSync(openSync(target, "r+"));
    } catch (error) {
      throw fail(`cannot write ${path} (${codeOf(error)})`);
    }
  }
}

/** Creates `folder` and its missing parents (0700), one level at a time; throws ConfigError naming the option. */
export function createFolders(folder: string, source: PathSource): void {
  const missing: string[] = [];
  let current = resolve(folder);
  while (statOrNull(current) === null) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const existing = statOrNull(current);
  if (existing !== null && !existing.isDirectory())
    throw new ConfigError({ ...source, expected: `ENOTDIR: ${current} is not a folder` });
  for (const level of missing) {
    try {
      mkdirSync(level, { mode: 0o700 });
    } catch (error) {
      if (codeOf(error) === "EEXIST" && statOrNull(level)?.isDirectory() === true) continue;
      throw new ConfigError({ ...source, expected: `${codeOf(error)}: cannot create the folder ${level}` });
    }
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "error";
}
