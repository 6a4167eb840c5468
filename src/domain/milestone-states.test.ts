import { describe, expect, it } from "vitest";
import { WardenError } from "./errors.ts";
import { assertMilestoneMove, canMoveMilestone, type MilestoneState } from "./milestone-states.ts";

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
// delivery may be delivered again; a delivery may be accepted or rejected without a verification run.
const ALLOWED: [MilestoneState, MilestoneState][] = [
  ["planned", "delivered"],
  ["delivered", "verifying"],
  ["delivered", "accepted"],
  ["delivered", "rejected"],
  ["verifying", "accepted"],
  ["verifying", "rejected"],
  ["rejected", "delivered"],
  ["accepted", "payment_approved"],
  ["payment_approved", "paid"],
];

function refusal(from: MilestoneState, to: MilestoneState): WardenError {
  try {
    assertMilestoneMove(from, to);
  } catch (e) {
    if (e instanceof WardenError) return e;
    throw e;
  }
  throw new Error(`${from} → ${to} was allowed`);
}

describe("the milestone state machine", () => {
  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(canMoveMilestone(from, to)).toBe(true);
    expect(() => assertMilestoneMove(from, to)).not.toThrow();
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

  it("refuses payment approval for a delivery that is not accepted, saying what it can become", () => {
    const e = refusal("verifying", "payment_approved");
    expect(e.code).toBe("conflict");
    expect(e.message).toBe(
      "A milestone that is verifying cannot become payment approved; it can become accepted or rejected.",
    );
    expect(refusal("rejected", "payment_approved").message).toBe(
      "A milestone that is rejected cannot become payment approved; it can become delivered.",
    );
  });

  it("refuses paying before the payment is approved", () => {
    expect(refusal("accepted", "paid").message).toBe(
      "A milestone that is accepted cannot become paid; it can become payment approved.",
    );
  });

  it("says a paid milestone is final", () => {
    expect(refusal("paid", "delivered").message).toBe(
      "A milestone that is paid cannot become delivered; it is final.",
    );
  });

  it("refuses staying in place", () => {
    expect(refusal("planned", "planned").message).toBe(
      "A milestone that is planned cannot become planned; it can become delivered.",
    );
  });
});
