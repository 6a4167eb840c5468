import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { ANALYSE_CONTRACT_QUEUE } from "./analyse-stored-contract.ts";
import { type ContractSummary, toContractSummary } from "./contract-view.ts";

/**
 * Queues a new analysis of a contract (after a policy change or an engine
 * upgrade). The previous results stay visible until the new run writes its
 * own; legal's reviews are kept and apply again to the new checks.
 */
export async function reanalyseContract(ctx: ServiceContext, contractId: unknown): Promise<ContractSummary> {
  requirePermission(ctx, "contracts.write", "re-analyse contracts");
  const id = parseId(contractId);
  return writeTransaction(ctx, async (tx, audit) => {
    const current = await tx
      .selectFrom("contracts")
      .selectAll()
      .where("id", "=", id)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new WardenError("not_found", `No contract with id ${id}.`);
    await loadEngagementFor(ctx, current.engagement_id, tx);
    const row = await tx
      .updateTable("contracts")
      .set({ status: "queued", analysis_run: Number(current.analysis_run) + 1 })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.runtime.enqueue?.(ANALYSE_CONTRACT_QUEUE, { contractId: id, run: row.analysis_run }, tx);
    await audit({
      action: "contract.reanalyse",
      targetType: "contract",
      targetId: id,
      summary: { run: row.analysis_run },
    });
    return toContractSummary(row);
  });
}
