import { type AuditInput, appendAuditEntry } from "./audit/append-audit-entry.ts";
import type { ServiceContext, Tx } from "./context.ts";

/**
 * Runs a write use case in one transaction. `audit` appends to the audit log in
 * that same transaction: either the change and its record both land, or neither.
 *
 * @example
 * return writeTransaction(ctx, async (tx, audit) => {
 *   const row = await tx.insertInto("vendors").values(v).returningAll().executeTakeFirstOrThrow();
 *   await audit({ action: "vendor.create", targetType: "vendor", targetId: row.id, summary: { name: v.name } });
 *   return row;
 * });
 */
export async function writeTransaction<T>(
  ctx: ServiceContext,
  work: (tx: Tx, audit: (entry: AuditInput) => Promise<void>) => Promise<T>,
): Promise<T> {
  const result = await ctx.runtime.db.transaction().execute(async (tx) => {
    const audit = async (entry: AuditInput) => {
      await appendAuditEntry(tx, ctx.actor, ctx.runtime.now(), entry);
    };
    return work(tx, audit);
  });
  // Any write may change a control's outcome: have the portfolio views refreshed
  // (the queue folds a burst of writes into one run).
  await ctx.runtime
    .enqueue?.("playbook.refresh", {}, undefined, { singletonKey: "all", singletonSeconds: 5 })
    .catch((error) => {
      ctx.runtime.log.warn({ err: error }, "could not queue the evaluation refresh");
    });
  return result;
}
