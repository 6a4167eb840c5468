import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { validateRefName } from "../../engines/custody/index.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { type MilestoneView, toMilestoneView } from "../milestones/milestone-view.ts";
import { lockMilestone, transitionMilestone } from "../milestones/transition-milestone.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { loadRepositoryFor, VERIFY_DELIVERY_QUEUE } from "./custody-repositories.ts";

const deliverySchema = z.object({
  repositoryId: z.string().uuid("must be a registered repository id"),
  ref: z.string().trim().min(1, "is required").max(300),
  note: z.string().max(4000).optional(),
});

export interface CodeDelivery {
  milestone: MilestoneView;
  verificationId: string;
}

/**
 * Records a code delivery on a milestone: a registered repository of the engagement and a tag,
 * branch or commit. In one transaction the milestone becomes `verifying` (its acceptance window
 * starts), a verification is created and its job queued; the job syncs our mirror, verifies the
 * delivery from it and accepts or rejects the milestone with every reason.
 *
 * @example
 * const { verificationId } = await recordCodeDelivery(ctx, milestoneId, { repositoryId, ref: "v1.2.0" });
 */
export async function recordCodeDelivery(
  ctx: ServiceContext,
  milestoneId: unknown,
  input: unknown,
): Promise<CodeDelivery> {
  requirePermission(ctx, "deliveries.record", "record deliveries");
  const id = parseId(milestoneId, "milestoneId");
  const data = parseInput(deliverySchema, input ?? {});
  try {
    validateRefName(data.ref);
  } catch (error) {
    throw new WardenError("invalid_input", (error as Error).message, {
      errors: [{ field: "ref", message: "is not a usable ref name" }],
    });
  }
  return writeTransaction(ctx, async (tx, audit) => {
    const m = await lockMilestone(ctx, tx, id);
    const repo = await loadRepositoryFor(ctx, data.repositoryId, tx);
    if (repo.engagement_id !== m.engagement_id) {
      throw new WardenError(
        "invalid_input",
        `Repository '${repo.name}' belongs to another engagement; register the delivery's repository on this milestone's engagement first.`,
        { errors: [{ field: "repositoryId", message: "is not a repository of this engagement" }] },
      );
    }
    const verification = await tx
      .insertInto("custody_verifications")
      .values({
        milestone_id: id,
        engagement_id: m.engagement_id,
        repository_id: repo.id,
        ref: data.ref,
        requested_by: ctx.actor.label,
        created_at: ctx.runtime.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const deliveryRef = {
      repository: repo.id,
      ref: data.ref,
      repositoryName: repo.name,
      verificationId: verification.id,
      ...(data.note ? { note: data.note } : {}),
    };
    await transitionMilestone(ctx, tx, audit, id, {
      move: "deliver",
      set: { delivery_ref: JSON.stringify(deliveryRef) },
      summary: deliveryRef,
    });
    const row = await transitionMilestone(ctx, tx, audit, id, {
      move: "start_verification",
      summary: { verificationId: verification.id },
    });
    await ctx.runtime.enqueue?.(VERIFY_DELIVERY_QUEUE, { verificationId: verification.id }, tx);
    return { milestone: toMilestoneView(row!), verificationId: verification.id };
  });
}
