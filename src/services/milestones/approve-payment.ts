import { WardenError } from "../../domain/errors.ts";
import { assertMilestoneMove } from "../../domain/milestone-states.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { evaluateEngagements } from "../playbook/evaluate-engagements.ts";
import { writeTransaction } from "../write.ts";
import { type MilestoneView, toMilestoneView } from "./milestone-view.ts";
import { loadMilestone } from "./move-milestone.ts";

const EXIT_CONTROLS = ["TM-1", "TM-2", "TM-3", "TM-4"];

/**
 * Finance approves payment of a milestone (OG-4): only for an accepted
 * delivery, and for the final milestone only once TM-1..TM-4 hold (TM-5).
 *
 * @example
 * await approvePayment(financeCtx, milestoneId); // → state "payment_approved"
 */
export async function approvePayment(ctx: ServiceContext, milestoneId: unknown): Promise<MilestoneView> {
  requirePermission(ctx, "payments.approve", "approve payments");
  const id = parseId(milestoneId);
  const peek = await ctx.runtime.db
    .selectFrom("milestones")
    .select(["engagement_id", "is_final"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (peek?.is_final) {
    const [evaluation] = await evaluateEngagements(ctx.runtime.db, [peek.engagement_id], ctx.runtime.now());
    const unmet = (evaluation?.results ?? []).filter(
      (r) => EXIT_CONTROLS.includes(r.id) && !["pass", "attested", "na"].includes(r.status),
    );
    if (unmet.length) {
      throw new WardenError(
        "gate_blocked",
        `The final payment waits until ${unmet.map((r) => `${r.id} (${r.reasons[0] ?? r.status})`).join(", ")} hold.`,
        {
          blockers: unmet.map((r) => ({ control: r.id, reasons: r.reasons })),
        },
      );
    }
  }
  return writeTransaction(ctx, async (tx, audit) => {
    const m = await loadMilestone(ctx, tx, id);
    if (m.state !== "accepted") {
      throw new WardenError(
        "gate_blocked",
        `Payment needs an accepted delivery; this milestone is ${m.state.replace("_", " ")}.`,
        { control: "OG-4" },
      );
    }
    assertMilestoneMove(m.state, "payment_approved");
    const row = await tx
      .updateTable("milestones")
      .set({
        state: "payment_approved",
        payment_approved_by: ctx.actor.label,
        payment_approved_at: ctx.runtime.now(),
        updated_at: ctx.runtime.now(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "milestone.payment.approve",
      targetType: "milestone",
      targetId: id,
      summary: { title: m.title, amount: m.amount, currency: m.currency },
    });
    return toMilestoneView(row);
  });
}

/** Finance records that an approved payment went out. */
export async function markPaid(ctx: ServiceContext, milestoneId: unknown): Promise<MilestoneView> {
  requirePermission(ctx, "payments.approve", "record payments");
  const id = parseId(milestoneId);
  return writeTransaction(ctx, async (tx, audit) => {
    const m = await loadMilestone(ctx, tx, id);
    assertMilestoneMove(m.state, "paid");
    const row = await tx
      .updateTable("milestones")
      .set({ state: "paid", paid_at: ctx.runtime.now(), updated_at: ctx.runtime.now() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "milestone.paid",
      targetType: "milestone",
      targetId: id,
      summary: { title: m.title, amount: m.amount, currency: m.currency },
    });
    return toMilestoneView(row);
  });
}
