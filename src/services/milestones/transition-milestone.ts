import type { Selectable, Updateable } from "kysely";
import { WardenError } from "../../domain/errors.ts";
import { assertMilestoneMove, type MilestoneMove } from "../../domain/milestone-states.ts";
import { can } from "../../domain/roles.ts";
import type { MilestonesTable } from "../../store/schema.ts";
import type { AuditInput } from "../audit/append-audit-entry.ts";
import type { ServiceContext, Tx } from "../context.ts";
import { readOrgSettings } from "../playbook/playbook-settings.ts";
import { loadEngagementFor } from "../scope.ts";

export type MilestoneRow = Selectable<MilestonesTable>;

export interface MilestoneTransition {
  move: MilestoneMove;
  /** A rejection's or a manual acceptance's reason (required for both). */
  reason?: string | undefined;
  /** Columns the move records besides its state (the delivery it names, for `deliver`). */
  set?: Pick<Updateable<MilestonesTable>, "delivery_ref">;
  /** Added to the audit entry's summary. */
  summary?: Record<string, unknown>;
  /**
   * Checked on the locked row before anything else: false leaves the milestone
   * as it is, with no write and no audit entry (a verification whose delivery
   * was replaced meanwhile).
   */
  when?(row: MilestoneRow): boolean;
}

const AUDIT_ACTIONS: Record<MilestoneMove, string> = {
  deliver: "milestone.deliver",
  start_verification: "milestone.verify",
  verification_passed: "milestone.accept",
  verification_failed: "milestone.reject",
  accept_manually: "milestone.accept.manual",
  reject: "milestone.reject",
  approve_payment: "milestone.payment.approve",
  mark_paid: "milestone.paid",
};

/** Locks a milestone row for a write, within the actor's scope. */
export async function lockMilestone(ctx: ServiceContext, tx: Tx, id: string): Promise<MilestoneRow> {
  const m = await tx.selectFrom("milestones").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!m) throw new WardenError("not_found", `No milestone with id ${id}.`);
  await loadEngagementFor(ctx, m.engagement_id, tx);
  return m;
}

/**
 * The only writer of a milestone's state. In the caller's transaction it locks
 * the row, checks the move against the state machine and the actor (see
 * `MILESTONE_MOVES`), applies the move's rules, writes, and appends the audit
 * entry. The rules beyond the state machine:
 * - a rejection and a manual acceptance say why; a manual acceptance is
 *   recorded as such (kind, reason, who), an exception to "a code delivery is
 *   accepted only by a passing verification";
 * - whoever accepted a delivery may not approve its payment, unless the
 *   organisation allowed it (playbook settings, audited);
 * - a new delivery clears the previous decision.
 *
 * @example
 * await writeTransaction(ctx, (tx, audit) =>
 *   transitionMilestone(ctx, tx, audit, id, { move: "accept_manually", reason: "Design document reviewed" }));
 */
export async function transitionMilestone(
  ctx: ServiceContext,
  tx: Tx,
  audit: (entry: AuditInput) => Promise<void>,
  milestoneId: string,
  t: MilestoneTransition,
): Promise<MilestoneRow | null> {
  const m = await lockMilestone(ctx, tx, milestoneId);
  if (t.when && !t.when(m)) return null;
  const to = assertMilestoneMove(m.state, t.move, ctx.actor, can);
  const now = ctx.runtime.now();
  const reason = t.reason?.trim() || null;
  const set: Updateable<MilestonesTable> = { ...t.set, state: to, updated_at: now };
  switch (t.move) {
    case "deliver":
      Object.assign(set, {
        delivered_at: now,
        decided_at: null,
        decision_reason: null,
        acceptance_kind: null,
        acceptance_reason: null,
        accepted_by: null,
        accepted_by_user_id: null,
      });
      break;
    case "start_verification":
      break;
    case "verification_passed":
      Object.assign(set, {
        decided_at: now,
        decision_reason: null,
        acceptance_kind: "verification",
        acceptance_reason: null,
        accepted_by: ctx.actor.label,
        accepted_by_user_id: ctx.actor.id,
      });
      break;
    case "accept_manually":
      if (!reason)
        throw new WardenError(
          "invalid_input",
          "A manual acceptance is an exception to verification: say why the delivery is accepted without one.",
          { field: "reason" },
        );
      Object.assign(set, {
        decided_at: now,
        decision_reason: null,
        acceptance_kind: "manual",
        acceptance_reason: reason,
        accepted_by: ctx.actor.label,
        accepted_by_user_id: ctx.actor.id,
      });
      break;
    case "reject":
    case "verification_failed":
      if (!reason)
        throw new WardenError("invalid_input", "Say why the delivery is rejected.", { field: "reason" });
      Object.assign(set, { decided_at: now, decision_reason: reason.slice(0, 4000) });
      break;
    case "approve_payment": {
      if (m.accepted_by_user_id !== null && m.accepted_by_user_id === ctx.actor.id) {
        const settings = await readOrgSettings(tx);
        if (!settings.paymentByAcceptor)
          throw new WardenError(
            "forbidden",
            "You accepted this delivery: its payment must be approved by someone else (separation of duties).",
          );
      }
      Object.assign(set, {
        payment_approved_by: ctx.actor.label,
        payment_approved_by_user_id: ctx.actor.id,
        payment_approved_at: now,
      });
      break;
    }
    case "mark_paid":
      set.paid_at = now;
      break;
  }
  const row = await tx
    .updateTable("milestones")
    .set(set)
    .where("id", "=", milestoneId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: AUDIT_ACTIONS[t.move],
    targetType: "milestone",
    targetId: milestoneId,
    summary: {
      from: m.state,
      to,
      title: m.title,
      ...(t.move === "approve_payment" || t.move === "mark_paid" || t.move === "accept_manually"
        ? { amount: m.amount, currency: m.currency }
        : {}),
      ...(reason ? { reason } : {}),
      ...t.summary,
    },
  });
  return row;
}
