import type { MilestoneState } from "../store/schema.ts";
import { WardenError } from "./errors.ts";
import type { Actor, Permission } from "./roles.ts";

export type { MilestoneState };

/**
 * The acts that move a milestone, each with the states it may start from, the
 * state it leads to and who may perform it:
 *
 * planned | rejected ─deliver→ delivered ─start_verification→ verifying
 * verifying ─verification_passed→ accepted   (the verification job, from our mirror)
 * verifying ─verification_failed→ rejected   (the verification job)
 * delivered | rejected ─accept_manually→ accepted   (security, with a reason: an exception)
 * delivered ─reject→ rejected                 (security, with a reason)
 * accepted ─approve_payment→ payment_approved ─mark_paid→ paid   (finance)
 *
 * A code delivery is accepted only by a passing verification; anything else is
 * a manual acceptance. Re-delivery after a rejection is security's act (or the
 * system's), never finance's; finance only approves payment and marks it paid.
 */
export type MilestoneMove =
  | "deliver"
  | "start_verification"
  | "verification_passed"
  | "verification_failed"
  | "accept_manually"
  | "reject"
  | "approve_payment"
  | "mark_paid";

interface MoveRule {
  from: readonly MilestoneState[];
  to: MilestoneState;
  /** The permission the actor needs; `system` moves are the verification job's alone. */
  who: Permission | "system";
  /** What the move is called in an error message. */
  label: string;
}

export const MILESTONE_MOVES: Readonly<Record<MilestoneMove, MoveRule>> = {
  deliver: {
    from: ["planned", "rejected"],
    to: "delivered",
    who: "deliveries.record",
    label: "record a delivery",
  },
  start_verification: {
    from: ["delivered"],
    to: "verifying",
    who: "deliveries.record",
    label: "start a verification",
  },
  verification_passed: {
    from: ["verifying"],
    to: "accepted",
    who: "system",
    label: "accept a delivery by verification",
  },
  verification_failed: {
    from: ["verifying"],
    to: "rejected",
    who: "system",
    label: "reject a delivery by verification",
  },
  accept_manually: {
    from: ["delivered", "rejected"],
    to: "accepted",
    who: "deliveries.accept",
    label: "accept a delivery manually",
  },
  reject: { from: ["delivered"], to: "rejected", who: "deliveries.accept", label: "reject a delivery" },
  approve_payment: {
    from: ["accepted"],
    to: "payment_approved",
    who: "payments.approve",
    label: "approve a payment",
  },
  mark_paid: { from: ["payment_approved"], to: "paid", who: "payments.approve", label: "record a payment" },
};

/** Every state a milestone can reach from `from` by some move (for the model test and the UI). */
export function reachableStates(from: MilestoneState): MilestoneState[] {
  return Object.values(MILESTONE_MOVES)
    .filter((m) => m.from.includes(from))
    .map((m) => m.to);
}

export function canMoveMilestone(from: MilestoneState, to: MilestoneState): boolean {
  return reachableStates(from).includes(to);
}

const words = (s: MilestoneState) => s.replace("_", " ");

/**
 * Checks a move against the state machine and the actor's permission; throws
 * `forbidden` or `conflict` with what is allowed instead. Pure: the milestone
 * writer calls it with the row it locked.
 *
 * @example
 * assertMilestoneMove("delivered", "approve_payment", finance) // conflict: delivered cannot be approved
 */
export function assertMilestoneMove(
  from: MilestoneState,
  move: MilestoneMove,
  actor: Actor,
  can: (actor: Actor, permission: Permission) => boolean,
): MilestoneState {
  const rule = MILESTONE_MOVES[move];
  const allowedActor = rule.who === "system" ? actor.kind === "system" : can(actor, rule.who);
  if (!allowedActor) {
    throw new WardenError(
      "forbidden",
      rule.who === "system"
        ? `Only a verification of the delivery from our mirror may ${rule.label}.`
        : `Your role (${actor.role}) may not ${rule.label}.`,
    );
  }
  if (!rule.from.includes(from)) {
    const next = reachableStates(from);
    throw new WardenError(
      "conflict",
      `A milestone that is ${words(from)} cannot ${rule.label}${
        next.length ? `; it can become ${[...new Set(next)].map(words).join(" or ")}` : "; it is final"
      }.`,
    );
  }
  return rule.to;
}
