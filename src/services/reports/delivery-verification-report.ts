import { tableBlock } from "../../engines/reports/report-document.ts";
import type { ServiceContext } from "../context.ts";
import { getDeliveryReport } from "../custody/delivery-report.ts";
import { type GeneratedReport, recordReport, reportFilename } from "./record-report.ts";

const MAX_FINDINGS = 500;

/**
 * A delivery verification as a PDF: the milestone, repository, ref and commit verified from our
 * mirror, the verdict with its reasons, each check and every finding (file, line, rule). Read
 * through `getDeliveryReport` (internal users only); its generation is audit-logged.
 */
export async function deliveryVerificationReport(
  ctx: ServiceContext,
  verificationId: unknown,
): Promise<GeneratedReport> {
  const d = await getDeliveryReport(ctx, verificationId);
  const shown = d.findings.slice(0, MAX_FINDINGS);
  return recordReport(
    ctx,
    {
      title: `Delivery verification: ${d.milestoneTitle}`,
      subtitle: `${d.repositoryName} at ${d.ref}`,
      blocks: [
        { kind: "heading", text: "Verdict" },
        {
          kind: "fields",
          rows: [
            ["Milestone", d.milestoneTitle],
            ["Repository", d.repositoryName],
            ["Ref", d.ref],
            ["Commit", d.commit ?? "not resolved"],
            ["Tree", d.tree ?? "—"],
            ["Previously accepted commit", d.previousAcceptedCommit ?? "none"],
            ["Status", d.status],
            ["Verdict", d.verdict ?? "not decided yet (queued or running): not accepted"],
            ["Reasons", d.reasons.join("\n") || "—"],
            ["Error", d.error ?? "—"],
            ["Requested", `${d.createdAt} by ${d.requestedBy}`],
            ["Finished", d.finishedAt ?? "not finished"],
            ["Manifest files", d.manifestFiles === null ? "—" : String(d.manifestFiles)],
          ],
        },
        { kind: "heading", text: "Checks" },
        tableBlock(
          [
            ["Check", 0.18],
            ["Status", 0.14],
            ["Summary", 0.56],
            ["Findings", 0.12],
          ],
          d.checks.map((c) => [c.id, c.status, c.summary, String(c.findings.length)]),
          "No check ran.",
        ),
        { kind: "heading", text: `Findings (${d.findingsTotal})` },
        tableBlock(
          [
            ["Check", 0.12],
            ["Severity", 0.1],
            ["Rule", 0.18],
            ["Where", 0.25],
            ["Message", 0.35],
          ],
          shown.map((f) => [
            f.check,
            f.severity,
            f.rule,
            [
              f.file && `${f.file}${f.line ? `:${f.line}` : ""}`,
              f.commit && `commit ${f.commit.slice(0, 12)}`,
              f.author,
            ]
              .filter(Boolean)
              .join("\n") || "—",
            f.message,
          ]),
          "No findings.",
        ),
        ...(d.findingsTotal > shown.length
          ? [
              {
                kind: "paragraph" as const,
                text: `${d.findingsTotal - shown.length} more findings are not listed here; the delivery report in Warden has them all.`,
              },
            ]
          : []),
      ],
    },
    {
      kind: "delivery-verification",
      target: { type: "custody_verification", id: d.id },
      filename: reportFilename("delivery", d.milestoneTitle, d.id),
      summary: { commit: d.commit, verdict: d.verdict },
    },
  );
}
