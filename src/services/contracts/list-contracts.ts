import { z } from "zod";
import { requireInternal, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { applyCheckReviews } from "./apply-contract-reviews.ts";
import { type ContractSummary, loadContractReviews, toContractSummary } from "./contract-view.ts";

export interface ContractListItem extends ContractSummary {
  engagementName: string;
  vendorId: string;
  vendorName: string;
  /** Checks per status, with legal's reviews applied. */
  checkCounts: { pass: number; warn: number; fail: number; needs_review: number };
}

const filterSchema = z.object({
  engagementId: z.string().uuid("must be an engagement id").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/**
 * Contracts across engagements (the Contracts area) or of one engagement,
 * newest first. Internal users only: contracts are not shown to vendors.
 */
export async function listContracts(
  ctx: ServiceContext,
  filter: unknown = {},
): Promise<{ items: ContractListItem[] }> {
  requireInternal(ctx);
  const data = parseInput(filterSchema, filter ?? {});
  if (data.engagementId) await loadEngagementFor(ctx, data.engagementId);
  let query = ctx.runtime.db
    .selectFrom("contracts")
    .innerJoin("engagements", "engagements.id", "contracts.engagement_id")
    .innerJoin("vendors", "vendors.id", "engagements.vendor_id")
    .selectAll("contracts")
    .select([
      "engagements.name as engagementName",
      "vendors.id as vendorId",
      "vendors.legal_name as vendorName",
    ])
    .where("contracts.deleted_at", "is", null)
    .where("engagements.deleted_at", "is", null);
  if (data.engagementId) query = query.where("contracts.engagement_id", "=", data.engagementId);
  const rows = await query.orderBy("contracts.created_at", "desc").limit(data.limit).execute();
  const ids = rows.map((r) => r.id);
  const counts = new Map<string, ContractListItem["checkCounts"]>();
  if (ids.length > 0) {
    const [checks, reviews] = await Promise.all([
      ctx.runtime.db.selectFrom("contract_checks").selectAll().where("contract_id", "in", ids).execute(),
      loadContractReviews(ctx.runtime.db, ids),
    ]);
    for (const id of ids) {
      const own = checks
        .filter((c) => c.contract_id === id)
        .map((c) => ({ control: c.control, status: c.status, reason: c.reason, clausePositions: [] }));
      const entry = { pass: 0, warn: 0, fail: 0, needs_review: 0 };
      for (const c of applyCheckReviews(own, reviews.get(id) ?? [])) entry[c.status] += 1;
      counts.set(id, entry);
    }
  }
  return {
    items: rows.map((row) => ({
      ...toContractSummary(row),
      engagementName: row.engagementName,
      vendorId: row.vendorId,
      vendorName: row.vendorName,
      checkCounts: counts.get(row.id) ?? { pass: 0, warn: 0, fail: 0, needs_review: 0 },
    })),
  };
}
