import { resolve } from "node:path";
import type { Command } from "commander";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";

export function registerBackupCommands(program: Command): void {
  program
    .command("backup <file>")
    .description(
      "Write the database and all blobs to one checksummed archive (the secret key is not included)",
    )
    .option("--json", "print the manifest as JSON")
    .action(
      runAction(async (file: string, opts: { json?: boolean }) => {
        const [{ default: pino }, { loadConfig }, { createBackup }, { openRuntime }] = await Promise.all([
          import("pino"),
          import("../../config.ts"),
          import("../../services/backup/backup-archive.ts"),
          import("../../services/open-runtime.ts"),
        ]);
        const config = loadConfig();
        const runtime = await openRuntime(config, { log: pino({ level: "warn" }) });
        try {
          const { manifest } = await createBackup(config, runtime.store, resolve(file));
          if (opts.json) printJson(manifest);
          else {
            process.stdout.write(
              `Backup written to ${resolve(file)}: ${manifest.files.length} files, ${manifest.engine} database.\n`,
            );
            process.stdout.write(
              "Keep the secret key (WARDEN_SECRET_KEY or data/secret.key) safe and apart: it is not in the backup.\n",
            );
          }
          return EXIT.ok;
        } finally {
          await runtime.close();
        }
      }),
    );

  program
    .command("restore <file>")
    .description(
      "Restore a backup after verifying every checksum; refuses a non-empty data folder without --force",
    )
    .option("--force", "replace existing data")
    .option("--json", "print the result as JSON")
    .action(
      runAction(async (file: string, opts: { force?: boolean; json?: boolean }) => {
        const [{ loadConfig }, { restoreBackup }] = await Promise.all([
          import("../../config.ts"),
          import("../../services/backup/restore-backup.ts"),
        ]);
        const result = await restoreBackup(loadConfig(), resolve(file), { force: Boolean(opts.force) });
        if (opts.json) printJson(result);
        else {
          process.stdout.write(
            `Restored ${result.manifest.files.length} files from a backup of ${result.manifest.createdAt}.\n`,
          );
          process.stdout.write(
            result.audit.ok
              ? `Audit log intact: ${result.audit.checked} entries verified.\n`
              : `Audit log BROKEN: ${result.audit.problem?.message}\n`,
          );
        }
        return result.audit.ok ? EXIT.ok : EXIT.checkFailed;
      }),
    );
}
