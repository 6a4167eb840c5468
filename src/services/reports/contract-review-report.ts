import { tableBlock } from "../../engines/reports/report-document.ts";
import type { ServiceContext } from "../context.ts";
import { getContract } from "../contracts/get-contract.ts";
import { type GeneratedReport, recordReport, reportFilename } from "./record-report.ts";

/**
 * A contract's review as a PDF: the document (file, sha256, analysis), each control's check with
 * legal's review applied, the protective clauses not found, and the review history. Read through
 * `getContract` (internal users only); its generation is audit-logged with the PDF's sha256.
 */
export async function contractReviewReport(
  ctx: ServiceContext,
  contractId: unknown,
): Promise<GeneratedReport> {
  const c = await getContract(ctx, contractId);
  return recordReport(
    ctx,
    {
      title: `Contract review: ${c.title}`,
      subtitle: `${c.engagement.vendorName} · ${c.engagement.name}`,
      blocks: [
        { kind: "heading", text: "Document" },
        {
          kind: "fields",
          rows: [
            ["Title", c.title],
            ["Kind", c.kind],
            ["File", `${c.filename} (${c.size} bytes, ${c.format ?? c.mediaType})`],
            ["sha256", c.sha256],
            ["Vendor", `${c.engagement.vendorName} (${c.engagement.vendorCountry})`],
            ["Engagement", c.engagement.name],
            ["Uploaded", `${c.createdAt} by ${c.uploadedBy}`],
            [
              "Analysis",
              `${c.status}${c.analysedAt ? ` at ${c.analysedAt}` : ""}${c.failureReason ? `: ${c.failureReason}` : ""}`,
            ],
          ],
        },
        { kind: "heading", text: "Checks by control" },
        tableBlock(
          [
            ["Control", 0.1],
            ["Status", 0.13],
            ["Reason", 0.45],
            ["Legal review", 0.32],
          ],
          c.checks.map((k) => [
            k.control,
            k.status === k.engineStatus ? k.status : `${k.status} (engine: ${k.engineStatus})`,
            k.reason,
            k.review
              ? `${k.review.decision} by ${k.review.reviewedBy} on ${k.review.reviewedAt.slice(0, 10)}: ${k.review.comment}`
              : "—",
          ]),
          c.status === "analysed" ? "No checks." : "Not analysed: no check has run, none passes.",
        ),
        { kind: "heading", text: "Protective clauses not found" },
        tableBlock(
          [
            ["Clause", 0.6],
            ["Control", 0.4],
          ],
          c.missingClauseTypes.map((m) => [m.type, m.control]),
          "None missing.",
        ),
        { kind: "heading", text: "Clauses found" },
        tableBlock(
          [
            ["Clause", 0.22],
            ["Section", 0.18],
            ["Control", 0.1],
            ["Text", 0.5],
          ],
          c.clauses.map((cl) => [
            cl.type,
            [cl.section, cl.heading].filter(Boolean).join(" ") || "—",
            cl.control ?? "—",
            cl.text.length > 400 ? `${cl.text.slice(0, 400)}…` : cl.text,
          ]),
          "No clause found.",
        ),
        { kind: "heading", text: "Review history" },
        tableBlock(
          [
            ["When", 0.2],
            ["Who", 0.2],
            ["On", 0.16],
            ["Decision", 0.14],
            ["Comment", 0.3],
          ],
          c.reviews.map((r) => [
            r.reviewedAt,
            r.reviewedBy,
            r.target === "check" ? `check ${r.control ?? ""}` : `clause ${r.clauseType ?? ""}`,
            `${r.decision}${r.status ? ` → ${r.status}` : ""}`,
            r.comment,
          ]),
          "No review recorded.",
        ),
      ],
    },
    {
      kind: "contract-review",
      target: { type: "contract", id: c.id },
      filename: reportFilename("contract-review", c.title, c.id),
      summary: { contractSha256: c.sha256 },
    },
  );
}
