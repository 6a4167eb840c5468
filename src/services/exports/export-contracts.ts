import type { ServiceContext } from "../context.ts";
import { type ContractListItem, listContracts } from "../contracts/list-contracts.ts";
import { type ExportFile, exportFormat, exportTable } from "./table-export.ts";

/** The contracts list (of one engagement with `engagementId`) as CSV or XLSX; internal users, as the list. */
export async function exportContracts(
  ctx: ServiceContext,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  const format = exportFormat({ format: query.format });
  const filter = query.engagementId ? { engagementId: query.engagementId } : {};
  const { items } = await listContracts(ctx, { ...filter, limit: 500 });
  return exportTable<ContractListItem>(ctx, format, {
    table: "contracts",
    target: { type: "engagement", id: query.engagementId ?? null },
    filter,
    pages: (async function* () {
      yield items;
    })(),
    columns: [
      { header: "Title", width: 32, value: (c) => c.title },
      { header: "Kind", width: 8, value: (c) => c.kind },
      { header: "Vendor", width: 28, value: (c) => c.vendorName },
      { header: "Engagement", width: 28, value: (c) => c.engagementName },
      { header: "Status", width: 12, value: (c) => c.status },
      { header: "Pass", width: 6, value: (c) => c.checkCounts.pass },
      { header: "Warn", width: 6, value: (c) => c.checkCounts.warn },
      { header: "Fail", width: 6, value: (c) => c.checkCounts.fail },
      { header: "Needs review", width: 8, value: (c) => c.checkCounts.needs_review },
      { header: "File", width: 24, value: (c) => c.filename },
      { header: "sha256", width: 64, value: (c) => c.sha256 },
      { header: "Uploaded at", width: 24, value: (c) => c.createdAt },
      { header: "Uploaded by", width: 24, value: (c) => c.uploadedBy },
      { header: "Analysed at", width: 24, value: (c) => c.analysedAt },
    ],
  });
}
