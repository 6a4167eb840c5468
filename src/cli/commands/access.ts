import type { Command } from "commander";
import { EXIT, exitCodeFor } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

/** `warden access reconcile` and `warden offboard`: thin adapters over the access services. */
export function registerAccessCommands(program: Command): void {
  const access = program
    .command("access")
    .description("People and access: reconcile accounts against the roster");
  access
    .command("reconcile")
    .description(
      "Reconcile every configured system against the roster; exits 1 when there are findings, 8 when a connector failed",
    )
    .option("--json", "print JSON")
    .action(
      runAction(async (opts: { json?: boolean }) => {
        const { reconcileAccessNow } = await import("../../services/access/reconcile-access-now.ts");
        const run = await withRuntime((ctx) => reconcileAccessNow(ctx));
        if (opts.json) printJson(run);
        else if (run.status === "failed")
          process.stderr.write(`warden: reconciliation failed: ${run.error}\n`);
        else {
          process.stdout.write(
            `Reconciled ${run.systems.join(", ")}: ${run.findings.length} finding(s) (run ${run.id}).\n`,
          );
          for (const f of run.findings) {
            process.stdout.write(
              `${f.severity.toUpperCase().padEnd(6)} ${f.control.padEnd(5)} ${f.kind.padEnd(24)} ${f.message}\n`,
            );
          }
        }
        if (run.status === "failed") return exitCodeFor("unavailable");
        return run.findings.length > 0 ? EXIT.checkFailed : EXIT.ok;
      }),
    );

  program
    .command("offboard <id>")
    .description(
      "Offboard a leaver (person id) or a terminating engagement (engagement id): disable accounts, read them back, list the manual items; resumes a stored runbook. Exits 1 while an automatic item is not done",
    )
    .option("--dry-run", "show every change and write nothing")
    .option("--json", "print JSON")
    .action(
      runAction(async (id: string, opts: { dryRun?: boolean; json?: boolean }) => {
        const { offboard } = await import("../../services/access/offboarding.ts");
        const result = await withRuntime((ctx) => offboard(ctx, id, { dryRun: opts.dryRun === true }));
        if (opts.json) printJson(result);
        else {
          const { runbook } = result;
          process.stdout.write(
            `${result.dryRun ? "DRY RUN (nothing changed) — " : ""}Runbook ${runbook.key}: ${runbook.progress.done}/${runbook.progress.total} done, status ${result.status}.\n`,
          );
          for (const r of result.results) {
            const item = runbook.items.find((one) => one.id === r.itemId);
            const label =
              item?.kind === "manual"
                ? `${item.title} (owner ${item.ownerRole}, due ${item.due})`
                : item
                  ? `disable ${item.account} on ${item.system} (${item.method})`
                  : r.itemId;
            let detail = "";
            if (r.outcome === "skipped")
              detail = ` would make ${r.plan.changes.length} change(s): ${JSON.stringify(r.plan.changes)}`;
            if (r.outcome === "failed") detail = `: ${r.error.message}`;
            if (r.outcome === "not-run") detail = `: ${r.reason}`;
            if (r.outcome === "manual") detail = ` [${r.state}]`;
            process.stdout.write(`  ${r.outcome.padEnd(12)} ${label}${detail}\n`);
          }
        }
        if (result.dryRun)
          return result.results.some((r) => r.outcome === "failed") ? EXIT.checkFailed : EXIT.ok;
        return result.status === "incomplete" ? EXIT.checkFailed : EXIT.ok;
      }),
    );
}
