import { describe, expect, it } from "vitest";
import { clauseFeatures } from "./clause-features.ts";
import { matchRules } from "./clause-rules.ts";

describe("clause features", () => {
  it("sees a negation that governs 'compete' several words later", () => {
    const features = clauseFeatures(
      "During the Term, Vendor shall not, directly or indirectly, own or operate any business that competes with Client.",
    );
    expect(features.get("cue:not-compete")).toBeGreaterThan(0);
    expect(features.get("cue:not-engage")).toBeGreaterThan(0);
    expect(features.has("cue:restriction-exception")).toBe(false);
  });

  it("marks a carve-out from a restriction apart from the restriction", () => {
    const features = clauseFeatures(
      "Nothing in this Agreement shall prevent Vendor from providing similar services.",
    );
    expect(features.get("cue:restriction-exception")).toBeGreaterThan(0);
    expect(features.has("cue:not-compete")).toBe(false);
  });

  it("keeps the word features at unit length whatever cues are added", () => {
    const features = clauseFeatures(
      "Vendor hereby assigns to Client all right, title and interest in the Deliverables.",
    );
    const words = [...features].filter(([name]) => !name.includes(":"));
    expect(words.reduce((sum, [, v]) => sum + v * v, 0)).toBeCloseTo(1, 9);
    expect(features.get("cue:assign-ip")).toBeGreaterThan(0);
    expect(features.get("rule:ip-assignment:0")).toBeGreaterThan(0);
  });

  it("reads the drafting patterns it is given as it would have matched them", () => {
    const text = "Vendor hereby assigns to Client all right, title and interest in the Deliverables.";
    expect(clauseFeatures(text, matchRules(text))).toEqual(clauseFeatures(text));
    expect(clauseFeatures(text, new Map()).has("rule:ip-assignment:0")).toBe(false);
  });

  it("tells a promise not to deal with others from a ban on competing business", () => {
    const exclusivity = clauseFeatures(
      "During the Term, Distributor shall not enter into any distribution agreement with any other supplier of such products.",
    );
    expect(exclusivity.get("cue:not-deal-with-others")).toBeGreaterThan(0);
    expect(exclusivity.has("cue:competing-business")).toBe(false);
    const covenant = clauseFeatures(
      "Licensee shall not develop or sell any competing products in the Territory during the Term.",
    );
    expect(covenant.get("cue:competing-business")).toBeGreaterThan(0);
    expect(covenant.has("cue:not-deal-with-others")).toBe(false);
  });
});
