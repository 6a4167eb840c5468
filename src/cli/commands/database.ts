import type { Command } from "commander";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";

export function registerDatabaseCommands(program: Command): void {
  program
    .command("db")
    .description("Move the database between the embedded one and PostgreSQL")
    .command("copy")
    .description(
      "Copy every table to an empty PostgreSQL database (--to), or from one into an empty data folder (--from); verifies counts and the audit chain on both sides",
    )
    .option("--to <url>", "postgres://… to copy this installation's database into")
    .option("--from <url>", "postgres://… to copy into this data folder's embedded database")
    .option("--json", "print the result as JSON")
    .action(
      runAction(async (opts: { to?: string; from?: string; json?: boolean }) => {
        if (Boolean(opts.to) === Boolean(opts.from)) {
          process.stderr.write("warden: give exactly one of --to <postgres-url> or --from <postgres-url>.\n");
          return EXIT.usage;
        }
        const [{ loadConfig }, { copyDatabase }] = await Promise.all([
          import("../../config.ts"),
          import("../../services/backup/copy-database.ts"),
        ]);
        const config = loadConfig();
        let shown = "";
        const result = await copyDatabase(
          config,
          opts.to ? { to: opts.to } : { from: opts.from ?? "" },
          (p) => {
            // Progress for long tables only, once per table at most every 10,000 rows.
            if (p.total < 5000) return;
            const line = `${p.table}: ${p.copied} of ${p.total} rows`;
            if (p.copied === p.total || p.copied % 10_000 < 500) {
              if (line !== shown) process.stderr.write(`${line}\n`);
              shown = line;
            }
          },
        );
        if (opts.json) printJson(result);
        else {
          const rows = result.tables.reduce((sum, t) => sum + t.targetRows, 0);
          const out = process.stdout;
          out.write(
            `Copied ${result.tables.length} tables (${rows} rows) from ${result.source} to ${result.target}, in one transaction; ${result.sequences} sequences set.\n`,
          );
          for (const t of result.tables.filter((t) => t.sourceRows !== t.targetRows))
            out.write(
              `  MISMATCH ${t.name}: ${t.sourceRows} rows in the source, ${t.targetRows} in the target\n`,
            );
          const { source, target } = result.audit;
          out.write(
            source.ok && target.ok && source.lastHash === target.lastHash
              ? `Audit chain intact on both sides: ${target.checked} entries, head ${target.lastHash}.\n`
              : `Audit chain DIFFERS: source ${source.ok ? "intact" : "broken"} (${source.checked}, head ${source.lastHash}), target ${target.ok ? "intact" : "broken"} (${target.checked}, head ${target.lastHash}).\n`,
          );
          out.write(
            "Blobs were not moved: they stay where WARDEN_BLOB_URL or the data folder's blobs/ says (warden blobs copy moves them). Queued background jobs were not copied; schedules start again with the next process.\n",
          );
          if (result.ok)
            out.write(
              opts.to
                ? `Use it next: DATABASE_URL=${result.target}\n`
                : `Use it next: unset DATABASE_URL; the data folder ${config.dataDir} now holds the database.\n`,
            );
        }
        return result.ok ? EXIT.ok : EXIT.checkFailed;
      }),
    );

  program
    .command("blobs")
    .description("The content-addressed file store (evidence, contracts, copies, logs)")
    .command("copy")
    .description(
      "Copy every blob to another store (s3://bucket/prefix?endpoint=… or a folder); skips blobs already there and verifies each sha256",
    )
    .requiredOption("--to <url>", "s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true, or a folder")
    .option("--json", "print the counts as JSON")
    .action(
      runAction(async (opts: { to: string; json?: boolean }) => {
        const [{ loadConfig }, { openBlobStore }, { copyBlobs }] = await Promise.all([
          import("../../config.ts"),
          import("../../store/open-blob-store.ts"),
          import("../../services/backup/copy-blobs.ts"),
        ]);
        const config = loadConfig();
        const from = (await openBlobStore(config.blobUrl, config.dataDir)).blobs;
        const to = (await openBlobStore(opts.to, config.dataDir)).blobs;
        const result = await copyBlobs(from, to, (done) => {
          if (done % 1000 === 0) process.stderr.write(`${done} blobs…\n`);
        });
        if (opts.json) printJson(result);
        else {
          process.stdout.write(
            `Copied ${result.copied} blobs (${result.bytes} bytes) from ${result.from} to ${result.to}; ${result.present} were already there. Every copied blob was verified against its sha256.\n`,
          );
          if (opts.to.startsWith("s3://")) process.stdout.write(`Use it next: WARDEN_BLOB_URL=${opts.to}\n`);
        }
        return EXIT.ok;
      }),
    );
}
