import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { EXIT } from "../exit-codes.ts";
import { remoteServer } from "../remote-server.ts";
import { runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

/** `warden report`: the PDF reports, written to a file. */
export function registerReportCommands(program: Command): void {
  const report = program.command("report").description("PDF reports an auditor can file");
  report
    .command("engagement <engagementId>")
    .description(
      "Write an engagement's audit pack (controls, evidence, attestations, exceptions, gate history, contracts, deliveries, audit chain head) as a PDF",
    )
    .requiredOption("--out <file>", "the PDF file to write")
    .action(
      runAction(async (engagementId: string, opts: { out: string }) => {
        const remote = remoteServer();
        const { pdf, sha256 } = remote
          ? await (async () => {
              const bytes = await remote.getBytes(
                `/api/engagements/${encodeURIComponent(engagementId)}/report.pdf`,
              );
              const { createHash } = await import("node:crypto");
              return { pdf: bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
            })()
          : await withRuntime(async (ctx) =>
              (await import("../../services/reports/engagement-audit-pack.ts")).engagementAuditPack(
                ctx,
                engagementId,
              ),
            );
        writeFileSync(opts.out, pdf);
        process.stdout.write(`Wrote ${opts.out} (${pdf.byteLength} bytes, sha256 ${sha256}).\n`);
        return EXIT.ok;
      }),
    );
}
