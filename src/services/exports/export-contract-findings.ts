import type { ServiceContext } from "../context.ts";
import type { ReviewedCheck } from "../contracts/apply-contract-reviews.ts";
import { getContract } from "../contracts/get-contract.ts";
import { type ExportFile, exportFormat, exportTable } from "./table-export.ts";

/** A contract's findings: each control's check with legal's review applied (internal users, as the contract). */
export async function exportContractFindings(
  ctx: ServiceContext,
  contractId: unknown,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  const contract = await getContract(ctx, contractId);
  const format = exportFormat({ format: query.format });
  return exportTable<ReviewedCheck>(ctx, format, {
    table: "contract-findings",
    target: { type: "contract", id: contract.id },
    pages: (async function* () {
      yield contract.checks;
    })(),
    columns: [
      { header: "Control", width: 10, value: (c) => c.control },
      { header: "Status", width: 14, value: (c) => c.status },
      { header: "Reason", width: 60, value: (c) => c.reason },
      { header: "Engine status", width: 14, value: (c) => c.engineStatus },
      { header: "Engine reason", width: 60, value: (c) => c.engineReason },
      { header: "Review", width: 12, value: (c) => c.review?.decision },
      { header: "Review comment", width: 40, value: (c) => c.review?.comment },
      { header: "Reviewed by", width: 24, value: (c) => c.review?.reviewedBy },
      { header: "Reviewed at", width: 24, value: (c) => c.review?.reviewedAt },
    ],
  });
}
