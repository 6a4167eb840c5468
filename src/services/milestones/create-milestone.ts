import { z } from "zod";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { currency, isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";
import { type MilestoneView, toMilestoneView } from "./milestone-view.ts";

const milestoneSchema = z.object({
  title: z.string().trim().min(1, "is required").max(300),
  deliverable: z.string().max(5000).default(""),
  amount: z.coerce.number().nonnegative("must be 0 or more").max(1e15),
  currency,
  dueDate: isoDate.nullish(),
  acceptanceDays: z
    .number()
    .int()
    .min(1, "must give at least one day to accept the delivery (CT-11)")
    .max(365)
    .default(10),
  isFinal: z.boolean().default(false),
});

/** Plans a milestone: what is delivered, what it pays, and the acceptance window before payment. */
export async function createMilestone(
  ctx: ServiceContext,
  engagementId: unknown,
  input: unknown,
): Promise<MilestoneView> {
  requirePermission(ctx, "milestones.write", "plan milestones");
  const id = parseId(engagementId);
  const data = parseInput(milestoneSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    await loadEngagementFor(ctx, id, tx);
    const row = await tx
      .insertInto("milestones")
      .values({
        engagement_id: id,
        title: data.title,
        deliverable: data.deliverable,
        amount: data.amount.toFixed(2),
        currency: data.currency,
        due_date: data.dueDate ?? null,
        acceptance_days: data.acceptanceDays,
        is_final: data.isFinal,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "milestone.create",
      targetType: "milestone",
      targetId: row.id,
      summary: { engagementId: id, title: data.title, amount: data.amount, currency: data.currency },
    });
    return toMilestoneView(row);
  });
}
