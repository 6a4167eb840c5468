import { z } from "zod";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { type MilestoneView, toMilestoneView } from "./milestone-view.ts";
import { transitionMilestone } from "./transition-milestone.ts";

const deliverySchema = z.object({
  /** What was delivered: a repository and tag or commit, or a document. */
  repository: z.string().trim().max(2000).optional(),
  ref: z.string().trim().max(300).optional(),
  note: z.string().max(4000).optional(),
});

/**
 * Records a delivery that Warden does not verify itself (a document, or code
 * delivered outside custody); the acceptance window starts now. Such a delivery
 * can only be accepted manually, by security, with a reason. Security's act
 * (or an admin's), never finance's.
 */
export async function recordDelivery(
  ctx: ServiceContext,
  milestoneId: unknown,
  input: unknown,
): Promise<MilestoneView> {
  requirePermission(ctx, "deliveries.record", "record deliveries");
  const id = parseId(milestoneId);
  const delivery = parseInput(deliverySchema, input ?? {});
  const row = await writeTransaction(ctx, (tx, audit) =>
    transitionMilestone(ctx, tx, audit, id, {
      move: "deliver",
      set: { delivery_ref: JSON.stringify(delivery) },
      summary: delivery,
    }),
  );
  return toMilestoneView(row!);
}

const decisionSchema = z.object({
  accept: z.boolean(),
  reason: z.string().trim().max(4000).optional(),
});

/**
 * Security's decision on a delivery. A rejection says why. An acceptance is a
 * manual acceptance: an exception to "a code delivery is accepted only by a
 * passing verification from our mirror", so it needs a reason, and is shown on
 * the milestone and in the audit log with its amount.
 */
export async function decideDelivery(
  ctx: ServiceContext,
  milestoneId: unknown,
  input: unknown,
): Promise<MilestoneView> {
  requirePermission(ctx, "deliveries.accept", "accept or reject deliveries");
  const id = parseId(milestoneId);
  const data = parseInput(decisionSchema, input);
  const row = await writeTransaction(ctx, (tx, audit) =>
    transitionMilestone(ctx, tx, audit, id, {
      move: data.accept ? "accept_manually" : "reject",
      reason: data.reason,
    }),
  );
  return toMilestoneView(row!);
}
