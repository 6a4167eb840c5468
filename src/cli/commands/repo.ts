import type { Command } from "commander";
import { isWardenError, WardenError } from "../../domain/errors.ts";
import { formatBytes } from "../../domain/format-bytes.ts";
import type { CustodyOverviewRow } from "../../services/custody/custody-status.ts";
import type { SyncOutcome } from "../../services/custody/sync-repository.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

function statusLine(row: CustodyOverviewRow): string {
  const freshness =
    row.lagHours === null ? "never synced" : `${row.lagHours} h ago${row.fresh ? "" : " (STALE)"}`;
  const last = row.lastSync;
  return [
    `${row.engagementName} / ${row.name} (${row.id})`,
    `  ${row.url}`,
    `  last successful sync: ${freshness}; limit ${row.freshnessHours} h`,
    last
      ? `  last sync: ${last.status} at ${last.finishedAt}, ${last.refCount ?? "-"} refs, ${formatBytes(last.sizeBytes, "-")}, fsck ${last.fsckOk === null ? "-" : last.fsckOk ? "clean" : "FAILED"}${last.error ? `: ${last.error}` : ""}`
      : "  last sync: none",
    `  open alerts: ${row.openAlerts}`,
  ].join("\n");
}

/**
 * `warden repo add|sync|status`: register vendor repositories, mirror them now, and show custody
 * status. Sync exits 1 when a sync failed; status exits 1 when a repository is stale or has open alerts.
 */
export function registerRepoCommands(program: Command): void {
  const repo = program.command("repo").description("Vendor repositories mirrored home (code custody)");

  repo
    .command("add")
    .description("Register a vendor repository on an engagement (its first sync is queued)")
    .argument("<engagementId>", "the engagement")
    .argument("<url>", "https or ssh URL (file URLs only when the custody settings allow them)")
    .option("--name <name>", "a short name (default: the repository's)")
    .option("--username <name>", "https user name (the secret comes from --token-env)")
    .option("--token-env <variable>", "environment variable holding the https password or token")
    .option("--json", "print JSON")
    .action(
      runAction(
        async (
          engagementId: string,
          url: string,
          opts: { name?: string; username?: string; tokenEnv?: string; json?: boolean },
        ) => {
          let token: string | undefined;
          if (opts.tokenEnv) {
            token = process.env[opts.tokenEnv];
            if (!token) {
              throw new WardenError(
                "invalid_input",
                `The environment variable ${opts.tokenEnv} is empty or not set.`,
              );
            }
          }
          const [{ addRepository }, { parseId }] = await Promise.all([
            import("../../services/custody/custody-repositories.ts"),
            import("../../services/ids.ts"),
          ]);
          const view = await withRuntime((ctx) =>
            addRepository(ctx, {
              engagementId: parseId(engagementId, "engagementId"),
              url,
              ...(opts.name ? { name: opts.name } : {}),
              ...(opts.username ? { username: opts.username } : {}),
              ...(token ? { token } : {}),
            }),
          );
          if (opts.json) printJson(view);
          else
            process.stdout.write(
              `Registered ${view.name} (${view.id}) ${view.url}${view.hasCredentials ? " with sealed credentials" : ""}.\nRun \`warden repo sync ${view.id}\` to mirror it now.\n`,
            );
          return EXIT.ok;
        },
      ),
    );

  repo
    .command("sync")
    .description("Mirror repositories now: one by id, or --all")
    .argument("[repoId]", "the repository")
    .option("--all", "every registered repository")
    .option("--json", "print JSON")
    .action(
      runAction(async (repoId: string | undefined, opts: { all?: boolean; json?: boolean }) => {
        if (!repoId === !opts.all) {
          throw new WardenError("invalid_input", "Give either a repository id or --all.");
        }
        const [{ default: cliProgress }, { loadRepositoryFor }, { listCustodyOverview }, { syncRepository }] =
          await Promise.all([
            import("cli-progress"),
            import("../../services/custody/custody-repositories.ts"),
            import("../../services/custody/custody-status.ts"),
            import("../../services/custody/sync-repository.ts"),
          ]);
        const outcomes = await withRuntime(async (ctx) => {
          const ids = opts.all
            ? (await listCustodyOverview(ctx)).map((r) => r.id)
            : [(await loadRepositoryFor(ctx, repoId)).id];
          const bar =
            process.stderr.isTTY === true && !opts.json
              ? new cliProgress.SingleBar(
                  { stream: process.stderr, format: " sync [{bar}] {value}/{total} {name}" },
                  cliProgress.Presets.shades_classic,
                )
              : undefined;
          bar?.start(ids.length, 0, { name: "" });
          const results: Array<SyncOutcome | { repositoryId: string; status: "skipped"; error: string }> = [];
          for (const id of ids) {
            bar?.update({ name: id });
            try {
              results.push(await syncRepository(ctx.runtime, id, "manual", ctx.actor));
            } catch (error) {
              if (!isWardenError(error) || error.code !== "conflict") throw error;
              results.push({ repositoryId: id, status: "skipped", error: error.message });
            }
            bar?.increment();
          }
          bar?.stop();
          return results;
        });
        if (opts.json) printJson(outcomes);
        else {
          for (const o of outcomes) {
            process.stdout.write(
              "syncId" in o
                ? `${o.repositoryId}: ${o.status}, ${o.changes} ref change(s), ${o.alerts} alert(s), ${o.refCount ?? "-"} refs, ${formatBytes(o.sizeBytes, "-")}, fsck ${o.fsckOk === null ? "-" : o.fsckOk ? "clean" : "FAILED"}, ${o.durationMs} ms${o.error ? `\n  ${o.error}` : ""}\n`
                : `${o.repositoryId}: skipped: ${o.error}\n`,
            );
          }
        }
        return outcomes.some((o) => o.status === "failed") ? EXIT.checkFailed : EXIT.ok;
      }),
    );

  repo
    .command("status")
    .description("Custody status of every registered repository (exit 1 when stale or with open alerts)")
    .option("--json", "print JSON")
    .action(
      runAction(async (opts: { json?: boolean }) => {
        const { listCustodyOverview } = await import("../../services/custody/custody-status.ts");
        const rows = await withRuntime((ctx) => listCustodyOverview(ctx));
        if (opts.json) printJson(rows);
        else if (rows.length === 0)
          process.stdout.write(
            "No repositories registered. `warden repo add <engagementId> <url>` adds one.\n",
          );
        else process.stdout.write(`${rows.map(statusLine).join("\n\n")}\n`);
        return rows.some((r) => !r.fresh || r.openAlerts > 0) ? EXIT.checkFailed : EXIT.ok;
      }),
    );
}
