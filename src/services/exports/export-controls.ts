import { FRAMEWORK_IDS, FRAMEWORK_NAMES } from "../../playbook/load-catalog.ts";
import type { ControlResult } from "../../playbook/types.ts";
import { requireInternal, type ServiceContext } from "../context.ts";
import { getEngagement } from "../engagements/get-engagement.ts";
import { listControls } from "../playbook/org-controls.ts";
import { type ExportFile, exportFormat, exportTable } from "./table-export.ts";

/**
 * The controls of an engagement, every stage, as its page evaluates them (status, reasons,
 * exception) with each control's framework references. Internal users only.
 */
export async function exportControls(
  ctx: ServiceContext,
  engagementId: unknown,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  requireInternal(ctx);
  const format = exportFormat({ format: query.format });
  const [detail, catalog] = await Promise.all([getEngagement(ctx, engagementId), listControls(ctx)]);
  const frameworks = new Map(catalog.map((c) => [c.id, c.frameworks ?? {}]));
  return exportTable<ControlResult>(ctx, format, {
    table: "controls",
    target: { type: "engagement", id: detail.engagement.id },
    pages: (async function* () {
      yield detail.evaluation.results;
    })(),
    columns: [
      { header: "Control", width: 10, value: (r) => r.id },
      { header: "Stage", width: 14, value: (r) => r.stage },
      { header: "Title", width: 36, value: (r) => r.title },
      { header: "Blocking", width: 9, value: (r) => r.blocking },
      { header: "Weight", width: 8, value: (r) => r.weight },
      { header: "Check", width: 12, value: (r) => r.checkKind },
      { header: "Status", width: 14, value: (r) => r.status },
      { header: "Reasons", width: 60, value: (r) => r.reasons.join("\n") },
      {
        header: "Exception",
        width: 40,
        value: (r) =>
          r.exception
            ? `${r.exception.reason} (by ${r.exception.approvedBy}, until ${r.exception.expiresOn})`
            : "",
      },
      ...FRAMEWORK_IDS.map((f) => ({
        header: FRAMEWORK_NAMES[f],
        width: 20,
        value: (r: ControlResult) => (frameworks.get(r.id)?.[f] ?? []).join(", "),
      })),
    ],
  });
}
