import { requireInternal, type ServiceContext } from "../context.ts";
import { listAudits } from "../records/audits.ts";
import { type ExportFile, exportFormat, exportTable } from "./table-export.ts";

type Audit = Awaited<ReturnType<typeof listAudits>>[number];
type FindingRow = Audit["findings"][number] & { audit: Audit };

/** The findings of audits (of one vendor with `vendorId`), one row per finding. Internal users only. */
export async function exportAuditFindings(
  ctx: ServiceContext,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  requireInternal(ctx);
  const format = exportFormat({ format: query.format });
  const audits = await listAudits(ctx, query.vendorId ? { vendorId: query.vendorId } : {});
  const rows: FindingRow[] = audits.flatMap((audit) => audit.findings.map((f) => ({ ...f, audit })));
  return exportTable<FindingRow>(ctx, format, {
    table: "audit-findings",
    target: { type: "vendor", id: query.vendorId ?? null },
    ...(query.vendorId ? { filter: { vendorId: query.vendorId } } : {}),
    pages: (async function* () {
      yield rows;
    })(),
    columns: [
      { header: "Vendor", width: 28, value: (f) => f.audit.vendorName },
      { header: "Audit", width: 12, value: (f) => f.audit.kind },
      { header: "Auditor", width: 24, value: (f) => f.audit.auditorOrg },
      { header: "Performed on", width: 12, value: (f) => f.audit.performedOn },
      { header: "Finding", width: 48, value: (f) => f.title },
      { header: "Severity", width: 10, value: (f) => f.severity },
      { header: "Status", width: 8, value: (f) => f.status },
      { header: "Due on", width: 12, value: (f) => f.dueOn },
      { header: "Closed on", width: 12, value: (f) => f.closedOn },
    ],
  });
}
