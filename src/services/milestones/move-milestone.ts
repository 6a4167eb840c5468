import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { assertMilestoneMove } from "../../domain/milestone-states.ts";
import type { MilestoneState } from "../../store/schema.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { type MilestoneView, toMilestoneView } from "./milestone-view.ts";

async function loadMilestone(ctx: ServiceContext, tx: Tx, id: string) {
  const m = await tx.selectFrom("milestones").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!m) throw new WardenError("not_found", `No milestone with id ${id}.`);
  await loadEngagementFor(ctx, m.engagement_id, tx);
  return m;
}

const deliverySchema = z.object({
  /** What was delivered: a repository and tag or commit, or a document. */
  repository: z.string().trim().max(2000).optional(),
  ref: z.string().trim().max(300).optional(),
  note: z.string().max(4000).optional(),
});

/** Records a delivery; the acceptance window starts now. */
export async function recordDelivery(
  ctx: ServiceContext,
  milestoneId: unknown,
  input: unknown,
): Promise<MilestoneView> {
  requirePermission(ctx, "milestones.write", "record deliveries");
  const id = parseId(milestoneId);
  const delivery = parseInput(deliverySchema, input ?? {});
  return move(
    ctx,
    id,
    "delivered",
    {
      delivery_ref: JSON.stringify(delivery),
      delivered_at: ctx.runtime.now(),
      decided_at: null,
      decision_reason: null,
    },
    "milestone.deliver",
    delivery,
  );
}

export async function startVerification(ctx: ServiceContext, milestoneId: unknown): Promise<MilestoneView> {
  requirePermission(ctx, "milestones.write", "verify deliveries");
  return move(ctx, parseId(milestoneId), "verifying", {}, "milestone.verify", {});
}

const decisionSchema = z.object({
  accept: z.boolean(),
  reason: z.string().trim().max(4000).optional(),
});

/** Accepts or rejects a delivery (a rejection must say why). */
export async function decideDelivery(
  ctx: ServiceContext,
  milestoneId: unknown,
  input: unknown,
): Promise<MilestoneView> {
  requirePermission(ctx, "milestones.write", "accept or reject deliveries");
  if (ctx.actor.role === "finance")
    throw new WardenError(
      "forbidden",
      "Finance approves payments; accepting a delivery is for security or the engagement owner (separation of duties).",
    );
  const id = parseId(milestoneId);
  const data = parseInput(decisionSchema, input);
  if (!data.accept && !data.reason)
    throw new WardenError("invalid_input", "Say why the delivery is rejected.", { field: "reason" });
  return move(
    ctx,
    id,
    data.accept ? "accepted" : "rejected",
    { decided_at: ctx.runtime.now(), decision_reason: data.accept ? null : (data.reason ?? null) },
    data.accept ? "milestone.accept" : "milestone.reject",
    { reason: data.reason ?? null },
  );
}

async function move(
  ctx: ServiceContext,
  id: string,
  to: MilestoneState,
  set: Record<string, unknown>,
  action: string,
  summary: Record<string, unknown>,
): Promise<MilestoneView> {
  return writeTransaction(ctx, async (tx, audit) => {
    const m = await loadMilestone(ctx, tx, id);
    assertMilestoneMove(m.state, to);
    const row = await tx
      .updateTable("milestones")
      .set({ ...set, state: to, updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action,
      targetType: "milestone",
      targetId: id,
      summary: { from: m.state, to, title: m.title, ...summary },
    });
    return toMilestoneView(row);
  });
}

export { loadMilestone };
