#!/usr/bin/env node
// The `stacksweep` command: parses arguments and hands over to one module per subcommand.

import { Command, CommanderError, Option, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { TOOL_VERSION as version } from "../config/tool-version.ts";
import { dropOutputOnClosedPipe } from "./closed-pipe.ts";
import { EXIT_CODES_HELP } from "./exit-codes.ts";
import { ConfigError } from "../config/errors.ts";
import { isLogLevel, LOG_LEVELS } from "../log/logger.ts";
import { exitForError } from "./exit-for-error.ts";
import { addOpenStackOptions, applyOpenStackOptions, CLOUD_COMMANDS, VALUE_OPTIONS } from "./openstack-options.ts";

/**
 * One loader per subcommand, in the order `--help` lists them (the main job first). A run loads only the module of the command it runs
 * (a scan does not load the dashboard, the store's drivers or the fake cloud): less start-up time and memory.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandUnknownOpts>>> = {
  scan: async () => (await import("./scan.ts")).scanCommand(),
  demo: async () => (await import("./demo.ts")).demoCommand(),
  checks: async () => (await import("./checks.ts")).checksCommand(),
  history: async () => (await import("./history.ts")).historyCommand(),
  plan: async () => (await import("./plan.ts")).planCommand(),
  apply: async () => (await import("./apply.ts")).applyCommand(),
  purge: async () => (await import("./purge.ts")).purgeCommand(),
  serve: async () => (await import("./serve.ts")).serveCommand(),
  watch: async () => (await import("./watch.ts")).watchCommand(),
  config: async () => (await import("./config-validate.ts")).configCommand(),
  fakecloud: async () => (await import("./fakecloud.ts")).fakecloudCommand(),
};

/**
 * The program with the named subcommand only, or with all of them when none is named (help, usage errors), or with
 * none for `--version`, which needs no command's module.
 */
export async function buildProgram(commandName?: string, versionOnly = false): Promise<Command> {
  const program = new Command()
    .name("stacksweep")
    .description("Find, report and (only when asked) clean orphaned and broken resources in OpenStack clouds")
    .version(version)
    .option("--debug", "log every HTTP request (secrets redacted) and show stack traces")
    // Options before the command are the program's, after it the command's: `scan --os-cloud` may repeat.
    .enablePositionalOptions()
    .addHelpText("after", EXIT_CODES_HELP)
    // Commander exits with 1 on a usage error; 1 means "findings" here, so errors are thrown and mapped below.
    .exitOverride();
  addOpenStackOptions(program, { hidden: false });
  const load = commandName === undefined ? undefined : COMMANDS[commandName];
  const loaders = versionOnly ? [] : load === undefined ? Object.values(COMMANDS) : [load];
  for (const command of await Promise.all(loaders.map((loader) => loader()))) program.addCommand(command);
  for (const command of allSubcommands(program)) {
    if (!command.options.some((option) => option.long === "--debug"))
      command.addOption(new Option("--debug").hideHelp());
    if (CLOUD_COMMANDS.has(command.name())) addOpenStackOptions(command, { hidden: true });
  }
  program.hook("preAction", async (_program, action) => {
    checkLogLevelVariable(process.env.STACKSWEEP_LOG_LEVEL);
    await applyOpenStackOptions(program, action);
  });
  return program;
}

/**
 * STACKSWEEP_LOG_LEVEL is read where a command makes its logger, after work may have begun: a misspelt level is
 * refused before any command runs, as a configuration error naming the variable (exit 2), never as a bug (70).
 */
function checkLogLevelVariable(level: string | undefined): void {
  if (level === undefined || isLogLevel(level)) return;
  throw new ConfigError({
    file: "environment",
    key: "STACKSWEEP_LOG_LEVEL",
    expected: `one of ${LOG_LEVELS.join(", ")}, got "${level}"`,
  });
}

/** The first argument that is neither a global option nor its value: the subcommand's name, if any. */
function commandNameOf(argv: string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("-")) return arg;
    if (VALUE_OPTIONS.has(arg)) i++;
  }
  return undefined;
}

/** Runs the command line; every error becomes one line on stderr and a documented exit code. */
async function main(argv: string[]): Promise<void> {
  dropOutputOnClosedPipe(process.stdout);
  dropOutputOnClosedPipe(process.stderr);
  const debug = argv.includes("--debug");
  const commandName = commandNameOf(argv);
  const versionOnly =
    commandName === undefined &&
    argv.some((arg) => arg === "--version" || arg === "-V") &&
    !argv.some((arg) => arg === "--help" || arg === "-h");
  const program = await buildProgram(commandName, versionOnly);
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

function allSubcommands(command: CommandUnknownOpts): CommandUnknownOpts[] {
  return command.commands.flatMap((sub) => [sub, ...allSubcommands(sub)]);
}

await main(process.argv);
