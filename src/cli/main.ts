import { Command } from "commander";
import { registerAccessCommands } from "./commands/access.ts";
import { registerAdminCommands } from "./commands/admin.ts";
import { registerBackupCommands } from "./commands/backup.ts";
import { registerContractCommands } from "./commands/contract.ts";
import { registerDatabaseCommands } from "./commands/database.ts";
import { registerJurisdictionCommands } from "./commands/jurisdiction.ts";
import { registerLeaksCommands } from "./commands/leaks.ts";
import { registerLifecycleCommands } from "./commands/lifecycle.ts";
import { registerMailCommands } from "./commands/mail.ts";
import { registerRepoCommands } from "./commands/repo.ts";
import { registerReportCommands } from "./commands/report.ts";
import { registerScanCommands } from "./commands/scan.ts";
import { registerServeCommands } from "./commands/serve.ts";
import { registerVerifyCommands } from "./commands/verify.ts";

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
  registerDatabaseCommands(program);
  registerJurisdictionCommands(program);
  registerLifecycleCommands(program);
  registerAccessCommands(program);
  registerContractCommands(program);
  registerVerifyCommands(program);
  registerRepoCommands(program);
  registerLeaksCommands(program);
  registerReportCommands(program);
  registerScanCommands(program);
  registerMailCommands(program);
  return program;
}

/**
 * Resolves once everything written to the stream so far has been handed to the
 * operating system. A pipe takes at most 64 KiB at a time and Node writes the
 * rest asynchronously: exiting before that would cut a long report short.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0 || stream.destroyed) resolve();
    else stream.write("", () => resolve());
  });
}

await buildProgram().parseAsync(process.argv);
// Every command has finished its work (serve and worker wait for a signal and
// close first): once its output is out, exit rather than wait on a library's idle timers.
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(process.exitCode ?? 0);
