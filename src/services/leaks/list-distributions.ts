import { z } from "zod";
import { requireInternal, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { type DistributionView, loadDistributionView, loadDistributionViews } from "./distribution-view.ts";

const filterSchema = z.object({
  engagementId: z.string().uuid("must be an engagement id").optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/**
 * Who received which marked copy of what, newest first. Internal staff only: a vendor
 * contact learning which copy carries which payload would know what to strip.
 */
export async function listDistributions(
  ctx: ServiceContext,
  filter: unknown = {},
): Promise<DistributionView[]> {
  requireInternal(ctx);
  const data = parseInput(filterSchema, filter ?? {});
  return loadDistributionViews(ctx.runtime.db, {
    ...(data.engagementId ? { engagementId: data.engagementId } : {}),
    ...(data.limit ? { limit: data.limit } : {}),
  });
}

export async function getDistribution(
  ctx: ServiceContext,
  distributionId: unknown,
): Promise<DistributionView> {
  requireInternal(ctx);
  return loadDistributionView(ctx.runtime.db, parseId(distributionId));
}
