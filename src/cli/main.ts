#!/usr/bin/env node
// The `stacksweep` command: parses arguments and hands over to one module per subcommand.

import { Command, CommanderError } from "@commander-js/extra-typings";
import { createRequire } from "node:module";
import { configCommand } from "./config-validate.ts";
import { exitForError } from "./exit-for-error.ts";
import { checksCommand } from "./checks.ts";
import { planCommand } from "./plan.ts";
import { applyCommand } from "./apply.ts";
import { purgeCommand } from "./purge.ts";
import { demoCommand } from "./demo.ts";
import { fakecloudCommand } from "./fakecloud.ts";
import { historyCommand } from "./history.ts";
import { serveCommand } from "./serve.ts";
import { scanCommand } from "./scan.ts";

const require = createRequire(import.meta.url);
const { version } = require("../../package.json") as { version: string };

export function buildProgram(): Command {
  const program = new Command()
    .name("stacksweep")
    .description("Find, report and (only when asked) clean orphaned and broken resources in OpenStack clouds")
    .version(version)
    .option("--debug", "log every HTTP request (secrets redacted) and show stack traces")
    // Commander exits with 1 on a usage error; 1 means "findings" here, so errors are thrown and mapped below.
    .exitOverride();
  program.addCommand(configCommand());
  program.addCommand(fakecloudCommand());
  program.addCommand(checksCommand());
  program.addCommand(planCommand());
  program.addCommand(applyCommand());
  program.addCommand(purgeCommand());
  program.addCommand(scanCommand());
  program.addCommand(historyCommand());
  program.addCommand(serveCommand());
  program.addCommand(demoCommand());
  return program;
}

/** Runs the command line; every error becomes one line on stderr and a documented exit code. */
async function main(argv: string[]): Promise<void> {
  const debug = argv.includes("--debug");
  const program = buildProgram();
  for (const command of [program, ...allSubcommands(program)]) command.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const { exitCode, line } = exitForError(error);
    // Commander already printed its own usage message (and --help/--version their output).
    if (!(error instanceof CommanderError)) {
      process.stderr.write(`stacksweep: ${line}\n`);
      if (debug && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = exitCode;
  }
}

function allSubcommands(command: {
  commands: readonly unknown[];
}): { exitOverride(): unknown; commands: readonly unknown[] }[] {
  const result: { exitOverride(): unknown; commands: readonly unknown[] }[] = [];
  for (const sub of command.commands as { exitOverride(): unknown; commands: readonly unknown[] }[]) {
    result.push(sub, ...allSubcommands(sub));
  }
  return result;
}

await main(process.argv);
