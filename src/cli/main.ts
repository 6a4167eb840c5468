#!/usr/bin/env -S npx tsx
import { Command } from "commander";
import { registerAdminCommands } from "./commands/admin.ts";
import { registerBackupCommands } from "./commands/backup.ts";
import { registerServeCommands } from "./commands/serve.ts";

/**
 * `warden`: every command is a thin adapter over the services (or, for the
 * stand-alone checks, over an engine), with `--json` where it lists things.
 */
export function buildProgram(): Command {
  const program = new Command()
    .name("warden")
    .description("Keeps your code, data and IP your own when software work is outsourced.")
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerServeCommands(program);
  registerAdminCommands(program);
  registerBackupCommands(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
