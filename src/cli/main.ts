#!/usr/bin/env node
// The `stacksweep` command: parses arguments and hands over to one module per subcommand.

import { Command } from "@commander-js/extra-typings";
import { createRequire } from "node:module";
import { checksCommand } from "./checks.ts";
import { demoCommand } from "./demo.ts";
import { historyCommand } from "./history.ts";
import { scanCommand } from "./scan.ts";

const require = createRequire(import.meta.url);
const { version } = require("../../package.json") as { version: string };

export function buildProgram(): Command {
  const program = new Command()
    .name("stacksweep")
    .description("Find, report and (only when asked) clean orphaned and broken resources in OpenStack clouds")
    .version(version)
    .option("--debug", "log every HTTP request (secrets redacted) and show stack traces");
  program.addCommand(checksCommand());
  program.addCommand(scanCommand());
  program.addCommand(historyCommand());
  program.addCommand(demoCommand());
  return program;
}

await buildProgram().parseAsync(process.argv);
