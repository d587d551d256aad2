// Maps whatever ended a command to the documented exit code and the one line the operator reads; --debug adds
// the stack. Messages of our typed errors are already redacted; they are printed as they are.

import { CommanderError } from "@commander-js/extra-typings";
import { ConfigError } from "../config/errors.ts";
import { AuthError, CatalogError, ConnectionError, MicroversionError, OpenStackError } from "../openstack/errors.ts";
import { StoreError } from "../store/store-error.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";

export interface ErrorOutcome {
  exitCode: ExitCode;
  /** One line, without the "stacksweep: " prefix. */
  line: string;
}

export function exitForError(error: unknown): ErrorOutcome {
  if (error instanceof CommanderError) {
    // --help and --version end with a CommanderError too, with exit code 0.
    return { exitCode: error.exitCode === 0 ? EXIT.ok : EXIT.usage, line: error.message.replace(/^error: /, "") };
  }
  if (error instanceof ConfigError) return { exitCode: EXIT.usage, line: error.message };
  // The history store named by --store or the settings cannot be opened or written: fix the configuration.
  if (error instanceof StoreError) return { exitCode: EXIT.usage, line: error.message };
  // The catalog lacks the region, interface or service the configuration asks for: fix the configuration.
  if (error instanceof CatalogError) return { exitCode: EXIT.usage, line: error.message };
  if (error instanceof AuthError)
    return { exitCode: EXIT.unreachable, line: `authentication failed: ${error.message}` };
  if (error instanceof ConnectionError) return { exitCode: EXIT.unreachable, line: error.message };
  if (error instanceof MicroversionError) return { exitCode: EXIT.unreachable, line: error.message };
  if (error instanceof OpenStackError) return { exitCode: EXIT.unreachable, line: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT.internal,
    line: `internal error: ${firstLine(message)} (a bug: rerun with --debug and report it)`,
  };
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
