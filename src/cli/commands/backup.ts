import { resolve } from "node:path";
import type { Command } from "commander";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";

export function registerBackupCommands(program: Command): void {
  program
    .command("backup [file]")
    .description(
      "Write the database and all blobs to one checksummed archive, a file or an s3:// object (the secret key is not included); also `backup create --to <file|s3://…>`",
    )
    .option("--to <target>", "the file, or s3://bucket/folder/name.tar?endpoint=…, to write")
    .option("--json", "print the manifest as JSON")
    .action(
      runAction(async (given: string | undefined, opts: { to?: string; json?: boolean }) => {
        const named = given === "create" && opts.to ? undefined : given;
        if (Boolean(named) === Boolean(opts.to)) {
          process.stderr.write(
            "warden: name the backup once: `warden backup <file|s3://…>` or `--to <file|s3://…>`.\n",
          );
          return EXIT.usage;
        }
        const file = locate(named ?? opts.to ?? "");
        const [{ default: pino }, { loadConfig }, { createBackup }, { openRuntime }] = await Promise.all([
          import("pino"),
          import("../../config.ts"),
          import("../../services/backup/backup-archive.ts"),
          import("../../services/open-runtime.ts"),
        ]);
        const config = loadConfig();
        const runtime = await openRuntime(config, { log: pino({ level: "warn" }) });
        try {
          const { manifest, file: written } = await createBackup(config, runtime.store, file);
          if (opts.json) printJson(manifest);
          else {
            process.stdout.write(
              `Backup written to ${written}: ${manifest.files.length} files, ${manifest.engine} database.\n`,
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
      "Restore a backup (a file or an s3:// object) after verifying every checksum; refuses a non-empty data folder without --force",
    )
    .option("--force", "replace existing data")
    .option("--json", "print the result as JSON")
    .action(
      runAction(async (file: string, opts: { force?: boolean; json?: boolean }) => {
        const [{ loadConfig }, { restoreBackup }] = await Promise.all([
          import("../../config.ts"),
          import("../../services/backup/restore-backup.ts"),
        ]);
        const result = await restoreBackup(loadConfig(), locate(file), { force: Boolean(opts.force) });
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

/** A file path made absolute; an s3:// address as it is. */
function locate(target: string): string {
  return target.startsWith("s3://") ? target : resolve(target);
}
