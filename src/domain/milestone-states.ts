import type { MilestoneState } from "../store/schema.ts";
import { WardenError } from "./errors.ts";

export type { MilestoneState };

/**
 * The milestone state machine: planned → delivered → verifying → accepted |
 * rejected → payment approved → paid. A rejected delivery may be delivered again.
 */
const transitions: Record<MilestoneState, readonly MilestoneState[]> = {
  planned: ["delivered"],
  delivered: ["verifying", "accepted", "rejected"],
  verifying: ["accepted", "rejected"],
  accepted: ["payment_approved"],
  rejected: ["delivered"],
  payment_approved: ["paid"],
  paid: [],
};

export function canMoveMilestone(from: MilestoneState, to: MilestoneState): boolean {
  return transitions[from].includes(to);
}

export function assertMilestoneMove(from: MilestoneState, to: MilestoneState): void {
  if (!canMoveMilestone(from, to)) {
    const allowed = transitions[from];
    throw new WardenError(
      "conflict",
      `A milestone that is ${from.replace("_", " ")} cannot become ${to.replace("_", " ")}${
        allowed.length
          ? `; it can become ${allowed.map((s) => s.replace("_", " ")).join(" or ")}`
          : "; it is final"
      }.`,
    );
  }
}
