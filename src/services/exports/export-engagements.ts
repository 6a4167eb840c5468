import { requireInternal, type ServiceContext } from "../context.ts";
import { type EngagementListItem, listEngagements } from "../engagements/list-engagements.ts";
import { type ExportFile, exportPagedList } from "./table-export.ts";

/** The engagements list as CSV or XLSX (internal users; the list's filters apply). */
export async function exportEngagements(
  ctx: ServiceContext,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  requireInternal(ctx);
  return exportPagedList<EngagementListItem>(ctx, query, {
    table: "engagements",
    target: { type: "engagement", id: null },
    list: (q) => listEngagements(ctx, q),
    columns: [
      { header: "Engagement", width: 32, value: (e) => e.name },
      { header: "Vendor", width: 32, value: (e) => e.vendorName },
      { header: "Stage", width: 14, value: (e) => e.stage },
      { header: "Stage since", width: 24, value: (e) => e.stageChangedAt },
      { header: "Offshore", width: 9, value: (e) => e.offshore },
      { header: "Start date", width: 12, value: (e) => e.startDate },
      { header: "End date", width: 12, value: (e) => e.endDate },
      { header: "Required insurance", width: 18, value: (e) => e.requiredInsurance?.amount },
      { header: "Insurance currency", width: 10, value: (e) => e.requiredInsurance?.currency },
      { header: "Created at", width: 24, value: (e) => e.createdAt },
      { header: "Id", width: 36, value: (e) => e.id },
    ],
  });
}
