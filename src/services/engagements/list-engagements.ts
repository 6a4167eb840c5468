import { z } from "zod";
import { STAGES } from "../../domain/stages.ts";
import type { ServiceContext } from "../context.ts";
import { likePattern, type Page } from "../pagination.ts";
import { parseInput } from "../parse-input.ts";
import { isVendorActor, requireReader } from "../scope.ts";
import { type EngagementView, toEngagementView } from "./engagement-view.ts";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200).optional(),
  vendorId: z.string().uuid().optional(),
  stage: z.enum(STAGES as [string, ...string[]]).optional(),
});

export interface EngagementListItem extends EngagementView {
  vendorName: string;
}

/** Engagements, newest first, filtered by vendor, stage or name; vendor contacts see their own. */
export async function listEngagements(
  ctx: ServiceContext,
  query: unknown = {},
): Promise<Page<EngagementListItem>> {
  requireReader(ctx);
  const q = parseInput(querySchema, query);
  let base = ctx.runtime.db
    .selectFrom("engagements")
    .innerJoin("vendors", "vendors.id", "engagements.vendor_id")
    .where("engagements.deleted_at", "is", null);
  if (isVendorActor(ctx)) base = base.where("engagements.vendor_id", "=", ctx.actor.vendorId ?? "");
  if (q.vendorId) base = base.where("engagements.vendor_id", "=", q.vendorId);
  if (q.stage) base = base.where("engagements.stage", "=", q.stage as never);
  if (q.q) base = base.where("engagements.name", "ilike", likePattern(q.q));
  const [rows, count] = await Promise.all([
    base
      .selectAll("engagements")
      .select("vendors.legal_name as vendor_name")
      .orderBy("engagements.created_at", "desc")
      .orderBy("engagements.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(({ vendor_name, ...e }) => ({ ...toEngagementView(e), vendorName: vendor_name })),
    total: Number(count.n),
    limit: q.limit,
    offset: q.offset,
  };
}
