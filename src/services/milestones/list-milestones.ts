import type { ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { loadEngagementFor, requireReader } from "../scope.ts";
import { type MilestoneView, toMilestoneView } from "./milestone-view.ts";

export async function listMilestones(ctx: ServiceContext, engagementId: unknown): Promise<MilestoneView[]> {
  requireReader(ctx);
  const id = parseId(engagementId);
  await loadEngagementFor(ctx, id);
  const rows = await ctx.runtime.db
    .selectFrom("milestones")
    .selectAll()
    .where("engagement_id", "=", id)
    .orderBy("due_date", (ob) => ob.asc().nullsLast())
    .orderBy("created_at")
    .execute();
  return rows.map(toMilestoneView);
}
