import { WardenError } from "../../domain/errors.ts";
import { EXIT_CONTROLS, SATISFIED } from "../../playbook/evaluate-engagement.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { evaluateEngagements } from "../playbook/evaluate-engagements.ts";
import { writeTransaction } from "../write.ts";
import { type MilestoneView, toMilestoneView } from "./milestone-view.ts";
import { transitionMilestone } from "./transition-milestone.ts";

/**
 * Finance approves payment of a milestone (OG-4): only for an accepted
 * delivery, never one the approver accepted (unless the organisation allows
 * it), and for the final milestone only once TM-1..TM-4 hold (TM-5).
 *
 * @example
 * await approvePayment(financeCtx, milestoneId); // → state "payment_approved"
 */
export async function approvePayment(ctx: ServiceContext, milestoneId: unknown): Promise<MilestoneView> {
  requirePermission(ctx, "payments.approve", "approve payments");
  const id = parseId(milestoneId);
  const peek = await ctx.runtime.db
    .selectFrom("milestones")
    .select(["engagement_id", "is_final", "state"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (peek && peek.state !== "accepted") {
    throw new WardenError(
      "gate_blocked",
      `Payment needs an accepted delivery; this milestone is ${peek.state.replace("_", " ")}.`,
      { control: "OG-4" },
    );
  }
  if (peek?.is_final) {
    const [evaluation] = await evaluateEngagements(ctx.runtime.db, [peek.engagement_id], ctx.runtime.now());
    const unmet = (evaluation?.results ?? []).filter(
      (r) => EXIT_CONTROLS.includes(r.id) && !SATISFIED.has(r.status),
    );
    if (unmet.length) {
      throw new WardenError(
        "gate_blocked",
        `The final payment waits until ${unmet.map((r) => `${r.id} (${r.reasons[0] ?? r.status})`).join(", ")} hold.`,
        { blockers: unmet.map((r) => ({ control: r.id, reasons: r.reasons })) },
      );
    }
  }
  const row = await writeTransaction(ctx, (tx, audit) =>
    transitionMilestone(ctx, tx, audit, id, { move: "approve_payment" }),
  );
  return toMilestoneView(row!);
}

/** Finance records that an approved payment went out. */
export async function markPaid(ctx: ServiceContext, milestoneId: unknown): Promise<MilestoneView> {
  requirePermission(ctx, "payments.approve", "record payments");
  const id = parseId(milestoneId);
  const row = await writeTransaction(ctx, (tx, audit) =>
    transitionMilestone(ctx, tx, audit, id, { move: "mark_paid" }),
  );
  return toMilestoneView(row!);
}
