import type { ReportDocument } from "../../engines/reports/report-document.ts";
import { writePdfReport } from "../../engines/reports/write-pdf-report.ts";
import type { ServiceContext } from "../context.ts";
import { writeTransaction } from "../write.ts";

export interface GeneratedReport {
  pdf: Uint8Array;
  sha256: string;
  pages: number;
  filename: string;
}

/**
 * Writes a report's PDF (dated now, signed with the caller's name) and records its generation in the audit log: which report, of what,
 * by whom, and the PDF's sha256, so that a copy handed to an auditor can be matched to the
 * entry that produced it.
 */
export async function recordReport(
  ctx: ServiceContext,
  content: Omit<ReportDocument, "generatedAt" | "generatedBy">,
  meta: {
    /** `engagement-audit-pack`, `contract-review`… (the audit action is `report.<kind>`). */
    kind: string;
    target: { type: string; id: string };
    filename: string;
    summary?: Record<string, unknown>;
  },
): Promise<GeneratedReport> {
  const document: ReportDocument = {
    ...content,
    generatedAt: ctx.runtime.now().toISOString(),
    generatedBy: ctx.actor.label,
  };
  const report = await writePdfReport(document);
  await writeTransaction(ctx, async (_tx, audit) => {
    await audit({
      action: `report.${meta.kind}`,
      targetType: meta.target.type,
      targetId: meta.target.id,
      summary: {
        sha256: report.sha256,
        bytes: report.pdf.byteLength,
        pages: report.pages,
        generatedAt: document.generatedAt,
        ...meta.summary,
      },
    });
  });
  return { ...report, filename: meta.filename };
}

/** A file name from a title: letters, digits and dashes only. */
export function reportFilename(prefix: string, name: string, id: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .toLowerCase()
    .slice(0, 40);
  return `${prefix}-${slug || id.slice(0, 8)}.pdf`;
}

/** An HTTP response that downloads the PDF. */
export function reportResponse(report: GeneratedReport): Response {
  return new Response(report.pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${report.filename}"`,
      "cache-control": "no-store",
      "x-report-sha256": report.sha256,
    },
  });
}
