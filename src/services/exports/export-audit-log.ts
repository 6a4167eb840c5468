import { type AuditEntryView, walkAuditEntries } from "../audit/list-audit-entries.ts";
import type { ServiceContext } from "../context.ts";
import { type ExportFile, exportFormat, exportTable } from "./table-export.ts";

/**
 * The audit log as CSV or XLSX with the list's filters (actor, action, target, dates), newest
 * first, targets named where they can be resolved. Read a page at a time: the log may be large.
 */
export async function exportAuditLog(
  ctx: ServiceContext,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  const format = exportFormat({ format: query.format });
  const { format: _format, limit: _limit, offset: _offset, ...filter } = query;
  return exportTable<AuditEntryView>(ctx, format, {
    table: "audit-log",
    target: { type: "audit_log", id: null },
    filter,
    pages: walkAuditEntries(ctx, filter),
    columns: [
      { header: "Seq", width: 8, value: (e) => e.seq },
      { header: "At", width: 24, value: (e) => e.at },
      { header: "Actor", width: 28, value: (e) => e.actor },
      { header: "Action", width: 28, value: (e) => e.action },
      { header: "Target type", width: 16, value: (e) => e.targetType },
      { header: "Target", width: 32, value: (e) => e.targetName ?? e.targetId },
      { header: "Target id", width: 36, value: (e) => e.targetId },
      { header: "Summary", width: 60, value: (e) => JSON.stringify(e.summary) },
      { header: "Hash", width: 64, value: (e) => e.hash },
    ],
  });
}
