import { describe, expect, it } from "vitest";
import { WardenError } from "./errors.ts";
import {
  assertMilestoneMove,
  canMoveMilestone,
  MILESTONE_MOVES,
  type MilestoneMove,
  type MilestoneState,
} from "./milestone-states.ts";
import { type Actor, can, type Role, SYSTEM_ACTOR } from "./roles.ts";

const STATES: MilestoneState[] = [
  "planned",
  "delivered",
  "verifying",
  "accepted",
  "rejected",
  "payment_approved",
  "paid",
];

// planned → delivered → verifying → accepted | rejected → payment approved → paid; a rejected
// delivery may be delivered again; a delivery may be accepted manually (an exception) or rejected.
const ALLOWED: [MilestoneState, MilestoneState][] = [
  ["planned", "delivered"],
  ["delivered", "verifying"],
  ["delivered", "accepted"],
  ["delivered", "rejected"],
  ["verifying", "accepted"],
  ["verifying", "rejected"],
  ["rejected", "delivered"],
  ["rejected", "accepted"],
  ["accepted", "payment_approved"],
  ["payment_approved", "paid"],
];

function user(role: Role): Actor {
  return { kind: "user", id: `u-${role}`, label: role, role, vendorId: null };
}

function refusal(from: MilestoneState, move: MilestoneMove, actor: Actor): WardenError {
  try {
    assertMilestoneMove(from, move, actor, can);
  } catch (e) {
    if (e instanceof WardenError) return e;
    throw e;
  }
  throw new Error(`${move} from ${from} was allowed`);
}

describe("the milestone state machine", () => {
  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(canMoveMilestone(from, to)).toBe(true);
  });

  it("refuses every other move", () => {
    const allowed = new Set(ALLOWED.map(([f, t]) => `${f}>${t}`));
    for (const from of STATES) {
      for (const to of STATES) {
        if (!allowed.has(`${from}>${to}`))
          expect([from, to, canMoveMilestone(from, to)]).toEqual([from, to, false]);
      }
    }
  });

  it("leaves acceptance by verification to the verification job (the system) alone", () => {
    for (const role of ["admin", "security", "finance", "legal"] as const) {
      expect(refusal("verifying", "verification_passed", user(role)).code).toBe("forbidden");
    }
    expect(assertMilestoneMove("verifying", "verification_passed", SYSTEM_ACTOR, can)).toBe("accepted");
  });

  it("lets only security accept a delivery manually, and never finance re-deliver", () => {
    expect(assertMilestoneMove("delivered", "accept_manually", user("security"), can)).toBe("accepted");
    for (const role of ["admin", "finance", "legal", "auditor", "vendor"] as const)
      expect(refusal("delivered", "accept_manually", user(role)).code).toBe("forbidden");
    expect(refusal("rejected", "deliver", user("finance")).message).toBe(
      "Your role (finance) may not record a delivery.",
    );
    expect(assertMilestoneMove("rejected", "deliver", user("security"), can)).toBe("delivered");
  });

  it("leaves payment approval and payment to finance", () => {
    expect(assertMilestoneMove("accepted", "approve_payment", user("finance"), can)).toBe("payment_approved");
    expect(assertMilestoneMove("payment_approved", "mark_paid", user("finance"), can)).toBe("paid");
    for (const role of ["admin", "security"] as const)
      expect(refusal("accepted", "approve_payment", user(role)).code).toBe("forbidden");
    expect(refusal("accepted", "approve_payment", SYSTEM_ACTOR).code).toBe("forbidden");
  });

  it("refuses payment approval for a delivery that is not accepted, saying what it can become", () => {
    const e = refusal("verifying", "approve_payment", user("finance"));
    expect(e.code).toBe("conflict");
    expect(e.message).toBe(
      "A milestone that is verifying cannot approve a payment; it can become accepted or rejected.",
    );
  });

  it("says a paid milestone is final", () => {
    expect(refusal("paid", "deliver", user("security")).message).toBe(
      "A milestone that is paid cannot record a delivery; it is final.",
    );
  });

  it("has a rule for every move, each leading somewhere new", () => {
    for (const [move, rule] of Object.entries(MILESTONE_MOVES)) {
      expect(rule.from.length, move).toBeGreaterThan(0);
      expect(rule.from, move).not.toContain(rule.to);
    }
  });
});
