import { describe, expect, it } from "vitest";
import { hasAnchor, matchRules, ruleScores } from "./clause-rules.ts";

describe("clauses that look like a non-compete but are not one", () => {
  it("rules out a carve-out from a restriction", () => {
    expect(
      hasAnchor(
        "non-compete",
        "Nothing in this Agreement shall prohibit Vendor from distributing competing products.",
      ),
    ).toBe(false);
    expect(
      hasAnchor(
        "non-compete",
        "The foregoing restrictions shall not apply to any acquisition of a competing business.",
      ),
    ).toBe(false);
  });

  it("rules out non-solicitation of staff or customers and non-disparagement", () => {
    expect(
      hasAnchor("non-compete", "During the Term, Vendor shall not solicit or hire any employee of Client."),
    ).toBe(false);
    expect(
      hasAnchor("non-compete", "Vendor will not solicit any customer of Client to discontinue its business."),
    ).toBe(false);
    expect(
      hasAnchor("non-compete", "Neither party shall disparage the other or place it in a negative light."),
    ).toBe(false);
  });

  it("keeps a covenant not to compete that also carves out an exception or mentions staff", () => {
    expect(
      hasAnchor(
        "non-compete",
        "Vendor shall not compete with Client in the Territory, provided that nothing in this Agreement shall prevent Vendor from holding 2% of a listed company.",
      ),
    ).toBe(true);
    expect(
      hasAnchor(
        "non-compete",
        "Vendor shall not engage in any business competing with Client, nor solicit any employee of Client.",
      ),
    ).toBe(true);
  });
});

describe("joint ownership and IP assignment", () => {
  it("does not take jointly owned IP for an assignment", () => {
    expect(hasAnchor("ip-assignment", "Inventions made jointly by the parties shall be jointly owned.")).toBe(
      false,
    );
    expect(
      hasAnchor(
        "ip-assignment",
        "Each Party hereby assigns to the other Party an undivided one-half interest in all Joint Inventions.",
      ),
    ).toBe(false);
  });

  it("keeps an assignment to one party written beside joint ownership", () => {
    expect(
      hasAnchor(
        "ip-assignment",
        "Vendor hereby assigns to Client all right, title and interest in the Deliverables. Tools developed jointly shall be jointly owned.",
      ),
    ).toBe(true);
  });
});

describe("pattern evidence", () => {
  it("combines the patterns matched, and a heading strengthens it only when a pattern matched", () => {
    const law = "This Agreement shall be governed by the laws of the State of New York.";
    const matches = matchRules(law);
    expect(matches.get("governing-law")).toEqual([0]);
    const plain = ruleScores(matches, "");
    expect(plain.get("governing-law")).toBeCloseTo(0.85, 9);
    expect(ruleScores(matches, "Governing Law").get("governing-law")).toBeCloseTo(1 - 0.15 * 0.6, 9);
    expect(ruleScores(matchRules("The parties met in New York."), "Governing Law").has("governing-law")).toBe(
      false,
    );
  });
});
