import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { STAGE_LABELS } from "../../domain/stages.ts";
import { EXIT } from "../exit-codes.ts";
import { remoteServer } from "../remote-server.ts";
import { printJson, runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

const SYMBOL: Record<string, string> = {
  pass: "PASS",
  attested: "ATTESTED",
  fail: "FAIL",
  warn: "WARN",
  na: "n/a",
  not_checked: "not checked",
  needs_review: "NEEDS REVIEW",
};

export function registerLifecycleCommands(program: Command): void {
  program
    .command("status")
    .description(
      "The control table of an engagement (or all); exits 1 when a blocking control of the current stage fails",
    )
    .option("--engagement <id>", "one engagement")
    .option("--json", "print JSON")
    .action(
      runAction(async (opts: { engagement?: string; json?: boolean }) => {
        const [{ listEngagements }, { parseId }, { evaluateEngagements }, { loadEngagementFor }] =
          await Promise.all([
            import("../../services/engagements/list-engagements.ts"),
            import("../../services/ids.ts"),
            import("../../services/playbook/evaluate-engagements.ts"),
            import("../../services/scope.ts"),
          ]);
        const evaluations = await withRuntime(async (ctx) => {
          let ids: string[];
          if (opts.engagement) {
            const id = parseId(opts.engagement, "engagement");
            await loadEngagementFor(ctx, id);
            ids = [id];
          } else {
            ids = [];
            for (let offset = 0; ; offset += 200) {
              const page = await listEngagements(ctx, { limit: 200, offset });
              ids.push(...page.items.map((e) => e.id));
              if (offset + page.items.length >= page.total) break;
            }
          }
          return evaluateEngagements(ctx.runtime.db, ids, ctx.runtime.now());
        });
        const blocked = evaluations.some((e) => !e.gate.open);
        if (opts.json) {
          printJson(
            evaluations.map((e) => ({
              engagementId: e.engagementId,
              name: e.name,
              stage: e.stage,
              gate: { open: e.gate.open, blockers: e.gate.blockers.map((b) => b.id) },
              risk: { score: e.risk.score, level: e.risk.level },
              controls: e.results.map((r) => ({
                id: r.id,
                stage: r.stage,
                status: r.status,
                blocking: r.blocking,
                reasons: r.reasons,
                exception: r.exception ?? null,
              })),
            })),
          );
        } else {
          if (evaluations.length === 0)
            process.stdout.write("No engagements yet. `warden demo` loads an example workspace.\n");
          for (const e of evaluations) {
            process.stdout.write(
              `\n${e.name} (${e.engagementId})\nStage: ${STAGE_LABELS[e.stage]}   Risk: ${e.risk.score} (${e.risk.level})   Gate: ${e.gate.open ? "open" : `BLOCKED by ${e.gate.blockers.map((b) => b.id).join(", ")}`}\n`,
            );
            for (const r of e.results) {
              const flag = r.blocking ? "*" : " ";
              process.stdout.write(
                `  ${r.id.padEnd(6)}${flag} ${(SYMBOL[r.status] ?? r.status).padEnd(12)} ${r.title}${r.exception ? " [exception]" : ""}\n`,
              );
              if (r.status === "fail" || r.status === "warn" || r.status === "needs_review")
                for (const reason of r.reasons) process.stdout.write(`           - ${reason}\n`);
            }
          }
          process.stdout.write("\n* blocking control\n");
        }
        return blocked ? EXIT.checkFailed : EXIT.ok;
      }),
    );

  const roster = program.command("roster").description("A vendor's roster as CSV");
  roster
    .command("import <vendorId> <file>")
    .description(
      "Check a roster CSV and, with --commit, import it (nothing is written if any row is invalid)",
    )
    .option("--commit", "write the rows when all are valid")
    .option("--json", "print JSON")
    .action(
      runAction(async (vendorId: string, file: string, opts: { commit?: boolean; json?: boolean }) => {
        const csv = readFileSync(file, "utf8");
        const { importRosterCsv } = await import("../../services/roster/roster-csv.ts");
        const result = await withRuntime((ctx) =>
          importRosterCsv(ctx, vendorId, csv, { commit: Boolean(opts.commit) }),
        );
        if (opts.json) printJson(result);
        else {
          for (const row of result.rows) {
            for (const e of row.errors)
              process.stdout.write(`line ${row.line} (${row.fullName || "?"}): ${e.column}: ${e.message}\n`);
          }
          process.stdout.write(
            result.committed
              ? `Imported ${result.rows.length} people.\n`
              : result.valid
                ? `${result.rows.length} rows are valid. Run again with --commit to import them.\n`
                : `${result.errorCount} problem(s); nothing was imported.\n`,
          );
        }
        return result.valid ? EXIT.ok : EXIT.usage;
      }),
    );
  roster
    .command("export <vendorId> [file]")
    .description("Write a vendor's roster as CSV (to stdout without a file)")
    .action(
      runAction(async (vendorId: string, file?: string) => {
        const remote = remoteServer();
        const csv = remote
          ? await remote.getText(`/api/vendors/${encodeURIComponent(vendorId)}/roster/export`)
          : await withRuntime(async (ctx) =>
              (await import("../../services/roster/roster-csv.ts")).exportRosterCsv(ctx, vendorId),
            );
        if (file) writeFileSync(file, csv);
        else process.stdout.write(csv);
        return EXIT.ok;
      }),
    );

  program
    .command("demo")
    .description("Load a realistic example workspace into an empty Warden")
    .action(
      runAction(async () => {
        const { loadDemo } = await import("../../services/demo/load-demo.ts");
        const summary = await withRuntime((ctx) => loadDemo(ctx));
        process.stdout.write(
          `Demo loaded: ${summary.vendors} vendors, ${summary.engagements} engagements, ${summary.people} people, ${summary.milestones} milestones.\n`,
        );
        return EXIT.ok;
      }),
    );
}
